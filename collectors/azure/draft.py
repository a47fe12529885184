"""ResourceDraft: one Azure resource being read, before it goes to the sink.

A draft starts from a Resource Graph row (or a subscription's ARM body); each child read
either sets its config key or, when it fails, leaves the key absent and records a
`ReadError`, as docs/resources/azure.md requires.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from attestkit.collectors.azure import sanitize
from attestkit.collectors.azure.calls import ApiFailure, Arm
from attestkit.collectors.azure.catalog import ChildRead
from attestkit.models import ReadError, Resource

PROVIDER = "azure"
SOURCE = "azure-arm"
GLOBAL = "global"

BODY_KEYS = ("kind", "sku", "plan", "identity", "zones", "managedBy", "extendedLocation", "properties")
"""The parts of an ARM resource body kept in `config` (the envelope - id, name, type,
location, tags - goes to the Resource's own fields)."""


def tag_dict(tags: Any) -> dict[str, str]:
    return {str(k): "" if v is None else str(v) for k, v in tags.items()} if isinstance(tags, dict) else {}


@dataclass
class ResourceDraft:
    type: str
    id: str
    account: str | None
    region: str
    name: str | None = None
    config: dict[str, Any] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    errors: list[ReadError] = field(default_factory=list)

    @classmethod
    def from_row(cls, rtype: str, row: dict[str, Any]) -> ResourceDraft:
        """A Resource Graph row (objectArray): ARM's resource body plus Resource Graph's columns."""
        return cls(
            type=rtype,
            id=str(row["id"]),
            account=str(row["subscriptionId"]) if row.get("subscriptionId") else None,
            region=str(row.get("location") or GLOBAL).lower(),
            name=str(row["name"]) if row.get("name") is not None else None,
            config=sanitize.scrub({k: row[k] for k in BODY_KEYS if k in row}),
            tags=tag_dict(row.get("tags")),
        )

    def read(self, arm: Arm, child: ChildRead) -> None:
        """Run one child read below this resource's id into config (or record its failure)."""
        path = f"{self.id}/{child.path}"
        try:
            if child.list:
                value = child.pick(arm.list(child.operation, path, child.api_version))
            else:
                value = child.pick(arm.get(child.operation, path, child.api_version))
        except ApiFailure as failure:
            self.errors.append(failure.read_error())
            return
        keys = (child.key,) if isinstance(child.key, str) else child.key
        target = self.config
        for key in keys[:-1]:
            target = target.setdefault(key, {})
        target[keys[-1]] = value

    def build(self) -> Resource:
        return Resource(
            provider=PROVIDER,
            source=SOURCE,
            type=self.type,
            id=self.id,
            name=self.name,
            account=self.account,
            region=self.region,
            tags=dict(sorted(self.tags.items())),
            config=self.config,
            errors=self.errors,
        )
