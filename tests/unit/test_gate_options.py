"""The gate's options: waivers, --fail-on-framework, --baseline; errors outranking findings;
what Report.gate records. Baselines are read from real results.json files."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attestkit.errors import InputError
from attestkit.gate import Baseline, BaselineEntry, decide, load_baseline
from attestkit.models import (
    AcceptedRisk,
    AppliedWaiver,
    ControlCheck,
    ControlState,
    ControlStatus,
    FrameworkReport,
    Result,
    ResultCounts,
    Severity,
    Status,
)
from attestkit.pipeline import evaluate
from tests.factories import bucket, write_bundle

W = AppliedWaiver(check="aws.s3.x", resources="*", owner="o", reason="r", expires=date(2099, 1, 1), source="w#1")


def _r(status: Status, rid: str = "r", severity: Severity = Severity.HIGH, check: str = "aws.s3.x", waived: bool = False) -> Result:
    return Result(
        check_id=check, resource_id=rid, status=status, severity=severity, message="m", waiver=W if waived else None
    )


def _gate(results, **kw):
    args = {"fail_on": Severity.HIGH, "allow_incomplete": False, "frameworks": [], "gated_checks": None}
    args.update(kw)
    return decide(results, **args)


def _baseline(entries: dict[tuple[str, str], tuple[Status, Severity, bool]]) -> Baseline:
    return Baseline(
        path=Path("base.json"),
        sha256="0" * 64,
        generated_at=datetime(2026, 11, 1, tzinfo=UTC),
        entries={k: BaselineEntry(status=s, severity=sev, waived=w) for k, (s, sev, w) in entries.items()},
    )


def _framework(*controls: ControlStatus, key: str = "hipaa") -> FrameworkReport:
    return FrameworkReport(framework=key, name=key.upper(), catalog_version="1", counts={}, controls=list(controls))


def _control(cid: str, status: ControlState, failing: list[str] = (), check: str = "aws.s3.x", risk=()) -> ControlStatus:
    return ControlStatus(
        framework="hipaa", control_id=cid, title="t", category="c", status=status,
        checks=[ControlCheck(check=check, rationale="because", counts=ResultCounts())],
        failing_resources=list(failing), accepted_risk=list(risk),
    )


# --------------------------------------------------------------------------------------------
# waivers in the gate
# --------------------------------------------------------------------------------------------


def test_waived_failures_do_not_trip_the_gate_and_are_counted() -> None:
    gate = _gate([_r(Status.FAIL, waived=True), _r(Status.PASS, "p")])
    assert gate.exit_code == 0
    assert (gate.findings, gate.waived) == (0, 1)
    assert "1 waived failure(s) at or above high not counted" in gate.reason
    gate = _gate([_r(Status.FAIL, "a", waived=True), _r(Status.FAIL, "b")])
    assert gate.exit_code == 1 and (gate.findings, gate.waived) == (1, 1)


def test_a_waiver_never_hides_an_error() -> None:
    gate = _gate([_r(Status.ERROR, waived=True)])  # a waiver field on an error changes nothing
    assert gate.exit_code == 3 and gate.errors == 1


# --------------------------------------------------------------------------------------------
# --fail-on-framework
# --------------------------------------------------------------------------------------------


def test_fail_on_framework_fails_on_any_not_satisfied_control_whatever_the_severity() -> None:
    results = [_r(Status.FAIL, "a", Severity.LOW)]
    fw = _framework(
        _control("164.312(a)(2)(iv)", ControlState.NOT_SATISFIED, ["a"]),
        _control("164.312(b)", ControlState.SATISFIED),
    )
    gate = _gate(results, fail_on=None, fail_on_frameworks=["hipaa"], framework_reports=[fw])
    assert gate.exit_code == 1
    assert [(c.framework, c.control_id) for c in gate.failed_controls] == [("hipaa", "164.312(a)(2)(iv)")]
    assert gate.reason == "1 HIPAA control(s) not satisfied (164.312(a)(2)(iv))"
    assert gate.fail_on_frameworks == ["hipaa"] and gate.findings == 0


def test_fail_on_framework_passes_when_every_control_is_satisfied_or_accepted() -> None:
    fw = _framework(_control("164.312(a)(2)(iv)", ControlState.SATISFIED))
    gate = _gate([_r(Status.FAIL, waived=True)], fail_on=None, fail_on_frameworks=["hipaa"], framework_reports=[fw])
    assert gate.exit_code == 0 and "no HIPAA control failing" in gate.reason


def test_fail_on_framework_for_an_unreported_framework_is_an_input_error() -> None:
    with pytest.raises(InputError, match="--fail-on-framework soc2"):
        _gate([], fail_on_frameworks=["soc2"], framework_reports=[_framework()])


def test_errors_outrank_framework_failures() -> None:
    fw = _framework(_control("164.312(b)", ControlState.NOT_SATISFIED, ["a"]))
    gate = _gate([_r(Status.FAIL, "a"), _r(Status.ERROR, "e")], fail_on=None, fail_on_frameworks=["hipaa"], framework_reports=[fw])
    assert gate.exit_code == 3
    assert "could not be judged" in gate.reason and "HIPAA control(s) not satisfied" in gate.reason
    gate = _gate([_r(Status.FAIL, "a"), _r(Status.ERROR, "e")], fail_on=None, allow_incomplete=True,
                 fail_on_frameworks=["hipaa"], framework_reports=[fw])
    assert gate.exit_code == 1


# --------------------------------------------------------------------------------------------
# --baseline
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "now_severity", "change"),
    [
        (None, Severity.HIGH, "new"),
        ((Status.PASS, Severity.HIGH, False), Severity.HIGH, "pass->fail"),
        ((Status.ERROR, Severity.HIGH, False), Severity.HIGH, "error->fail"),
        ((Status.FAIL, Severity.HIGH, True), Severity.HIGH, "waived->fail"),
        ((Status.FAIL, Severity.MEDIUM, False), Severity.HIGH, "severity"),
        ((Status.FAIL, Severity.HIGH, False), Severity.HIGH, None),
        ((Status.FAIL, Severity.CRITICAL, False), Severity.HIGH, None),
    ],
)
def test_baseline_classification(before, now_severity, change) -> None:
    baseline = _baseline({("aws.s3.x", "r"): before} if before else {})
    gate = _gate([_r(Status.FAIL, "r", now_severity)], baseline=baseline)
    assert gate.baseline is not None
    if change is None:
        assert gate.exit_code == 0 and gate.baseline.unchanged == 1 and gate.baseline.changes == []
        assert "no failure new or worse than the baseline at or above high" in gate.reason
        assert "1 unchanged from the baseline" in gate.reason
    else:
        assert gate.exit_code == 1
        assert [c.change for c in gate.baseline.changes] == [change]
        assert "new or worse than the baseline" in gate.reason


def test_baseline_matches_by_check_and_resource() -> None:
    baseline = _baseline({("aws.s3.other", "r"): (Status.FAIL, Severity.HIGH, False)})
    assert _gate([_r(Status.FAIL, "r")], baseline=baseline).exit_code == 1  # another check's failure is not this one


def test_a_baseline_never_hides_an_error() -> None:
    baseline = _baseline({("aws.s3.x", "e"): (Status.ERROR, Severity.HIGH, False)})
    assert _gate([_r(Status.ERROR, "e")], baseline=baseline).exit_code == 3


def test_baseline_with_fail_on_framework_counts_only_controls_failing_through_new_results() -> None:
    baseline = _baseline({("aws.s3.x", "old"): (Status.FAIL, Severity.HIGH, False)})
    results = [_r(Status.FAIL, "old"), _r(Status.FAIL, "new", check="aws.s3.y")]
    old = _control("164.312(b)", ControlState.NOT_SATISFIED, ["old"], check="aws.s3.x")
    new = _control("164.312(c)(1)", ControlState.NOT_SATISFIED, ["new"], check="aws.s3.y")
    gate = _gate(results, fail_on=None, fail_on_frameworks=["hipaa"], framework_reports=[_framework(old, new)], baseline=baseline)
    assert [c.control_id for c in gate.failed_controls] == ["164.312(c)(1)"]
    # a new failure waived for that control does not count against it
    risk = AcceptedRisk(check_id="aws.s3.y", severity=Severity.HIGH, resources=["new"], waiver=W)
    new_accepted = _control("164.312(c)(1)", ControlState.NOT_SATISFIED, ["new"], check="aws.s3.y", risk=[risk])
    gate = _gate(results, fail_on=None, fail_on_frameworks=["hipaa"], framework_reports=[_framework(old, new_accepted)],
                 baseline=baseline)
    assert gate.failed_controls == []


statuses = st.sampled_from(list(Status))
severities = st.sampled_from(list(Severity))
items = st.lists(st.tuples(statuses, severities, st.booleans()), max_size=8)


@settings(max_examples=200, deadline=None)
@given(items, st.sampled_from([*Severity, None]), st.dictionaries(st.integers(0, 7), st.tuples(statuses, severities, st.booleans()), max_size=8))
def test_gate_properties(rows, fail_on, before) -> None:
    results = [_r(s, str(i), sev, waived=w and s is Status.FAIL) for i, (s, sev, w) in enumerate(rows)]
    baseline = _baseline({("aws.s3.x", str(i)): v for i, v in before.items()})
    plain = _gate(results, fail_on=fail_on)
    with_baseline = _gate(results, fail_on=fail_on, baseline=baseline)
    unwaived = _gate([r.model_copy(update={"waiver": None}) for r in results], fail_on=fail_on)
    has_error = any(r.status is Status.ERROR for r in results)
    for gate in (plain, with_baseline, unwaived):
        assert (gate.exit_code == 3) == has_error  # errors outrank everything
        if gate.exit_code == 1:
            assert not has_error
    assert with_baseline.findings <= plain.findings <= unwaived.findings  # options only ever remove findings


# --------------------------------------------------------------------------------------------
# loading a baseline
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def results_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("baseline")
    bundle = write_bundle(tmp, [bucket("a", ServerSideEncryptionConfiguration=None)], resource_types=["AWS::S3::Bucket"])
    run = evaluate(bundle, output_dir=tmp / "out", fail_on=None, allow_incomplete=True)
    return run.written["json"]


def test_load_baseline_indexes_an_earlier_results_file(results_json: Path) -> None:
    baseline = load_baseline(results_json)
    data = json.loads(results_json.read_text())
    assert len(baseline.entries) == len(data["results"])
    key = ("aws.s3.bucket_encryption_at_rest", "arn:aws:s3:::a")
    assert baseline.entries[key].status is Status.FAIL


def test_a_results_file_from_before_waivers_still_loads(results_json: Path, tmp_path: Path) -> None:
    data = json.loads(results_json.read_text())
    data.pop("waivers")
    for r in data["results"]:
        r.pop("waiver"), r.pop("location")
    for key in ("fail_on_frameworks", "findings", "waived", "errors", "failed_controls", "baseline"):
        data["gate"].pop(key)
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    assert len(load_baseline(old).entries) == len(data["results"])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "baseline not found"),
        ("{not json", "baseline is not JSON"),
        ('{"results": []}', "not an attestkit results.json"),
    ],
)
def test_a_bad_baseline_is_one_line(tmp_path: Path, content, expected) -> None:
    path = tmp_path / "base.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(InputError) as err:
        load_baseline(path)
    assert expected in err.value.message and "\n" not in err.value.message
    assert err.value.message.startswith(str(path))
