"""Assemble the Report (results.json) from an evaluation, the waivers, the mappings and the gate."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from attestkit import __version__
from attestkit.bundle import Bundle
from attestkit.engine.policy_set import PolicySet
from attestkit.evaluation import Evaluation
from attestkit.gate import Baseline, decide
from attestkit.mapping.status import count_result, framework_report, index_results
from attestkit.models import (
    BundleRef,
    PolicySetInfo,
    Report,
    ResultCounts,
    ResultTotals,
    Severity,
    ToolInfo,
    utc_now,
)
from attestkit.waivers import WaiverSet, apply_waivers, today_utc


def build_report(
    *,
    bundle: Bundle,
    evaluation: Evaluation,
    policies: PolicySet,
    mappings,  # attestkit.mapping.MappingSet
    engine_name: str,
    frameworks: list[str],
    fail_on: Severity | None,
    allow_incomplete: bool,
    fail_on_frameworks: Sequence[str] = (),
    waivers: WaiverSet | None = None,
    baseline: Baseline | None = None,
    today: date | None = None,
) -> Report:
    """`today` is the date waiver expiry is judged against (default: now, UTC)."""
    selected = frameworks or list(mappings.frameworks)
    results = evaluation.results
    waiver_report = None
    control_waived = {}
    if waivers is not None:
        applied = apply_waivers(results, waivers, today or today_utc())
        results, waiver_report, control_waived = applied.results, applied.report, applied.control_waived
    judged = {c.id for c in evaluation.judged_checks}
    not_collected = {cid for cid, s in evaluation.scopes.items() if s.state == "not_collected"}
    index = index_results(results)
    reports = [
        framework_report(
            mappings.catalogs[key],
            mappings.mappings[key],
            results,
            judged_checks=judged,
            not_collected=not_collected,
            control_waived=control_waived,
            index=index,
        )
        for key in selected
    ]
    gated_checks = None
    if frameworks:
        gated_checks = {
            link.check for key in frameworks for entry in mappings.mappings[key].entries for link in entry.checks
        }
    gate = decide(
        results,
        fail_on=fail_on,
        allow_incomplete=allow_incomplete,
        frameworks=selected,
        gated_checks=gated_checks,
        fail_on_frameworks=fail_on_frameworks,
        framework_reports=reports,
        baseline=baseline,
    )
    counts = ResultCounts()
    for r in results:
        count_result(counts, r.status)
    counts.waived = waiver_report.waived_results if waiver_report is not None else 0
    totals = ResultTotals(resources=evaluation.resource_count, **counts.model_dump())
    manifest = evaluation.manifest
    return Report(
        tool=ToolInfo(version=__version__),
        generated_at=utc_now(),
        engine=engine_name,
        bundle=BundleRef(
            path=str(Path(bundle.path)),
            manifest_sha256=bundle.manifest_sha256,
            collector=manifest.collector,
            scope=manifest.scope,
            collected_at=manifest.finished_at,
            collection_errors=len(manifest.errors),
        ),
        policy_set=PolicySetInfo(sha256=policies.sha256, checks=len(policies.checks), sources=policies.sources),
        mappings_sha256=mappings.sha256,
        gate=gate,
        waivers=waiver_report,
        totals=totals,
        checks=[c.info for c in evaluation.judged_checks],
        results=results,
        frameworks=reports,
    )
