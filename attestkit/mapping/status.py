"""Control status from results (DESIGN section 4).

For each control of a framework: `manual` when only a person can give evidence; otherwise,
over the results of its checks in scope, `not_satisfied` if any failed, else `incomplete`
if any errored or a check's resource types were not collected, else `satisfied` if any
passed, else `not_applicable` (no resource in scope). Adding a failing result can
therefore never improve a control's status (a property test holds this).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from attestkit.models import (
    Catalog,
    ControlCheck,
    ControlState,
    ControlStatus,
    FrameworkMapping,
    FrameworkReport,
    MappingEntry,
    Result,
    ResultCounts,
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
    """The state of an automated control from its checks' result counts."""
    total = ResultCounts()
    for c in counts:
        total.passed += c.passed
        total.failed += c.failed
        total.errored += c.errored
    if total.failed:
        return ControlState.NOT_SATISFIED
    if total.errored or not_collected:
        return ControlState.INCOMPLETE
    if total.passed:
        return ControlState.SATISFIED
    return ControlState.NOT_APPLICABLE


def count_result(counts: ResultCounts, status: Status) -> None:
    if status is Status.PASS:
        counts.passed += 1
    elif status is Status.FAIL:
        counts.failed += 1
    else:
        counts.errored += 1


def _counts_by_check(results: Iterable[Result]) -> dict[str, ResultCounts]:
    counts: dict[str, ResultCounts] = defaultdict(ResultCounts)
    for r in results:
        count_result(counts[r.check_id], r.status)
    return counts


def framework_report(
    catalog: Catalog,
    mapping: FrameworkMapping,
    results: list[Result],
    *,
    judged_checks: set[str],
    not_collected: set[str],
) -> FrameworkReport:
    """Every control of the catalog with its status.

    `judged_checks`: checks evaluated against this bundle (in scope or not collected);
    checks of other providers are left out of a control's status entirely.
    """
    counts = _counts_by_check(results)
    by_check: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        by_check[r.check_id].append(r)
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
            status.checks = [
                ControlCheck(
                    check=link.check,
                    rationale=link.rationale,
                    counts=counts.get(link.check, ResultCounts()),
                    not_collected=link.check in not_collected,
                )
                for link in links
            ]
            if links:
                status.status = judge_control((c.counts for c in status.checks), any(c.not_collected for c in status.checks))
                status.failing_resources = sorted(
                    {r.resource_id for link in links for r in by_check[link.check] if r.status is Status.FAIL}
                )
                status.errored_resources = sorted(
                    {r.resource_id for link in links for r in by_check[link.check] if r.status is Status.ERROR}
                )
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
    )
