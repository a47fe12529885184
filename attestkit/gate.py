"""The pipeline gate: from results to an exit code, errors outranking findings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from attestkit.errors import ExitCode
from attestkit.models import GateInfo, Result, Severity, Status

FAIL_ON_CHOICES = [s.value for s in Severity] + ["none"]


def parse_fail_on(value: str) -> Severity | None:
    return None if value == "none" else Severity(value)


def decide(
    results: Iterable[Result],
    *,
    fail_on: Severity | None,
    allow_incomplete: bool,
    frameworks: list[str],
    gated_checks: set[str] | None,
) -> GateInfo:
    """Exit 3 when any gated result is an error (unless allowed), else 1 on a failure at or
    above `fail_on`, else 0. `gated_checks` limits the gate to checks mapped to the
    selected frameworks (None: every check)."""
    gated = [r for r in results if gated_checks is None or r.check_id in gated_checks]
    errors = [r for r in gated if r.status is Status.ERROR]
    findings = [
        r for r in gated if r.status is Status.FAIL and fail_on is not None and r.severity.rank >= fail_on.rank
    ]
    fail_on_text: Severity | Literal["none"] = fail_on if fail_on is not None else "none"
    if errors and not allow_incomplete:
        code, reason = ExitCode.INCOMPLETE, (
            f"evidence incomplete: {len(errors)} result(s) could not be judged"
            + (f" ({len(findings)} finding(s) at or above {_text(fail_on_text)} too)" if findings else "")
        )
    elif findings:
        code, reason = ExitCode.FINDINGS, f"{len(findings)} failing result(s) at or above severity {_text(fail_on_text)}"
    else:
        threshold = "no findings gate (--fail-on none)" if fail_on is None else f"no failure at or above {_text(fail_on_text)}"
        code = ExitCode.OK
        reason = threshold + (f"; {len(errors)} error result(s) accepted by --allow-incomplete" if errors else "")
    return GateInfo(
        fail_on=fail_on_text,
        frameworks=frameworks,
        allow_incomplete=allow_incomplete,
        exit_code=int(code),
        reason=reason,
    )


def _text(value: Severity | str) -> str:
    return value.value if isinstance(value, Severity) else value
