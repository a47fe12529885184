"""Waivers: a documented, owned, expiring acceptance of a failing result (DESIGN section 4).

The file `attest evaluate --waivers FILE` reads (default `.attest/waivers.yaml`) is a
`WaiverFile`; each entry a `Waiver`. What an evaluation did with them is a `WaiverReport`
in results.json. Semantics: docs/ci.md ("Waivers").
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema

from attestkit.models.base import StrictModel
from attestkit.models.check import CHECK_ID_PATTERN, Severity

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _calendar_date(value: Any) -> Any:
    """A calendar date, `YYYY-MM-DD` (YAML's unquoted date or the same text); nothing else.

    pydantic's lax date parsing would also take a Unix timestamp (`expires: 1735689600`) or a
    date-time; an expiry is a day, written the way people read it.
    """
    if isinstance(value, datetime):
        raise ValueError("give a date (YYYY-MM-DD), not a date and time")  # noqa: TRY004 - pydantic wants ValueError
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ValueError(f"{value!r} is not a calendar date ({exc})") from None
    raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD")


CalendarDate = Annotated[
    date,
    BeforeValidator(_calendar_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _ISO_DATE.pattern}),
]


class WaiverControl(StrictModel):
    """The one control a control-scoped waiver applies to."""

    framework: str = Field(min_length=1, description="Framework key: hipaa, soc2, hitrust.")
    id: str = Field(min_length=1, description="Control id as in the framework's catalog, e.g. `164.312(a)(2)(iv)`.")


class Waiver(StrictModel):
    """One entry of a waiver file: which failing results are accepted, by whom, why, until when."""

    check: str = Field(pattern=CHECK_ID_PATTERN, description="The check id whose failures are waived.")
    resources: str = Field(
        min_length=1,
        description=(
            "Pattern over resource ids (ARN, resource name, resource ID or Terraform plan address): `*` matches "
            "any run of characters, `?` one character, everything else (`[`, `]`, `/`, `:`) itself."
        ),
    )
    owner: str = Field(min_length=1, description="Who accepted the risk and answers for it.")
    reason: str = Field(min_length=1, description="Why the risk is accepted (the compensating control, the plan).")
    expires: CalendarDate = Field(description="Last day the waiver applies (inclusive, UTC). Required.")
    control: WaiverControl | None = Field(
        default=None,
        description=(
            "Limit the waiver to one control's status: the result stays a failure for every other control "
            "and for the --fail-on gate."
        ),
    )
    ticket: str | None = Field(default=None, description="Tracking reference, e.g. `SEC-1234` or a URL.")


class WaiverFile(StrictModel):
    """`.attest/waivers.yaml`."""

    version: Literal[1] = 1
    waivers: list[Waiver] = Field(default_factory=list)


class AppliedWaiver(Waiver):
    """A waiver as results and reports carry it: its fields plus where it was written."""

    source: str = Field(description="The waiver file and entry, e.g. `.attest/waivers.yaml#3`.")


class WaiverState(str, Enum):
    ACTIVE = "active"
    EXPIRED = "expired"
    STALE = "stale"


class WaiverOutcome(StrictModel):
    """What one waiver did in one evaluation."""

    waiver: AppliedWaiver
    state: WaiverState = Field(
        description=(
            "`active`: it waived `matched` failing results; `expired`: past its date, ignored (those "
            "results count as usual); `stale`: in force but it matches no failing result."
        )
    )
    matched: int = Field(ge=0, description="Failing results it matches (for an expired waiver: would match).")


class WaiverReport(StrictModel):
    """The waivers an evaluation read, and what each did."""

    file: str = Field(description="Path of the waiver file.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the waiver file as read.")
    today: CalendarDate = Field(description="The evaluation date (UTC) expiry was judged against.")
    waived_results: int = Field(default=0, ge=0, description="Failing results waived for every control and the gate.")
    waivers: list[WaiverOutcome] = Field(default_factory=list)

    def in_state(self, state: WaiverState) -> list[WaiverOutcome]:
        return [w for w in self.waivers if w.state is state]


class AcceptedRisk(StrictModel):
    """Failing results of one check that one waiver accepts for one control."""

    check_id: str
    severity: Severity
    resources: list[str] = Field(description="The waived failing resources, sorted.")
    waiver: AppliedWaiver
