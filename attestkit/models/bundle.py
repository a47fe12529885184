"""Evidence bundle manifest and the collection errors it records (DESIGN section 2)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from attestkit.models.base import StrictModel, UtcDateTime

BUNDLE_FORMAT_VERSION = 1


class CollectionError(StrictModel):
    """A read that failed for a whole scope (a service in a region), leaving its resources unread.

    Every check that judges one of `resource_types` reports `error` for this scope.
    """

    service: str = Field(description="Service or API family, e.g. `ec2`, `s3`, `cloudasset`.")
    region: str = Field(description="Region the call was made in, or `global`.")
    account: str | None = Field(default=None, description="Account, project or subscription, when known.")
    api: str = Field(description="The failed call as `service:Operation`.")
    code: str = Field(description="The provider's error code, e.g. `AccessDenied`, `Throttling`.")
    message: str
    resource_types: list[str] = Field(description="Resource types this failure left unread.")


class ToolInfo(StrictModel):
    name: Literal["attestkit"] = "attestkit"
    version: str


class CollectorInfo(StrictModel):
    name: str
    version: str
    provider: str


class CollectionScope(StrictModel):
    """What the run was asked to cover. `resource_types` is the collector's coverage."""

    accounts: list[str] = Field(default_factory=list, description="Accounts, projects or subscriptions.")
    regions: list[str] = Field(default_factory=list)
    resource_types: list[str] = Field(default_factory=list, description="Types the run collected (or tried to).")
    options: dict[str, list[str]] = Field(default_factory=dict, description="Collector options that narrowed it.")
    inventory: bool = Field(
        default=True,
        description=(
            "True when the bundle is an inventory of its scope (a live collection): a check whose types "
            "it does not cover is 'not collected' (error). False for a change set such as a Terraform "
            "plan: such a check is simply out of scope."
        ),
    )


class FileDigest(StrictModel):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    bytes: int = Field(ge=0)


class BundleManifest(StrictModel):
    """`manifest.json`: what one collection run left on disk, and the hash of every file."""

    format_version: Literal[1] = BUNDLE_FORMAT_VERSION
    tool: ToolInfo
    collector: CollectorInfo
    scope: CollectionScope
    started_at: UtcDateTime
    finished_at: UtcDateTime
    resource_counts: dict[str, int] = Field(description="Resources per type.")
    errors: list[CollectionError] = Field(default_factory=list)
    files: dict[str, FileDigest] = Field(description="SHA-256 of every other file of the bundle.")
