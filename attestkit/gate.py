"""The pipeline gate: from results to an exit code, errors outranking findings.

Exit 3 when any result of a gated check is an error (unless --allow-incomplete); else 1 when
a finding trips a threshold; else 0. Findings:

- `--fail-on SEVERITY`: a failing result at or above SEVERITY that no waiver accepts (a
  control-scoped waiver does not count here) and, with `--baseline`, that is new or worse
  than in the baseline;
- `--fail-on-framework FRAMEWORK`: a not-satisfied control of FRAMEWORK (waivers are already
  in its status) and, with `--baseline`, one failing through at least one new or worse result.

`--framework` limits the gate to the checks mapped to the selected frameworks. A baseline
never hides an error: errors count as usual.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from attestkit.errors import ExitCode, InputError
from attestkit.models import (
    BaselineChange,
    BaselineChangeKind,
    BaselineInfo,
    ControlState,
    FrameworkReport,
    GateControl,
    GateInfo,
    Report,
    Result,
    Severity,
    Status,
)
from attestkit.reports.summary import short_framework_name

FAIL_ON_CHOICES = [s.value for s in Severity] + ["none"]
MAX_NAMED_CONTROLS = 5


def parse_fail_on(value: str) -> Severity | None:
    return None if value == "none" else Severity(value)


# --------------------------------------------------------------------------------------------
# Baseline
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BaselineEntry:
    status: Status
    severity: Severity
    waived: bool


@dataclass(frozen=True)
class Baseline:
    """An earlier results.json, indexed by (check id, resource id)."""

    path: Path
    sha256: str
    generated_at: datetime
    entries: dict[tuple[str, str], BaselineEntry]

    def classify(self, r: Result) -> BaselineChange | None:
        """None when the failing result `r` was already failing (unwaived, same or higher severity)."""
        before = self.entries.get((r.check_id, r.resource_id))
        change: BaselineChangeKind | None = None
        was: str | None = None
        if before is None:
            change = "new"
        elif before.status is Status.PASS:
            change, was = "pass->fail", "pass"
        elif before.status is Status.ERROR:
            change, was = "error->fail", "error"
        elif before.waived:
            change, was = "waived->fail", "fail (waived)"
        elif r.severity.rank > before.severity.rank:
            change, was = "severity", before.severity.value
        if change is None:
            return None
        return BaselineChange(
            check_id=r.check_id, resource_id=r.resource_id, severity=r.severity, change=change, before=was
        )


def load_baseline(path: Path) -> Baseline:
    """Read an earlier `attest evaluate` results.json; anything else is an input error (exit 2)."""
    hint = "pass the results.json an earlier `attest evaluate` wrote"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: baseline not found; {hint}") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory; {hint} (e.g. BUNDLE/evaluation/results.json)") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the baseline ({exc.strerror}); {hint}") from None
    try:
        report = Report.model_validate_json(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        if first.get("type") == "json_invalid":
            raise InputError(f"{path}: baseline is not JSON ({first.get('msg')}); {hint}") from None
        where = ".".join(str(p) for p in first.get("loc", ())) or "top level"
        raise InputError(f"{path}: not an attestkit results.json ({where}: {first.get('msg')}); {hint}") from None
    entries = {
        (r.check_id, r.resource_id): BaselineEntry(status=r.status, severity=r.severity, waived=r.waiver is not None)
        for r in report.results
    }
    return Baseline(
        path=path, sha256=hashlib.sha256(data).hexdigest(), generated_at=report.generated_at, entries=entries
    )


# --------------------------------------------------------------------------------------------
# Decision
# --------------------------------------------------------------------------------------------


def decide(
    results: Iterable[Result],
    *,
    fail_on: Severity | None,
    allow_incomplete: bool,
    frameworks: list[str],
    gated_checks: set[str] | None,
    fail_on_frameworks: Sequence[str] = (),
    framework_reports: Sequence[FrameworkReport] = (),
    baseline: Baseline | None = None,
) -> GateInfo:
    """The gate's decision. `gated_checks` limits it to checks mapped to the selected
    frameworks (None: every check); `framework_reports` are needed for `fail_on_frameworks`."""
    gated = [r for r in results if gated_checks is None or r.check_id in gated_checks]
    errors = [r for r in gated if r.status is Status.ERROR]

    def at_threshold(r: Result) -> bool:
        return fail_on is not None and r.severity.rank >= fail_on.rank

    failing = [r for r in gated if r.status is Status.FAIL and r.waiver is None]
    waived = [r for r in gated if r.status is Status.FAIL and r.waiver is not None and at_threshold(r)]
    changes: dict[tuple[str, str], BaselineChange] = {}
    baseline_info = None
    if baseline is not None:
        for r in failing:
            change = baseline.classify(r)
            if change is not None:
                changes[(r.check_id, r.resource_id)] = change
        baseline_info = BaselineInfo(
            path=str(baseline.path),
            sha256=baseline.sha256,
            generated_at=baseline.generated_at,
            results=len(baseline.entries),
            new_or_worse=len(changes),
            unchanged=len(failing) - len(changes),
            changes=list(changes.values()),
        )
        failing = [r for r in failing if (r.check_id, r.resource_id) in changes]
    findings = [r for r in failing if at_threshold(r)]
    failed_controls = _failed_controls(fail_on_frameworks, framework_reports, gated, baseline, changes)

    fail_on_text: Severity | Literal["none"] = fail_on if fail_on is not None else "none"
    threshold = _text(fail_on_text)
    new = " new or worse than the baseline" if baseline is not None else ""
    if errors and not allow_incomplete:
        code = ExitCode.INCOMPLETE
        reason = f"evidence incomplete: {len(errors)} result(s) could not be judged"
        also = [f"{len(findings)} finding(s){new} at or above {threshold}"] if findings else []
        if failed_controls:
            also.append(_controls_text(failed_controls))
        if also:
            reason += f" ({'; '.join(also)} too)"
    elif findings or failed_controls:
        code = ExitCode.FINDINGS
        parts = [f"{len(findings)} failing result(s){new} at or above severity {threshold}"] if findings else []
        if failed_controls:
            parts.append(_controls_text(failed_controls))
        reason = "; ".join(parts)
    else:
        code = ExitCode.OK
        reason = "no findings gate (--fail-on none)" if fail_on is None else f"no failure{new} at or above {threshold}"
        if fail_on_frameworks:
            reason += f"; no {' or '.join(short_framework_name(f) for f in fail_on_frameworks)} control failing"
        if errors:
            reason += f"; {len(errors)} error result(s) accepted by --allow-incomplete"
    extras = []
    if waived:
        extras.append(f"{len(waived)} waived failure(s) at or above {threshold} not counted")
    if baseline_info is not None and baseline_info.unchanged:
        extras.append(f"{baseline_info.unchanged} unchanged from the baseline")
    if extras:
        reason += f"; {', '.join(extras)}"
    return GateInfo(
        fail_on=fail_on_text,
        frameworks=frameworks,
        allow_incomplete=allow_incomplete,
        exit_code=int(code),
        reason=reason,
        fail_on_frameworks=list(fail_on_frameworks),
        findings=len(findings),
        waived=len(waived),
        errors=len(errors),
        failed_controls=failed_controls,
        baseline=baseline_info,
    )


def _failed_controls(
    fail_on_frameworks: Sequence[str],
    framework_reports: Sequence[FrameworkReport],
    gated: list[Result],
    baseline: Baseline | None,
    changes: dict[tuple[str, str], BaselineChange],
) -> list[GateControl]:
    if not fail_on_frameworks:
        return []
    reports = {fw.framework: fw for fw in framework_reports}
    missing = [f for f in fail_on_frameworks if f not in reports]
    if missing:
        raise InputError(
            f"--fail-on-framework {missing[0]}: the framework is not reported; add --framework {missing[0]}"
        )
    failing_pairs: dict[str, set[str]] = {}
    if baseline is not None:
        for r in gated:
            if (r.check_id, r.resource_id) in changes:
                failing_pairs.setdefault(r.check_id, set()).add(r.resource_id)
    out = []
    for key in fail_on_frameworks:
        for c in reports[key].controls:
            if c.status is not ControlState.NOT_SATISFIED:
                continue
            if baseline is not None:
                # fails the gate only through a new or worse result of one of its checks
                accepted = {(a.check_id, rid) for a in c.accepted_risk for rid in a.resources}
                if not any(
                    (link.check, rid) not in accepted
                    for link in c.checks
                    for rid in failing_pairs.get(link.check, set())
                ):
                    continue
            out.append(GateControl(framework=key, control_id=c.control_id))
    return out


def _controls_text(controls: list[GateControl]) -> str:
    by_fw: dict[str, list[str]] = {}
    for c in controls:
        by_fw.setdefault(c.framework, []).append(c.control_id)
    parts = []
    for fw, ids in by_fw.items():
        named = ", ".join(ids[:MAX_NAMED_CONTROLS]) + (
            f", +{len(ids) - MAX_NAMED_CONTROLS} more" if len(ids) > MAX_NAMED_CONTROLS else ""
        )
        parts.append(f"{len(ids)} {short_framework_name(fw)} control(s) not satisfied ({named})")
    return "; ".join(parts)


def _text(value: Severity | str) -> str:
    return value.value if isinstance(value, Severity) else value
