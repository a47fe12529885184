"""`attest demo`: the whole pipeline on a simulated account, reports in ./attest-demo/."""

from __future__ import annotations

from pathlib import Path

import click

from attestkit.cli.console import info, quiet_option, stdout_console
from attestkit.progress import StderrProgress
from attestkit.reports.terminal import TerminalReport


@click.command(epilog="\b\nExamples:\n  attest demo\n  attest demo aws --dir /tmp/attest-demo")
@click.argument("provider", required=False, default="aws", type=click.Choice(["aws"]))
@click.option(
    "--dir",
    "demo_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("attest-demo"),
    show_default=True,
    help="Where the demo writes its bundle and reports.",
)
@quiet_option
def demo(provider: str, demo_dir: Path, quiet: bool) -> int:
    """Run collect -> evaluate -> map -> report against a simulated telehealth company's AWS
    account (moto, in-process): no cloud account, credentials or network needed.

    The account has compliant and deliberately misconfigured resources in three regions;
    the findings are the point, so the demo exits 0 whenever the pipeline ran.
    """
    from attestkit.demo.runner import collect_demo_account, prepare_demo_dir
    from attestkit.pipeline import evaluate

    evidence_dir = prepare_demo_dir(demo_dir)
    info(f"seeding a simulated {provider.upper()} account for Carebridge Health (telehealth) in moto ...", quiet=quiet)
    with StderrProgress("collect aws (simulated)", quiet=quiet) as progress:
        bundle, manifest, _ = collect_demo_account(evidence_dir, progress)
    info(f"collected {sum(manifest.resource_counts.values())} resources into {bundle}", quiet=quiet)
    run = evaluate(bundle, output_dir=demo_dir / "report")
    TerminalReport().print(run.report, stdout_console())
    click.echo()
    click.echo(
        f"The findings are deliberate: `attest demo` exits 0; `attest evaluate` on this bundle would exit "
        f"{run.report.gate.exit_code} ({run.report.gate.reason})."
    )
    click.echo(f"Evidence bundle:  {bundle}")
    for name, path in sorted(run.written.items()):
        click.echo(f"{name.capitalize():<17} {path}")
    click.echo("Next: read the Markdown report, or try `attest framework show hipaa` and `attest policy list`.")
    return 0
