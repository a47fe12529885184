"""The stages run in order, shared by `attest collect`, `attest evaluate` and `attest demo`."""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from attestkit import registry
from attestkit.bundle import Bundle, BundleWriter
from attestkit.collectors.interface import Collector, Progress
from attestkit.engine.interface import Engine
from attestkit.engine.policy_set import PolicySet, load_policy_set
from attestkit.errors import InputError
from attestkit.evaluation import evaluate_bundle
from attestkit.gate import load_baseline
from attestkit.mapping import load_mappings
from attestkit.models import BundleManifest, CollectorInfo, Report, Severity
from attestkit.outputs import default_output_dir, write_evaluation
from attestkit.report_builder import build_report
from attestkit.reports.interface import RenderContext, ReportFormat, construct
from attestkit.waivers import load_waivers

FILE_FORMATS = ("json", "markdown", "sarif", "junit", "summary")
"""Formats every evaluation writes beside results.json (and hashes in its manifest)."""


def bundle_path_for(evidence_dir: Path, collector_name: str, now: datetime | None = None) -> Path:
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    path = evidence_dir / f"{collector_name}-{stamp}"
    n = 2
    while path.exists():
        path = evidence_dir / f"{collector_name}-{stamp}-{n}"
        n += 1
    return path


def collect(collector: Collector, evidence_dir: Path, progress: Progress) -> tuple[Path, BundleManifest]:
    """Run one collector into a new bundle under `evidence_dir`; return its path and manifest."""
    final = bundle_path_for(evidence_dir, collector.name)
    info = CollectorInfo(name=collector.name, version=collector.version, provider=collector.provider)
    with BundleWriter(final, info) as writer:
        scope = collector.collect(writer, progress)
        manifest = writer.finish(scope)
    return final, manifest


def engine_named(name: str, **options: Any) -> Engine:
    """The engine plugin `name`, constructed with `options` (e.g. the OPA engine's `url`, `token`).

    Options the engine does not take are a usage error naming them, not a TypeError.
    """
    engine_cls = registry.plugin(registry.ENGINES, name)
    try:
        inspect.signature(engine_cls).bind(**options)
    except TypeError as exc:
        raise InputError(f"engine {name!r} does not take option(s) {', '.join(sorted(options))}: {exc}") from exc
    return engine_cls(**options)


def format_named(name: str, context: RenderContext | None = None) -> ReportFormat:
    return construct(registry.plugin(registry.FORMATS, name), context)


@dataclass
class EvaluationRun:
    report: Report
    written: dict[str, Path]
    output_dir: Path


def load_policies(policy_dirs: Sequence[Path], engine: Engine) -> PolicySet:
    policies = load_policy_set(policy_dirs)
    engine.compile(policies)
    return policies


def evaluate(
    bundle_path: Path,
    *,
    policy_dirs: Sequence[Path] = (),
    mapping_dirs: Sequence[Path] = (),
    frameworks: Sequence[str] = (),
    fail_on: Severity | None = Severity.INFO,
    allow_incomplete: bool = False,
    engine_name: str = "regorus",
    engine_options: Mapping[str, Any] | None = None,
    output_dir: Path | None = None,
    fail_on_frameworks: Sequence[str] = (),
    waivers_path: Path | None = None,
    baseline_path: Path | None = None,
    today: date | None = None,
    context: RenderContext | None = None,
) -> EvaluationRun:
    """Verify the bundle, evaluate it, apply waivers, map results to controls, gate, write
    results and reports. Every input (flags, waivers, baseline) is checked before anything is
    evaluated or written. `today` is the date waiver expiry is judged against (default: UTC now)."""
    bundle = Bundle.open(bundle_path)
    engine = engine_named(engine_name, **(engine_options or {}))
    policies = load_policies(policy_dirs, engine)
    mappings = load_mappings(policies.check_ids, list(mapping_dirs))
    unknown = [f for f in [*frameworks, *fail_on_frameworks] if f not in mappings.frameworks]
    if unknown:
        flag = "--framework" if unknown[0] in frameworks else "--fail-on-framework"
        raise InputError(f"{flag} {unknown[0]}: unknown framework; choose from {', '.join(mappings.frameworks)}")
    outside = [f for f in fail_on_frameworks if frameworks and f not in frameworks]
    if outside:
        raise InputError(
            f"--fail-on-framework {outside[0]}: not among --framework {' '.join(frameworks)}; "
            f"add --framework {outside[0]} or drop it"
        )
    waivers = load_waivers(waivers_path, known_checks=policies.check_ids, mappings=mappings) if waivers_path else None
    baseline = load_baseline(baseline_path) if baseline_path else None
    evaluation = evaluate_bundle(bundle, policies, engine)
    report = build_report(
        bundle=bundle,
        evaluation=evaluation,
        policies=policies,
        mappings=mappings,
        engine_name=engine.name,
        frameworks=list(frameworks),
        fail_on=fail_on,
        allow_incomplete=allow_incomplete,
        fail_on_frameworks=list(dict.fromkeys(fail_on_frameworks)),
        waivers=waivers,
        baseline=baseline,
        today=today,
    )
    out = output_dir or default_output_dir(bundle_path)
    written = write_evaluation(out, report, [format_named(name, context) for name in FILE_FORMATS])
    return EvaluationRun(report=report, written=written, output_dir=out)
