"""Control status from results (DESIGN section 4).

For each control of a framework: `manual` when only a person can give evidence; otherwise,
over the results of its checks in scope, `not_satisfied` if any failed and is not waived for
this control, else `incomplete` if any errored or a check's resource types were not
collected, else `satisfied` if any passed or failed under a waiver, else `not_applicable`
(no resource in scope). Adding a failing result can therefore never improve a control's
status, and a waiver can never hide an error (property tests hold both).

A satisfied control with waived failures is still `satisfied`: the gate lets it pass. Its
waived failures are listed as `accepted_risk`, and every report shows them beside the status
("satisfied, accepted risk"), so an auditor sees the exception and who owns it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from attestkit.models import (
    AcceptedRisk,
    AppliedWaiver,
    Catalog,
    ControlCheck,
    ControlState,
    ControlStatus,
    FrameworkMapping,
    FrameworkReport,
    MappingEntry,
    Result,
    ResultCounts,
    Severity,
    Status,
)

STATE_ORDER = [
    ControlState.NOT_SATISFIED,
    ControlState.INCOMPLETE,
    ControlState.SATISFIED,
    ControlState.NOT_APPLICABLE,
    ControlState.MANUAL,
]


def judge_control(counts: Iterable[ResultCounts], not_collected: bool = False) -> ControlState:
    """The state of an automated control from its checks' result counts (`waived` is part of `failed`)."""
    total = ResultCounts()
    for c in counts:
        total.passed += c.passed
        total.failed += c.failed
        total.errored += c.errored
        total.waived += min(c.waived, c.failed)
    if total.failed > total.waived:
        return ControlState.NOT_SATISFIED
    if total.errored or not_collected:
        return ControlState.INCOMPLETE
    if total.passed or total.waived:
        return ControlState.SATISFIED
    return ControlState.NOT_APPLICABLE


def count_result(counts: ResultCounts, status: Status) -> None:
    if status is Status.PASS:
        counts.passed += 1
    elif status is Status.FAIL:
        counts.failed += 1
    else:
        counts.errored += 1


@dataclass
class CheckResults:
    """One check's results, split once for every control (of every framework) that links it."""

    counts: ResultCounts = field(default_factory=ResultCounts)
    failing: list[str] = field(default_factory=list)
    """Failing resources not waived everywhere."""
    errored: list[str] = field(default_factory=list)
    waived: dict[str, tuple[AppliedWaiver, list[str]]] = field(default_factory=dict)
    """Waiver source -> (waiver, resources) for failures waived everywhere."""
    severity: Severity | None = None


def index_results(results: Iterable[Result]) -> dict[str, CheckResults]:
    """Results by check id; pass it to every `framework_report` of one evaluation."""
    out: dict[str, CheckResults] = defaultdict(CheckResults)
    for r in results:
        entry = out[r.check_id]
        count_result(entry.counts, r.status)
        if r.status is Status.FAIL:
            if r.waiver is not None:
                entry.counts.waived += 1
                entry.waived.setdefault(r.waiver.source, (r.waiver, []))[1].append(r.resource_id)
            else:
                entry.failing.append(r.resource_id)
        elif r.status is Status.ERROR:
            entry.errored.append(r.resource_id)
        entry.severity = r.severity
    return dict(out)


def framework_report(
    catalog: Catalog,
    mapping: FrameworkMapping,
    results: list[Result],
    *,
    judged_checks: set[str],
    not_collected: set[str],
    control_waived: Mapping[tuple[str, str], Mapping[tuple[str, str], AppliedWaiver]] | None = None,
    index: Mapping[str, CheckResults] | None = None,
) -> FrameworkReport:
    """Every control of the catalog with its status.

    `judged_checks`: checks evaluated against this bundle (in scope or not collected);
    checks of other providers are left out of a control's status entirely.
    `control_waived`: waivers limited to one control, (framework, control) -> (check, resource) -> waiver.
    `index`: `index_results(results)`, when the caller reports several frameworks.
    """
    by_check = index if index is not None else index_results(results)
    control_waived = control_waived or {}
    entries: Mapping[str, MappingEntry] = {e.control: e for e in mapping.entries}
    controls: list[ControlStatus] = []
    for control in catalog.controls:
        entry = entries.get(control.id)
        status = ControlStatus(
            framework=catalog.framework,
            control_id=control.id,
            title=control.title,
            parent=control.parent,
            category=control.category,
            status=ControlState.MANUAL,
            manual_evidence=entry.evidence if entry else "No mapping entry: provide evidence manually.",
        )
        if entry is not None and not entry.manual:
            links = [link for link in entry.checks if link.check in judged_checks]
            scoped = control_waived.get((catalog.framework, control.id), {})
            failing: set[str] = set()
            errored: set[str] = set()
            risks: list[AcceptedRisk] = []
            for link in links:
                found = by_check.get(link.check, CheckResults())
                counts = found.counts.model_copy()
                extra: dict[str, tuple[AppliedWaiver, list[str]]] = {}
                for rid in found.failing:
                    waiver = scoped.get((link.check, rid))
                    if waiver is None:
                        failing.add(rid)
                    else:
                        counts.waived += 1
                        extra.setdefault(waiver.source, (waiver, []))[1].append(rid)
                errored.update(found.errored)
                for waiver, rids in [*found.waived.values(), *extra.values()]:
                    risks.append(
                        AcceptedRisk(
                            check_id=link.check,
                            severity=found.severity or Severity.INFO,  # always set: the check has results
                            resources=sorted(rids),
                            waiver=waiver,
                        )
                    )
                status.checks.append(
                    ControlCheck(
                        check=link.check,
                        rationale=link.rationale,
                        counts=counts,
                        not_collected=link.check in not_collected,
                    )
                )
            if links:
                status.status = judge_control((c.counts for c in status.checks), any(c.not_collected for c in status.checks))
                status.failing_resources = sorted(failing)
                status.errored_resources = sorted(errored)
                status.accepted_risk = risks
            elif entry.evidence:
                # mapped only to checks of providers outside this bundle: for this estate the
                # control rests on the evidence a person provides
                status.status = ControlState.MANUAL
            else:
                status.status = ControlState.NOT_APPLICABLE
        controls.append(status)
    tally = Counter(c.status for c in controls)
    return FrameworkReport(
        framework=catalog.framework,
        name=catalog.name,
        catalog_version=catalog.version,
        counts={state: tally.get(state, 0) for state in STATE_ORDER},
        controls=controls,
        accepted_risk=sum(1 for c in controls if c.accepted_risk),
    )
