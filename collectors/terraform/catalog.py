"""What the Terraform collector can write: judged types, the Terraform resources each is built
from, the context types, and the judged types no Terraform resource can express."""

from __future__ import annotations

from attestkit.collectors.terraform import aws, azure, gcp

TABLE: dict[str, tuple[str, ...]] = {
    rtype: tuple(tf) for module in (aws, gcp, azure) for rtype, tf in sorted(module.TABLE.items())
}
"""Resource type -> the Terraform resource types it is built from (the first ones are the parents)."""

CONTEXT_TYPES: frozenset[str] = aws.CONTEXT_TYPES | gcp.CONTEXT_TYPES | azure.CONTEXT_TYPES
"""Types no check reports on by themselves; written even when unchanged, as evidence."""

NO_EQUIVALENT: dict[str, str] = {**aws.NO_EQUIVALENT, **gcp.NO_EQUIVALENT, **azure.NO_EQUIVALENT}
"""Judged types with no Terraform resource, and why."""

RESOURCE_TYPES: tuple[str, ...] = tuple(sorted(TABLE))
