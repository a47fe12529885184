"""`attest evaluate [BUNDLE]`: judge a bundle, map to controls, write reports, gate."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from attestkit.bundle import newest_bundle
from attestkit.cli.console import (
    EXIT_CODES_HELP,
    info,
    mappings_option,
    policies_option,
    quiet_option,
    stdout_console,
    warn,
)
from attestkit.errors import InputError
from attestkit.gate import FAIL_ON_CHOICES, parse_fail_on
from attestkit.models import WaiverState
from attestkit.pipeline import FILE_FORMATS, format_named
from attestkit.pipeline import evaluate as run_evaluate
from attestkit.reports.interface import RenderContext
from attestkit.reports.terminal import TerminalReport
from attestkit.waivers import DEFAULT_WAIVERS

DEFAULT_EVIDENCE_DIR = Path("evidence")
OPA_TOKEN_ENV = "ATTEST_OPA_TOKEN"
REPORT_URL_ENV = "ATTEST_REPORT_URL"
SARIF_ARTIFACT_ENV = "ATTEST_SARIF_ARTIFACT"
OUTPUT_FORMATS = ["terminal", *FILE_FORMATS]
_F = TypeVar("_F", bound=Callable[..., Any])


def engine_options(f: _F) -> _F:
    """--engine and the OPA server options, shared by `attest evaluate` and `attest policy test`."""
    options = [
        click.option(
            "--engine",
            "engine_name",
            default="regorus",
            show_default=True,
            help="Rego engine plugin: regorus (embedded) or opa (an OPA server, with --opa-url).",
        ),
        click.option(
            "--opa-url",
            metavar="URL",
            help="With --engine opa: the OPA server's base URL, e.g. http://127.0.0.1:8181 (docs/engines.md).",
        ),
        click.option(
            "--opa-token",
            metavar="TOKEN",
            envvar=OPA_TOKEN_ENV,
            help=f"With --engine opa: bearer token for the server's authentication (prefer ${OPA_TOKEN_ENV}).",
        ),
        click.option(
            "--opa-timeout",
            type=click.FloatRange(min=0, min_open=True),
            metavar="SECONDS",
            help="With --engine opa: timeout of each request, retried on connection errors and 502/503/504 [default: 60].",
        ),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def engine_options_from(
    engine_name: str, opa_url: str | None, opa_token: str | None, opa_timeout: float | None
) -> dict[str, Any]:
    """The keyword options for `engine_named`; an OPA option given for another engine is a usage error."""
    if engine_name != "opa":
        ctx = click.get_current_context()
        given = [
            f"--{name.replace('_', '-')}"
            for name in ("opa_url", "opa_token", "opa_timeout")
            if ctx.get_parameter_source(name) == ParameterSource.COMMANDLINE
        ]
        if given:
            raise InputError(f"{', '.join(given)} apply to --engine opa only; add --engine opa or drop them")
        return {}
    options: dict[str, Any] = {"url": opa_url, "token": opa_token or None}
    if opa_timeout is not None:
        options["timeout"] = opa_timeout
    return options


@click.command(
    epilog="\b\nExamples:\n  attest evaluate\n  attest evaluate evidence/aws-20261128T020000Z --fail-on high\n"
    "  attest evaluate --framework hipaa --format json > results.json\n"
    "  attest evaluate --fail-on none --fail-on-framework hipaa --waivers .attest/waivers.yaml\n"
    "  attest evaluate --fail-on high --baseline main-results.json --format summary\n"
    "  ATTEST_OPA_TOKEN=... attest evaluate --engine opa --opa-url https://opa.internal:8181\n\n" + EXIT_CODES_HELP
)
@click.argument("bundle", required=False, type=click.Path(path_type=Path))
@policies_option
@mappings_option
@click.option("--framework", "frameworks", multiple=True, help="Report and gate on these frameworks only: hipaa, soc2, hitrust.")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    default="info",
    show_default=True,
    help="Exit 1 when a failing result has at least this severity; `none` never fails on findings.",
)
@click.option(
    "--fail-on-framework",
    "fail_on_frameworks",
    multiple=True,
    metavar="FRAMEWORK",
    help="Exit 1 when any control of FRAMEWORK is not satisfied (waivers included; repeatable). "
    "Combine with --fail-on none to gate on control status only.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="RESULTS.json",
    help="An earlier results.json: --fail-on and --fail-on-framework count only failures new or worse than "
    "in it (pass->fail, error->fail, waived->fail, higher severity), matched by check and resource id. "
    "Errors still exit 3.",
)
@click.option("--allow-incomplete", is_flag=True, help="Do not exit 3 on error results (unreadable evidence).")
@click.option(
    "--waivers",
    "waivers_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help=f"Waiver file (docs/ci.md) [default: {DEFAULT_WAIVERS} when it exists]. A waived failure keeps "
    "its status, is reported as accepted risk and does not trip the gate; expired waivers are ignored.",
)
@click.option("--no-waivers", is_flag=True, help=f"Do not read {DEFAULT_WAIVERS}.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    default="terminal",
    show_default=True,
    help="What to print on stdout. results.json, report.md, report.sarif, report.junit.xml and summary.md "
    "are always written.",
)
@click.option(
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory for results.json, the reports and their manifest (default: BUNDLE/evaluation).",
)
@click.option(
    "--report-url",
    metavar="URL",
    envvar=REPORT_URL_ENV,
    help=f"Where the full report is published (a CI run or artifact page): summary.md links to it "
    f"[env {REPORT_URL_ENV}; default: report.md beside it].",
)
@click.option(
    "--sarif-artifact",
    metavar="PATH",
    envvar=SARIF_ARTIFACT_ENV,
    help="Repository-relative file that SARIF results without a source file point at (GitHub code scanning "
    f"needs one), e.g. the workflow or the Terraform root module [env {SARIF_ARTIFACT_ENV}].",
)
@engine_options
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Embedded engine: evaluate in N worker processes [default: one per core, at most 4].",
)
@quiet_option
def evaluate(
    bundle: Path | None,
    policy_dirs: tuple[Path, ...],
    mapping_dirs: tuple[Path, ...],
    frameworks: tuple[str, ...],
    fail_on: str,
    fail_on_frameworks: tuple[str, ...],
    baseline: Path | None,
    allow_incomplete: bool,
    waivers_path: Path | None,
    no_waivers: bool,
    output_format: str,
    output_dir: Path | None,
    report_url: str | None,
    sarif_artifact: str | None,
    engine_name: str,
    opa_url: str | None,
    opa_token: str | None,
    opa_timeout: float | None,
    jobs: int | None,
    quiet: bool,
) -> int:
    """Evaluate an evidence bundle (default: the newest under ./evidence/) with every check,
    passing results included; apply the waivers; map the results to HIPAA, SOC 2 and HITRUST
    controls; write results.json, report.md, report.sarif, report.junit.xml and summary.md;
    print a summary; exit with the gate's code.

    A bundle that does not verify is refused. Errors outrank findings: unreadable evidence
    exits 3 even when failures were found, so exit 1 always means a complete judgement.
    An invalid waiver file or baseline exits 2 before anything is evaluated or written.

    With --engine opa the checks are judged by an Open Policy Agent server (--opa-url): the
    policy set is uploaded unless the server already holds it; an unreachable or failing
    server exits 3, a policy it rejects exits 2.
    """
    options = engine_options_from(engine_name, opa_url, opa_token, opa_timeout)
    if jobs is not None:
        if engine_name != "regorus":
            raise InputError("--jobs applies to the embedded engine (--engine regorus) only; drop it")
        options["jobs"] = jobs
    if no_waivers and waivers_path is not None:
        raise InputError("--waivers and --no-waivers contradict each other; drop one")
    if waivers_path is None and not no_waivers and DEFAULT_WAIVERS.is_file():
        waivers_path = DEFAULT_WAIVERS
    path = bundle if bundle is not None else newest_bundle(DEFAULT_EVIDENCE_DIR)
    context = RenderContext(report_url=report_url or None, sarif_artifact=sarif_artifact or None)
    run = run_evaluate(
        path,
        policy_dirs=list(policy_dirs),
        mapping_dirs=list(mapping_dirs),
        frameworks=list(frameworks),
        fail_on=parse_fail_on(fail_on),
        allow_incomplete=allow_incomplete,
        engine_name=engine_name,
        engine_options=options,
        output_dir=output_dir,
        fail_on_frameworks=list(fail_on_frameworks),
        waivers_path=waivers_path,
        baseline_path=baseline,
        context=context,
    )
    if output_format == "terminal":
        console = stdout_console()
        TerminalReport().print(run.report, console)
    elif output_format in run.written:  # already rendered into its file: print that, do not render twice
        sys.stdout.write(run.written[output_format].read_text(encoding="utf-8"))
    else:
        sys.stdout.write(format_named(output_format, context).render(run.report))
    for name, written in sorted(run.written.items()):
        info(f"{name} report: {written}", quiet=quiet)
    if run.report.waivers is not None:
        info(f"waivers: {run.report.waivers.file}", quiet=quiet)
    if run.report.waivers is not None and not quiet:
        for outcome in run.report.waivers.waivers:
            w = outcome.waiver
            if outcome.state is WaiverState.EXPIRED:
                warn(f"{w.source}: waiver for {w.check} {w.resources} expired on {w.expires.isoformat()}; "
                     f"its {outcome.matched} failing result(s) count again: renew or remove it")
            elif outcome.state is WaiverState.STALE:
                warn(f"{w.source}: waiver for {w.check} {w.resources} matches no failing result; remove it")
    return run.report.gate.exit_code
