"""Check metadata: the `# METADATA` block of every Rego check (DESIGN section 3)."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from attestkit.models.base import StrictModel

CHECK_ID_PATTERN = r"^[a-z][a-z0-9]*(\.[a-z0-9_]+){2,}$"


class Severity(str, Enum):
    """How bad a failure is; `--fail-on` compares by `rank`."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.LOW: 1, Severity.MEDIUM: 2, Severity.HIGH: 3, Severity.CRITICAL: 4}


class RelatedResource(StrictModel):
    ref: str = Field(description="A vendor documentation URL.")
    description: str | None = None


class CheckCustom(StrictModel):
    """The `custom` part of a check's METADATA; unknown fields are rejected."""

    id: str = Field(pattern=CHECK_ID_PATTERN, description="Stable id, never reused, e.g. `aws.s3.bucket_encryption_at_rest`.")
    severity: Severity
    resource_types: list[str] = Field(min_length=1, description="Resource types the check judges.")
    remediation: str = Field(min_length=1)


class CheckMetadata(StrictModel):
    """A package-scoped METADATA annotation in OPA's format."""

    scope: str = Field(default="package", pattern="^package$")
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    related_resources: list[RelatedResource] = Field(default_factory=list)
    custom: CheckCustom


class CheckInfo(StrictModel):
    """A check as reports list it: its metadata plus where it came from."""

    id: str
    title: str
    description: str
    severity: Severity
    resource_types: list[str]
    remediation: str
    package: str = Field(description="Rego package, e.g. `attestkit.checks.aws.s3.bucket_encryption_at_rest`.")
    origin: str = Field(description="`builtin` or the user policy directory it was loaded from.")
    related_resources: list[RelatedResource] = Field(default_factory=list)
