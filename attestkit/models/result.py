"""Result: one check's judgement of one resource (DESIGN section 4)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import Field

from attestkit.models.base import StrictModel
from attestkit.models.check import Severity
from attestkit.models.waiver import AppliedWaiver


class Status(str, Enum):
    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"


class PolicyResult(StrictModel):
    """The shape every check's `results` rule emits (built by `rego/lib/result.rego`)."""

    resource: str = Field(min_length=1)
    status: Status
    message: str
    evidence: dict[str, Any] = Field(default_factory=dict)


class SourceLocation(StrictModel):
    """Where a planned resource is declared, when its collector knows (a Terraform module's source)."""

    uri: str = Field(min_length=1, description="Path relative to the repository root, `/`-separated.")
    start_line: int | None = Field(default=None, ge=1)


class Result(StrictModel):
    """A policy result joined with its check and resource: the unit reports and the gate use."""

    check_id: str
    resource_id: str
    resource_type: str | None = Field(default=None, description="Null for a scope that could not be read.")
    resource_name: str | None = Field(default=None, description="The resource's display name.")
    provider: str | None = None
    account: str | None = None
    region: str | None = None
    status: Status
    severity: Severity
    message: str
    evidence: dict[str, Any] = Field(default_factory=dict, description="Attribute paths and the values judged.")
    waiver: AppliedWaiver | None = Field(
        default=None,
        description=(
            "The waiver accepting this failure for every control and the gate (a failing result only; "
            "control-scoped waivers are listed on their control). The status stays `fail`."
        ),
    )
    location: SourceLocation | None = Field(
        default=None, description="Source file declaring the resource, when the bundle records one (plans)."
    )
