"""Control status and the report `attest evaluate` writes as results.json (DESIGN section 4)."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import Field

from attestkit.models.base import StrictModel, UtcDateTime
from attestkit.models.bundle import CollectionScope, CollectorInfo, FileDigest, ToolInfo
from attestkit.models.check import CheckInfo, Severity
from attestkit.models.result import Result

REPORT_FORMAT_VERSION = 1


class ControlState(str, Enum):
    """A control's status from its checks' results in scope.

    Precedence: not_satisfied (any fail) > incomplete (any error, or a needed collector
    did not run) > satisfied (all pass) > not_applicable (no resource in scope);
    manual when no automated check maps to the control.
    """

    SATISFIED = "satisfied"
    NOT_SATISFIED = "not_satisfied"
    INCOMPLETE = "incomplete"
    NOT_APPLICABLE = "not_applicable"
    MANUAL = "manual"


class ResultCounts(StrictModel):
    passed: int = 0
    failed: int = 0
    errored: int = 0


class ControlCheck(StrictModel):
    """One check's contribution to one control."""

    check: str
    rationale: str
    counts: ResultCounts
    not_collected: bool = Field(
        default=False, description="The check's resource types were not covered by the collection."
    )


class ControlStatus(StrictModel):
    framework: str
    control_id: str
    title: str
    parent: str | None = None
    category: str
    status: ControlState
    checks: list[ControlCheck] = Field(default_factory=list)
    failing_resources: list[str] = Field(default_factory=list)
    errored_resources: list[str] = Field(default_factory=list)
    manual_evidence: str | None = Field(default=None, description="What a person must still provide.")


class FrameworkReport(StrictModel):
    framework: str
    name: str
    catalog_version: str
    counts: dict[ControlState, int]
    controls: list[ControlStatus]


class BundleRef(StrictModel):
    path: str
    manifest_sha256: str
    collector: CollectorInfo
    scope: CollectionScope
    collected_at: UtcDateTime
    collection_errors: int


class PolicySetInfo(StrictModel):
    sha256: str = Field(description="Hash over every loaded Rego file (path and content).")
    checks: int
    sources: list[str] = Field(description="`builtin` and each --policies directory.")


class GateInfo(StrictModel):
    fail_on: Severity | Literal["none"]
    frameworks: list[str]
    allow_incomplete: bool
    exit_code: int
    reason: str


class ResultTotals(StrictModel):
    passed: int = 0
    failed: int = 0
    errored: int = 0
    resources: int = 0


class Report(StrictModel):
    """results.json: every result, passing ones included, and every control's status."""

    format_version: Literal[1] = REPORT_FORMAT_VERSION
    tool: ToolInfo
    generated_at: UtcDateTime
    engine: str
    bundle: BundleRef
    policy_set: PolicySetInfo
    mappings_sha256: str
    gate: GateInfo
    totals: ResultTotals
    checks: list[CheckInfo]
    results: list[Result]
    frameworks: list[FrameworkReport]


class EvaluationManifest(StrictModel):
    """evaluation/manifest.json: hashes of the results and reports one evaluation wrote."""

    format_version: Literal[1] = REPORT_FORMAT_VERSION
    tool: ToolInfo
    generated_at: UtcDateTime
    bundle_manifest_sha256: str
    policy_set_sha256: str
    mappings_sha256: str
    files: dict[str, FileDigest]
