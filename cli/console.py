"""Where the CLI writes: machine output on stdout, people's messages and progress on stderr."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console

EXIT_CODES_HELP = """\b
Exit codes:
  0    evaluated, nothing at or above the --fail-on threshold
  1    findings at or above the threshold
  2    usage or invalid input (flags, policy, mapping, waiver, baseline, bundle files)
  3    evidence incomplete (collection or evaluation errors)
  130  interrupted"""


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def stdout_console() -> Console:
    return Console(highlight=False)


def info(message: str, *, quiet: bool = False) -> None:
    """A message for a person, on stderr; suppressed by --quiet."""
    if not quiet:
        stderr_console().print(message)


def warn(message: str) -> None:
    stderr_console().print(f"[yellow]warning:[/yellow] {message}")


quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress or summary on stderr; warnings and errors are still printed.")

policies_option = click.option(
    "--policies",
    "policy_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Directory of your own checks and tests (repeatable), loaded beside the built-in ones.",
)
mappings_option = click.option(
    "--mappings",
    "mapping_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Directory with your own hipaa.yaml / soc2.yaml / hitrust.yaml, replacing the built-in ones (repeatable).",
)
