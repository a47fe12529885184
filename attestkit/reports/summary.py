"""What every human-readable format shows, computed once: failing checks and their resources."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from attestkit.models import CheckInfo, ControlState, Report, Result, Status

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
