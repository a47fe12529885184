"""`attest demo`: the whole pipeline on a simulated account, reports in ./attest-demo/."""

from __future__ import annotations

from pathlib import Path

import click

from attestkit.cli.console import info, quiet_option, stdout_console
from attestkit.demo import DEMOS, demo_collector, prepare_demo_dir
from attestkit.progress import StderrProgress
from attestkit.reports.terminal import TerminalReport


@click.command(epilog="\b\nExamples:\n  attest demo\n  attest demo aws --dir /tmp/attest-demo")
@click.argument("provider", required=False, default="aws", type=click.Choice(sorted(DEMOS)))
@click.option(
    "--dir",
    "demo_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("attest-demo"),
    show_default=True,
    help="Where the demo writes PROVIDER/evidence/ and PROVIDER/report/.",
)
@quiet_option
def demo(provider: str, demo_dir: Path, quiet: bool) -> int:
    """Run collect -> evaluate -> map -> report against a simulated telehealth company
    (AWS: moto in-process): no cloud account, credentials or network needed.

    The estate has compliant and deliberately misconfigured resources; the findings are the
    point, so the demo exits 0 whenever the pipeline ran.
    """
    from attestkit.pipeline import evaluate

    evidence_dir = prepare_demo_dir(demo_dir / provider, provider)
    info(f"simulating {provider.upper()} for Carebridge Health, a small telehealth company ...", quiet=quiet)
    with StderrProgress(f"collect {provider} (simulated)", quiet=quiet) as progress:
        bundle, manifest = demo_collector(provider)(evidence_dir, progress)
    info(f"collected {sum(manifest.resource_counts.values())} resources into {bundle}", quiet=quiet)
    run = evaluate(bundle, output_dir=demo_dir / provider / "report")
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
