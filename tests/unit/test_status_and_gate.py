"""Control status rules and the gate's exit codes, including their algebra (hypothesis)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from attestkit.gate import decide
from attestkit.mapping.status import STATE_ORDER, judge_control
from attestkit.models import ControlState, Result, ResultCounts, Severity, Status


def _r(status: Status, severity: Severity = Severity.HIGH, check: str = "aws.s3.x", rid: str = "r") -> Result:
    return Result(check_id=check, resource_id=rid, status=status, severity=severity, message="m")


def test_judge_control_cases() -> None:
    assert judge_control([ResultCounts(passed=3)]) is ControlState.SATISFIED
    assert judge_control([ResultCounts(passed=3, failed=1)]) is ControlState.NOT_SATISFIED
    assert judge_control([ResultCounts(passed=3, errored=1)]) is ControlState.INCOMPLETE
    assert judge_control([ResultCounts(failed=1, errored=1)]) is ControlState.NOT_SATISFIED
    assert judge_control([ResultCounts()]) is ControlState.NOT_APPLICABLE
    assert judge_control([]) is ControlState.NOT_APPLICABLE
    assert judge_control([ResultCounts(passed=2)], not_collected=True) is ControlState.INCOMPLETE


counts = st.builds(ResultCounts, passed=st.integers(0, 5), failed=st.integers(0, 5), errored=st.integers(0, 5))
RANK = {state: i for i, state in enumerate(STATE_ORDER)}  # lower is worse


@given(st.lists(counts, max_size=4), st.booleans(), st.sampled_from(["passed", "failed", "errored"]))
def test_adding_a_result_never_hides_a_failure_or_error(cs, not_collected, kind) -> None:
    before = judge_control(cs, not_collected)
    extra = ResultCounts(**{kind: 1})
    after = judge_control([*cs, extra], not_collected)
    if kind == "failed":
        assert after is ControlState.NOT_SATISFIED
        assert RANK[after] <= RANK[before]
    if kind == "errored":
        assert RANK[after] <= RANK[ControlState.INCOMPLETE]
        assert RANK[after] <= RANK[before]
    if before in (ControlState.NOT_SATISFIED, ControlState.INCOMPLETE):
        assert after in (ControlState.NOT_SATISFIED, ControlState.INCOMPLETE)
        assert RANK[after] <= RANK[before]


@given(st.lists(counts, max_size=4))
def test_a_control_with_an_error_is_never_satisfied(cs) -> None:
    assert judge_control([*cs, ResultCounts(errored=1)]) is not ControlState.SATISFIED


def test_gate_ok_findings_and_errors() -> None:
    passing = [_r(Status.PASS)]
    assert decide(passing, fail_on=Severity.INFO, allow_incomplete=False, frameworks=[], gated_checks=None).exit_code == 0
    failing = [_r(Status.PASS), _r(Status.FAIL, Severity.MEDIUM)]
    assert decide(failing, fail_on=Severity.HIGH, allow_incomplete=False, frameworks=[], gated_checks=None).exit_code == 0
    assert decide(failing, fail_on=Severity.MEDIUM, allow_incomplete=False, frameworks=[], gated_checks=None).exit_code == 1
    assert decide(failing, fail_on=None, allow_incomplete=False, frameworks=[], gated_checks=None).exit_code == 0


def test_errors_outrank_findings_unless_allowed() -> None:
    results = [_r(Status.FAIL, Severity.CRITICAL), _r(Status.ERROR)]
    gate = decide(results, fail_on=Severity.HIGH, allow_incomplete=False, frameworks=[], gated_checks=None)
    assert gate.exit_code == 3
    assert "incomplete" in gate.reason and "finding" in gate.reason
    assert decide(results, fail_on=Severity.HIGH, allow_incomplete=True, frameworks=[], gated_checks=None).exit_code == 1
    assert decide([_r(Status.ERROR)], fail_on=Severity.HIGH, allow_incomplete=True, frameworks=[], gated_checks=None).exit_code == 0


def test_gate_limited_to_checks_of_selected_frameworks() -> None:
    results = [_r(Status.FAIL, check="aws.a.b"), _r(Status.ERROR, check="aws.c.d")]
    gate = decide(results, fail_on=Severity.INFO, allow_incomplete=False, frameworks=["hipaa"], gated_checks={"aws.x.y"})
    assert gate.exit_code == 0
    gate = decide(results, fail_on=Severity.INFO, allow_incomplete=False, frameworks=["hipaa"], gated_checks={"aws.a.b"})
    assert gate.exit_code == 1


@given(st.lists(st.tuples(st.sampled_from(list(Status)), st.sampled_from(list(Severity))), max_size=8),
       st.sampled_from(list(Severity)))
def test_gate_property_errors_always_exit_3_and_1_means_complete(items, fail_on) -> None:
    results = [_r(status, sev, rid=str(i)) for i, (status, sev) in enumerate(items)]
    gate = decide(results, fail_on=fail_on, allow_incomplete=False, frameworks=[], gated_checks=None)
    has_error = any(r.status is Status.ERROR for r in results)
    if has_error:
        assert gate.exit_code == 3
    if gate.exit_code == 1:
        assert not has_error


@given(st.lists(counts, max_size=4), st.booleans(), st.data())
def test_waiving_failures_never_hides_an_error_nor_invents_a_pass(cs, not_collected, data) -> None:
    waived = [c.model_copy(update={"waived": data.draw(st.integers(0, c.failed))}) for c in cs]
    before = judge_control(cs, not_collected)
    after = judge_control(waived, not_collected)
    assert RANK[after] >= RANK[before] or after is before  # a waiver can only improve a status
    if any(c.errored for c in cs) or not_collected:
        assert after is not ControlState.SATISFIED  # errors are never waived
    if all(c.waived == c.failed for c in waived) and not any(c.errored for c in cs) and not not_collected:
        judged = any(c.passed or c.failed for c in cs)
        assert after is (ControlState.SATISFIED if judged else ControlState.NOT_APPLICABLE)
    if any(c.failed > c.waived for c in waived):
        assert after is ControlState.NOT_SATISFIED


def test_gate_records_its_counts() -> None:
    gate = decide(
        [_r(Status.FAIL, Severity.CRITICAL, rid="a"), _r(Status.FAIL, Severity.LOW, rid="b"), _r(Status.ERROR, rid="c")],
        fail_on=Severity.HIGH, allow_incomplete=True, frameworks=["hipaa"], gated_checks=None,
    )
    assert (gate.exit_code, gate.findings, gate.errors, gate.waived) == (1, 1, 1, 0)
    assert gate.baseline is None and gate.failed_controls == [] and gate.fail_on_frameworks == []
