"""Assemble the Report (results.json) from an evaluation, the mappings and the gate."""

from __future__ import annotations

from pathlib import Path

from attestkit import __version__
from attestkit.bundle import Bundle
from attestkit.engine.policy_set import PolicySet
from attestkit.evaluation import Evaluation
from attestkit.gate import decide
from attestkit.mapping.status import count_result, framework_report
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
) -> Report:
    selected = frameworks or list(mappings.frameworks)
    judged = {c.id for c in evaluation.judged_checks}
    not_collected = {cid for cid, s in evaluation.scopes.items() if s.state == "not_collected"}
    reports = [
        framework_report(
            mappings.catalogs[key],
            mappings.mappings[key],
            evaluation.results,
            judged_checks=judged,
            not_collected=not_collected,
        )
        for key in selected
    ]
    gated_checks = None
    if frameworks:
        gated_checks = {
            link.check for key in frameworks for entry in mappings.mappings[key].entries for link in entry.checks
        }
    gate = decide(
        evaluation.results,
        fail_on=fail_on,
        allow_incomplete=allow_incomplete,
        frameworks=selected,
        gated_checks=gated_checks,
    )
    counts = ResultCounts()
    for r in evaluation.results:
        count_result(counts, r.status)
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
        totals=totals,
        checks=[c.info for c in evaluation.judged_checks],
        results=evaluation.results,
        frameworks=reports,
    )
