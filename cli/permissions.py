"""`attest permissions <collector>`: the exact read-only permissions a collector needs."""

from __future__ import annotations

import click

from attestkit import registry


@click.command(epilog="\b\nExample:\n  attest permissions aws > attestkit-readonly.json")
@click.argument("collector")
def permissions(collector: str) -> int:
    """Print the least-privilege policy a collector needs, generated from the permissions it
    declares (for AWS: an IAM policy document to attach to the role that runs attestkit)."""
    collector_cls = registry.plugin(registry.COLLECTORS, collector)
    click.echo(collector_cls.permission_document())
    return 0
