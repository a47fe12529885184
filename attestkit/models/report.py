"""Control status and the report `attest evaluate` writes as results.json (DESIGN section 4)."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import Field

from attestkit.models.base import StrictModel, UtcDateTime
from attestkit.models.bundle import CollectionScope, CollectorInfo, FileDigest, ToolInfo
from attestkit.models.check import CheckInfo, Severity
from attestkit.models.result import Result
from attestkit.models.waiver import AcceptedRisk, WaiverReport

REPORT_FORMAT_VERSION = 1


class ControlState(str, Enum):
    """A control's status from its checks' results in scope.

    Precedence: not_satisfied (any fail not waived) > incomplete (any error, or a needed
    collector did not run) > satisfied (every result passed, or failed under a waiver) >
    not_applicable (no resource in scope); manual when no automated check maps to the control.
    A satisfied control whose failures are waived lists them as `accepted_risk`.
    """

    SATISFIED = "satisfied"
    NOT_SATISFIED = "not_satisfied"
    INCOMPLETE = "incomplete"
    NOT_APPLICABLE = "not_applicable"
    MANUAL = "manual"


class ResultCounts(StrictModel):
    passed: int = 0
    failed: int = Field(default=0, description="Failing results, waived ones included.")
    errored: int = 0
    waived: int = Field(default=0, description="Of `failed`, those a waiver accepts (here: for this control).")


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
    failing_resources: list[str] = Field(
        default_factory=list, description="Resources failing a check of the control, not waived for it."
    )
    errored_resources: list[str] = Field(default_factory=list)
    manual_evidence: str | None = Field(default=None, description="What a person must still provide.")
    accepted_risk: list[AcceptedRisk] = Field(
        default_factory=list,
        description="Failing results a waiver accepts for this control: they do not count against its status.",
    )


class FrameworkReport(StrictModel):
    framework: str
    name: str
    catalog_version: str
    counts: dict[ControlState, int]
    controls: list[ControlStatus]
    accepted_risk: int = Field(default=0, description="Controls with accepted risk (waived failures).")


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


class GateControl(StrictModel):
    framework: str
    control_id: str


BaselineChangeKind = Literal["new", "pass->fail", "error->fail", "waived->fail", "severity"]


class BaselineChange(StrictModel):
    """A failing result that is new or worse than in the baseline."""

    check_id: str
    resource_id: str
    severity: Severity
    change: BaselineChangeKind = Field(
        description="`new`: not in the baseline; `waived->fail`: its waiver expired or was removed; "
        "`severity`: failed before at a lower severity."
    )
    before: str | None = Field(default=None, description="Baseline status, or its severity for `severity`.")


class BaselineInfo(StrictModel):
    """`--baseline RESULTS.json`: the earlier results the findings were compared with."""

    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    generated_at: UtcDateTime
    results: int = Field(description="Results in the baseline.")
    new_or_worse: int = Field(description="Failing results (not waived, gated checks) new or worse than the baseline.")
    unchanged: int = Field(description="Failing results already failing in the baseline: not gated.")
    changes: list[BaselineChange] = Field(default_factory=list, description="Every new or worse failing result.")


class GateInfo(StrictModel):
    fail_on: Severity | Literal["none"]
    frameworks: list[str]
    allow_incomplete: bool
    exit_code: int
    reason: str
    fail_on_frameworks: list[str] = Field(
        default_factory=list, description="--fail-on-framework: any not-satisfied control of these fails the gate."
    )
    findings: int = Field(default=0, description="Failing results that tripped --fail-on.")
    waived: int = Field(default=0, description="Failing results at or above --fail-on not counted: waived.")
    errors: int = Field(default=0, description="Error results of the gated checks.")
    failed_controls: list[GateControl] = Field(
        default_factory=list, description="Not-satisfied controls that tripped --fail-on-framework."
    )
    baseline: BaselineInfo | None = None


class ResultTotals(StrictModel):
    passed: int = 0
    failed: int = 0
    errored: int = 0
    resources: int = 0
    waived: int = Field(default=0, description="Of `failed`, those waived for every control and the gate.")


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
    waivers: WaiverReport | None = Field(
        default=None, description="The waiver file used, if any, and what each waiver did."
    )
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
