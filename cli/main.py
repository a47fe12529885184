"""`attest`: the root command and the one place errors become exit codes."""

from __future__ import annotations

import logging
import sys

import click

from attestkit import __version__
from attestkit.cli.collect import collect
from attestkit.cli.console import EXIT_CODES_HELP
from attestkit.cli.demo import demo
from attestkit.cli.evaluate import evaluate
from attestkit.cli.framework import framework
from attestkit.cli.permissions import permissions
from attestkit.cli.policy import policy
from attestkit.cli.verify import verify
from attestkit.errors import AttestError, ExitCode


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="\b\nExample:\n  attest collect aws && attest evaluate --fail-on high\n\n" + EXIT_CODES_HELP,
)
@click.version_option(__version__, prog_name="attestkit")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs on stderr.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Collect cloud configuration as evidence, judge it with Rego policies, map it to
    HIPAA Security Rule, SOC 2 and HITRUST controls, and gate a pipeline on it."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


cli.add_command(collect)
cli.add_command(verify)
cli.add_command(evaluate)
cli.add_command(demo)
cli.add_command(policy)
cli.add_command(framework)
cli.add_command(permissions)


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI, turning every AttestError into one line and its exit code."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        result = cli.main(args=argv, prog_name="attest", standalone_mode=False)
    except AttestError as exc:
        if debug:
            raise
        click.echo(f"error: {exc.message}", err=True)
        return int(exc.exit_code)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    except (KeyboardInterrupt, click.exceptions.Abort):
        click.echo("interrupted", err=True)
        return int(ExitCode.INTERRUPTED)
    return int(result) if isinstance(result, int) else 0
