"""`attest collect <collector>`: snapshot configuration into a new evidence bundle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from attestkit import registry
from attestkit.cli.console import info, quiet_option, warn
from attestkit.collectors.interface import Collector
from attestkit.errors import PluginError
from attestkit.pipeline import collect as run_collect
from attestkit.progress import StderrProgress

DEFAULT_EVIDENCE_DIR = Path("evidence")


def _command_for(name: str, collector_cls: type[Collector]) -> click.Command:
    @quiet_option
    @click.option(
        "--out",
        "evidence_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_EVIDENCE_DIR,
        show_default=True,
        help="Directory the new bundle is written under.",
    )
    def command(evidence_dir: Path, quiet: bool, **options: Any) -> int:
        collector = collector_cls.from_cli(**options)
        with StderrProgress(f"collect {name}", quiet=quiet) as progress:
            path, manifest = run_collect(collector, evidence_dir, progress)
        total = sum(manifest.resource_counts.values())
        info(f"wrote [bold]{path}[/bold]: {total} resources of {len(manifest.resource_counts)} types", quiet=quiet)
        if manifest.errors:
            warn(
                f"{len(manifest.errors)} read(s) failed and are recorded in the bundle; "
                "`attest evaluate` reports the checks they affect as errors (exit 3)"
            )
            if not quiet:
                for e in manifest.errors[:10]:
                    where = f"{e.account} {e.region}" if e.account else e.region
                    warn(f"  {e.api} in {where}: {e.code}")
        click.echo(str(path))
        return 0

    params = list(collector_cls.cli_params()) + list(getattr(command, "__click_params__", []))
    return click.Command(
        name=name,
        callback=command,
        params=params,
        help=f"{collector_cls.description}\n\nPrints the new bundle's path on stdout. Exits 0 once the bundle is "
        "written, even when some reads failed: they are recorded and `attest evaluate` reports them (exit 3); "
        "exits 3 when nothing could be collected (no credentials).",
        epilog=f"\b\nExample:\n  {collector_cls.cli_example()}\n  attest evaluate",
    )


def _broken_command(name: str, error: PluginError) -> click.Command:
    """A collector that failed to import: listed as unavailable, its error shown when run."""

    def command() -> int:
        raise error

    return click.Command(name=name, callback=command, help=f"(unavailable) {error.message}")


class CollectorGroup(click.Group):
    """Subcommands come from the collector registry (entry points), built-ins included."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(registry.names(registry.COLLECTORS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in registry.names(registry.COLLECTORS):
            return None
        try:
            collector_cls = registry.plugin(registry.COLLECTORS, cmd_name)
        except PluginError as exc:
            return _broken_command(cmd_name, exc)
        return _command_for(cmd_name, collector_cls)


@click.group(
    cls=CollectorGroup,
    epilog="\b\nExample:\n  attest collect aws --region us-east-1 --region eu-west-1\n  attest collect aws --profile prod-readonly",
)
def collect() -> None:
    """Snapshot a cloud's configuration into an evidence bundle under ./evidence/.

    Collectors only read. The bundle is written to a temporary directory and renamed into
    place when complete, with the SHA-256 of every file in its manifest.
    """
