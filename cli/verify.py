"""`attest verify BUNDLE`: check a bundle's manifest and the SHA-256 of every file."""

from __future__ import annotations

from pathlib import Path

import click

from attestkit.bundle import verify_bundle
from attestkit.cli.console import info, quiet_option
from attestkit.errors import BundleError


@click.command(epilog="\b\nExample:\n  attest verify evidence/aws-20261128T020000Z")
@click.argument("bundle", type=click.Path(path_type=Path))
@quiet_option
def verify(bundle: Path, quiet: bool) -> int:
    """Verify an evidence bundle: manifest valid, every file present and unchanged.

    Exits 0 when the bundle verifies, 2 (naming the first problem) when it does not.
    """
    result = verify_bundle(bundle)
    if not result.ok:
        for problem in result.problems[1:]:
            info(f"[red]problem:[/red] {problem}", quiet=quiet)
        raise BundleError(f"bundle does not verify: {result.problems[0]}")
    manifest = result.manifest
    assert manifest is not None
    total = sum(manifest.resource_counts.values())
    info(
        f"[green]verified[/green] {bundle}: {len(manifest.files)} file(s) match their SHA-256; "
        f"{total} resources, {len(manifest.errors)} collection error(s), collected by "
        f"{manifest.collector.name} {manifest.collector.version}",
        quiet=quiet,
    )
    return 0
