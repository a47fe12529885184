"""What every human-readable format shows, computed once: failing checks and their resources."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from attestkit.models import AppliedWaiver, CheckInfo, ControlState, ControlStatus, Report, Result, Status

STATE_LABELS = {
    ControlState.SATISFIED: "satisfied",
    ControlState.NOT_SATISFIED: "not satisfied",
    ControlState.INCOMPLETE: "incomplete",
    ControlState.NOT_APPLICABLE: "not applicable",
    ControlState.MANUAL: "manual",
}

SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}


@dataclass
class CheckSummary:
    check: CheckInfo
    passed: list[Result] = field(default_factory=list)
    failed: list[Result] = field(default_factory=list)
    errored: list[Result] = field(default_factory=list)
    controls: list[str] = field(default_factory=list)

    @property
    def judged(self) -> int:
        return len(self.passed) + len(self.failed) + len(self.errored)


def check_summaries(report: Report) -> list[CheckSummary]:
    """Every judged check with its results, worst first (severity, then most failures)."""
    by_id = {c.id: CheckSummary(check=c) for c in report.checks}
    for r in report.results:
        s = by_id.get(r.check_id)
        if s is None:
            continue
        {Status.PASS: s.passed, Status.FAIL: s.failed, Status.ERROR: s.errored}[r.status].append(r)
    controls: dict[str, list[str]] = defaultdict(list)
    for fw in report.frameworks:
        for control in fw.controls:
            for link in control.checks:
                controls[link.check].append(f"{fw.framework.upper()} {control.control_id}")
    for cid, s in by_id.items():
        s.controls = controls.get(cid, [])
    return sorted(
        by_id.values(),
        key=lambda s: (SEVERITY_ORDER[s.check.severity.value], -len(s.failed), -len(s.errored), s.check.id),
    )


_SHORT_NAMES = {"hipaa": "HIPAA", "soc2": "SOC 2", "hitrust": "HITRUST CSF"}


def short_framework_name(key: str) -> str:
    return _SHORT_NAMES.get(key, key.upper())


def control_label(control: ControlStatus) -> str:
    """The status as reports print it: a satisfied control with waived failures says so."""
    label = STATE_LABELS[control.status]
    if control.accepted_risk:
        label += ", accepted risk"
    return label


def controls_by_check(report: Report) -> dict[str, list[str]]:
    """Check id -> the control citations it gives evidence for, e.g. `HIPAA 164.312(a)(2)(iv)`."""
    out: dict[str, list[str]] = defaultdict(list)
    for fw in report.frameworks:
        for control in fw.controls:
            for link in control.checks:
                out[link.check].append(f"{short_framework_name(fw.framework)} {control.control_id}")
    return out


@dataclass
class ControlFindings:
    """The results that decide one control's status: failures not waived for it, and errors."""

    failing: list[Result] = field(default_factory=list)
    errored: list[Result] = field(default_factory=list)


class ResultIndex:
    """Failing and erroring results by check, built once per report."""

    def __init__(self, report: Report) -> None:
        self.failing: dict[str, list[Result]] = defaultdict(list)
        self.errored: dict[str, list[Result]] = defaultdict(list)
        for r in report.results:
            if r.status is Status.FAIL and r.waiver is None:
                self.failing[r.check_id].append(r)
            elif r.status is Status.ERROR:
                self.errored[r.check_id].append(r)

    def for_control(self, control: ControlStatus) -> ControlFindings:
        accepted = {(a.check_id, rid) for a in control.accepted_risk for rid in a.resources}
        out = ControlFindings()
        for link in control.checks:
            out.failing += [r for r in self.failing.get(link.check, []) if (r.check_id, r.resource_id) not in accepted]
            out.errored += self.errored.get(link.check, [])
        return out


def waived_resources(control: ControlStatus) -> int:
    return sum(len(a.resources) for a in control.accepted_risk)


def waiver_text(w: AppliedWaiver) -> str:
    """One line: owner, expiry, ticket, reason."""
    ticket = f", {w.ticket}" if w.ticket else ""
    scope = f", {short_framework_name(w.control.framework)} {w.control.id} only" if w.control else ""
    return f"{w.owner}, until {w.expires.isoformat()}{ticket}{scope}: {w.reason}"
