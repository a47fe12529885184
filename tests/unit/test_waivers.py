"""Waivers: the file format and its validation (one line, exit 2), matching, expiry, stale
waivers, control-scoped waivers, and the rules that hold whatever the waivers say (hypothesis):
a waiver never deletes, restates or reorders a result, never hides an error, and never
improves a control beyond what its unwaived results allow."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attestkit.engine.policy_set import load_policy_set
from attestkit.errors import ExitCode
from attestkit.mapping import MappingSet, load_mappings
from attestkit.mapping.status import framework_report, judge_control
from attestkit.models import (
    AppliedWaiver,
    ControlState,
    Result,
    ResultCounts,
    Severity,
    Status,
    WaiverState,
)
from attestkit.waivers import WaiverError, WaiverSet, apply_waivers, compile_pattern, load_waivers

ENC = "aws.s3.bucket_encryption_at_rest"  # hipaa 164.312(a)(2)(iv), soc2 CC6.1, hitrust 06.c
VER = "aws.s3.bucket_versioning_enabled"  # hipaa 164.308(a)(7)(ii)(A) and 164.312(c)(1), soc2 A1.2, hitrust 06.c 09.l
TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def policy_ids() -> set[str]:
    return load_policy_set().check_ids


@pytest.fixture(scope="module")
def mappings(policy_ids: set[str]) -> MappingSet:
    return load_mappings(policy_ids)


def write(tmp_path: Path, text: str, name: str = "waivers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    return path


def load(tmp_path: Path, text: str, policy_ids: set[str], mappings: MappingSet) -> WaiverSet:
    return load_waivers(write(tmp_path, text), known_checks=policy_ids, mappings=mappings)


def waiver(check: str = ENC, resources: str = "*", expires: date = date(2099, 1, 1), n: int = 1, **kw) -> AppliedWaiver:
    return AppliedWaiver(
        check=check, resources=resources, owner="o", reason="r", expires=expires, source=f"w.yaml#{n}", **kw
    )


def result(status: Status, rid: str, check: str = ENC, severity: Severity = Severity.HIGH) -> Result:
    return Result(check_id=check, resource_id=rid, status=status, severity=severity, message=f"{status.value} {rid}")


def waiver_set(*waivers: AppliedWaiver) -> WaiverSet:
    return WaiverSet(path=Path("w.yaml"), sha256="0" * 64, waivers=tuple(waivers))


GOOD = """\
    waivers:
      - check: aws.s3.bucket_encryption_at_rest
        resources: "arn:aws:s3:::legacy-*"
        owner: platform@carebridge.example
        reason: Legacy buckets hold no PHI; moving to SSE-KMS
        expires: 2027-03-31
        ticket: SEC-101
      - check: aws.s3.bucket_versioning_enabled
        resources: arn:aws:s3:::scratch
        owner: data@carebridge.example
        reason: scratch data is rebuilt nightly
        expires: "2027-01-15"
        control:
          framework: hipaa
          id: 164.312(c)(1)
"""


# --------------------------------------------------------------------------------------------
# the file
# --------------------------------------------------------------------------------------------


def test_a_valid_file_loads_with_sources_and_dates(tmp_path, policy_ids, mappings) -> None:
    ws = load(tmp_path, GOOD, policy_ids, mappings)
    assert [w.source for w in ws.waivers] == [f"{tmp_path / 'waivers.yaml'}#1", f"{tmp_path / 'waivers.yaml'}#2"]
    assert ws.waivers[0].expires == date(2027, 3, 31)
    assert ws.waivers[1].expires == date(2027, 1, 15)  # quoted or not, a date
    assert ws.waivers[1].control is not None and ws.waivers[1].control.id == "164.312(c)(1)"
    assert len(ws.sha256) == 64


def test_an_empty_file_holds_no_waivers(tmp_path, policy_ids, mappings) -> None:
    assert load(tmp_path, "# nothing waived yet\n", policy_ids, mappings).waivers == ()
    assert load(tmp_path, "waivers: []\n", policy_ids, mappings).waivers == ()


BAD = {
    "no expiry": (
        """\
        waivers:
          - check: aws.s3.bucket_encryption_at_rest
            resources: "*"
            owner: me
            reason: because
        """,
        ["waiver 1 (aws.s3.bucket_encryption_at_rest)", "(line 2)", "no expiry", "expires: YYYY-MM-DD"],
    ),
    "impossible date": (
        """\
        waivers:
          - check: aws.s3.bucket_encryption_at_rest
            resources: "*"
            owner: me
            reason: because
            expires: 2027-02-30
        """,
        ["waiver 1 (aws.s3.bucket_encryption_at_rest)", "field expires (line 6)", "not a calendar date"],
    ),
    "a timestamp, not a date": (
        """\
        waivers:
          - check: aws.s3.bucket_encryption_at_rest
            resources: "*"
            owner: me
            reason: because
            expires: 1735689600
        """,
        ["field expires (line 6)", "YYYY-MM-DD"],
    ),
    "a date and time": (
        """\
        waivers:
          - check: aws.s3.bucket_encryption_at_rest
            resources: "*"
            owner: me
            reason: because
            expires: 2027-02-01T10:00:00Z
        """,
        ["field expires (line 6)", "YYYY-MM-DD"],
    ),
    "unknown check": (
        """\
        waivers:
          - check: aws.s3.bucket_versioning
            resources: "*"
            owner: me
            reason: because
            expires: 2027-02-01
        """,
        ["waiver 1 (aws.s3.bucket_versioning) (line 2)", "no check 'aws.s3.bucket_versioning'", "did you mean aws.s3.bucket_versioning_enabled", "attest policy list"],
    ),
    "unknown field": (
        """\
        waivers:
          - check: aws.s3.bucket_encryption_at_rest
            resources: "*"
            owner: me
            reason: because
            expires: 2027-02-01
            approved_by: cso
        """,
        ["field approved_by (line 7)", "remove the field or correct its name"],
    ),
    "unknown framework": (
        """\
        waivers:
          - check: aws.s3.bucket_encryption_at_rest
            resources: "*"
            owner: me
            reason: because
            expires: 2027-02-01
            control: {framework: pci, id: "3.4"}
        """,
        ["no framework 'pci'", "hipaa, soc2, hitrust"],
    ),
    "unknown control": (
        """\
        waivers:
          - check: aws.s3.bucket_encryption_at_rest
            resources: "*"
            owner: me
            reason: because
            expires: 2027-02-01
            control: {framework: hipaa, id: "164.999"}
        """,
        ["control '164.999' is not in the hipaa catalog", "attest framework show hipaa"],
    ),
    "a control the check gives no evidence for": (
        """\
        waivers:
          - check: aws.s3.bucket_encryption_at_rest
            resources: "*"
            owner: me
            reason: because
            expires: 2027-02-01
            control: {framework: hipaa, id: "164.312(c)(1)"}
        """,
        ["gives no evidence for hipaa 164.312(c)(1)", "its hipaa controls: 164.312(a)(2)(iv)"],
    ),
    "bad YAML": ("waivers:\n  - check: [unclosed\n", ["YAML syntax error at line"]),
    "not a mapping": ("- check: x\n", ["a YAML mapping with a `waivers:` list"]),
    "duplicate key": (
        """\
        waivers:
          - check: aws.s3.bucket_encryption_at_rest
            check: aws.s3.bucket_versioning_enabled
            resources: "*"
            owner: me
            reason: because
            expires: 2027-02-01
        """,
        ["duplicate key 'check'"],
    ),
    "empty owner": (
        """\
        waivers:
          - check: aws.s3.bucket_encryption_at_rest
            resources: "*"
            owner: ""
            reason: because
            expires: 2027-02-01
        """,
        ["field owner (line 4)"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_an_invalid_file_is_one_line_naming_file_entry_and_fix(case, tmp_path, policy_ids, mappings) -> None:
    text, expected = BAD[case]
    with pytest.raises(WaiverError) as err:
        load(tmp_path, text, policy_ids, mappings)
    message = err.value.message
    assert message.startswith(str(tmp_path / "waivers.yaml") + ":"), message
    assert "\n" not in message
    assert err.value.exit_code is ExitCode.USAGE
    for part in expected:
        assert part in message, (part, message)


def test_a_missing_file_is_an_input_error(tmp_path, policy_ids, mappings) -> None:
    with pytest.raises(WaiverError, match="waiver file not found"):
        load_waivers(tmp_path / "nope.yaml", known_checks=policy_ids, mappings=mappings)


# --------------------------------------------------------------------------------------------
# matching
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "rid", "matches"),
    [
        ("arn:aws:s3:::legacy-*", "arn:aws:s3:::legacy-logs", True),
        ("arn:aws:s3:::legacy-*", "arn:aws:s3:::phi-legacy-logs", False),
        ("arn:aws:s3:::legacy-?", "arn:aws:s3:::legacy-a", True),
        ("arn:aws:s3:::legacy-?", "arn:aws:s3:::legacy-ab", False),
        ("*", "anything/at:all", True),
        ("arn:aws:ec2:*:123456789012:volume/*", "arn:aws:ec2:eu-west-1:123456789012:volume/vol-1", True),
        # plan addresses: brackets are themselves, not character classes
        ("module.db[0].aws_db_instance.main", "module.db[0].aws_db_instance.main", True),
        ("module.db[0].aws_db_instance.main", "module.db0.aws_db_instance.main", False),
        ('aws_s3_bucket.b["logs"]', 'aws_s3_bucket.b["logs"]', True),
        ("module.legacy.*", "module.legacy.aws_s3_bucket.x", True),
        ("module.legacy.*", "module.legacy_new.aws_s3_bucket.x", False),
        # the whole id, not a part of it
        ("legacy", "arn:aws:s3:::legacy", False),
    ],
)
def test_resource_patterns(pattern: str, rid: str, matches: bool) -> None:
    assert bool(compile_pattern(pattern).fullmatch(rid)) is matches


def test_only_failures_are_waived_and_keep_their_status() -> None:
    results = [
        result(Status.FAIL, "arn:aws:s3:::legacy-a"),
        result(Status.PASS, "arn:aws:s3:::legacy-b"),
        result(Status.ERROR, "arn:aws:s3:::legacy-c"),
        result(Status.FAIL, "arn:aws:s3:::phi"),
    ]
    applied = apply_waivers(results, waiver_set(waiver(resources="arn:aws:s3:::legacy-*")), TODAY)
    waived = {r.resource_id: r.waiver for r in applied.results}
    assert waived["arn:aws:s3:::legacy-a"] is not None
    assert waived["arn:aws:s3:::legacy-b"] is None  # a pass needs no waiver
    assert waived["arn:aws:s3:::legacy-c"] is None  # an error is never hidden
    assert waived["arn:aws:s3:::phi"] is None
    assert [r.status for r in applied.results] == [r.status for r in results]
    assert applied.report.waived_results == 1
    assert applied.report.waivers[0].state is WaiverState.ACTIVE and applied.report.waivers[0].matched == 1


def test_expired_waivers_count_as_absent_and_are_reported() -> None:
    results = [result(Status.FAIL, "arn:aws:s3:::legacy-a")]
    expired = waiver(resources="arn:aws:s3:::legacy-*", expires=date(2026, 11, 27))
    applied = apply_waivers(results, waiver_set(expired), TODAY)
    assert applied.results[0].waiver is None
    (outcome,) = applied.report.waivers
    assert outcome.state is WaiverState.EXPIRED and outcome.matched == 1


def test_a_waiver_applies_through_its_expiry_day_in_utc() -> None:
    results = [result(Status.FAIL, "x")]
    assert apply_waivers(results, waiver_set(waiver(expires=TODAY)), TODAY).results[0].waiver is not None
    assert apply_waivers(results, waiver_set(waiver(expires=TODAY)), date(2026, 11, 29)).results[0].waiver is None


def test_a_waiver_matching_no_failure_is_stale() -> None:
    results = [result(Status.FAIL, "arn:aws:s3:::phi"), result(Status.PASS, "arn:aws:s3:::legacy-a")]
    applied = apply_waivers(results, waiver_set(waiver(resources="arn:aws:s3:::legacy-*")), TODAY)
    assert applied.report.waivers[0].state is WaiverState.STALE
    assert applied.report.waivers[0].matched == 0


def test_a_waiver_for_another_check_does_not_apply() -> None:
    applied = apply_waivers([result(Status.FAIL, "x", check=ENC)], waiver_set(waiver(check=VER)), TODAY)
    assert applied.results[0].waiver is None
    assert applied.report.waivers[0].state is WaiverState.STALE


def test_the_first_active_waiver_in_file_order_is_recorded() -> None:
    first = waiver(resources="*", expires=date(2020, 1, 1), n=1)  # expired: skipped
    second = waiver(resources="x*", n=2)
    third = waiver(resources="*", n=3)
    applied = apply_waivers([result(Status.FAIL, "x1")], waiver_set(first, second, third), TODAY)
    assert applied.results[0].waiver == second
    states = [o.state for o in applied.report.waivers]
    assert states == [WaiverState.EXPIRED, WaiverState.ACTIVE, WaiverState.ACTIVE]  # the third matched too


# --------------------------------------------------------------------------------------------
# control status and accepted risk
# --------------------------------------------------------------------------------------------


def _control(report, control_id: str):
    return next(c for c in report.controls if c.control_id == control_id)


def test_waived_failures_are_accepted_risk_and_the_control_is_satisfied(mappings) -> None:
    results = [result(Status.FAIL, "arn:aws:s3:::legacy-a"), result(Status.PASS, "arn:aws:s3:::phi")]
    applied = apply_waivers(results, waiver_set(waiver(resources="arn:aws:s3:::legacy-*")), TODAY)
    fw = framework_report(
        mappings.catalogs["hipaa"], mappings.mappings["hipaa"], applied.results,
        judged_checks={ENC}, not_collected=set(), control_waived=applied.control_waived,
    )
    c = _control(fw, "164.312(a)(2)(iv)")
    assert c.status is ControlState.SATISFIED
    assert c.failing_resources == []
    assert [(a.check_id, a.resources, a.waiver.source) for a in c.accepted_risk] == [
        (ENC, ["arn:aws:s3:::legacy-a"], "w.yaml#1")
    ]
    assert c.checks[0].counts == ResultCounts(passed=1, failed=1, waived=1)
    assert fw.accepted_risk == 1


def test_only_waived_failures_still_make_a_judged_control_not_not_applicable(mappings) -> None:
    applied = apply_waivers([result(Status.FAIL, "a")], waiver_set(waiver()), TODAY)
    fw = framework_report(
        mappings.catalogs["soc2"], mappings.mappings["soc2"], applied.results,
        judged_checks={ENC}, not_collected=set(), control_waived=applied.control_waived,
    )
    c = _control(fw, "CC6.1")
    assert c.status is ControlState.SATISFIED and c.accepted_risk


def test_a_control_scoped_waiver_applies_to_that_control_only(mappings) -> None:
    scoped = waiver(check=VER, resources="arn:aws:s3:::scratch", control={"framework": "hipaa", "id": "164.312(c)(1)"})
    results = [result(Status.FAIL, "arn:aws:s3:::scratch", check=VER, severity=Severity.MEDIUM)]
    applied = apply_waivers(results, waiver_set(scoped), TODAY)
    assert applied.results[0].waiver is None  # not waived for the gate or any other control
    assert applied.report.waivers[0].state is WaiverState.ACTIVE
    fw = framework_report(
        mappings.catalogs["hipaa"], mappings.mappings["hipaa"], applied.results,
        judged_checks={VER}, not_collected=set(), control_waived=applied.control_waived,
    )
    integrity = _control(fw, "164.312(c)(1)")
    backup = _control(fw, "164.308(a)(7)(ii)(A)")  # the same check, another control
    assert integrity.status is ControlState.SATISFIED and integrity.accepted_risk
    assert backup.status is ControlState.NOT_SATISFIED and not backup.accepted_risk
    assert backup.failing_resources == ["arn:aws:s3:::scratch"]


def test_a_waiver_never_hides_an_error_in_control_status(mappings) -> None:
    results = [result(Status.FAIL, "a"), result(Status.ERROR, "scope:aws/1/us-east-1/s3")]
    applied = apply_waivers(results, waiver_set(waiver()), TODAY)
    fw = framework_report(
        mappings.catalogs["hipaa"], mappings.mappings["hipaa"], applied.results,
        judged_checks={ENC}, not_collected=set(), control_waived=applied.control_waived,
    )
    c = _control(fw, "164.312(a)(2)(iv)")
    assert c.status is ControlState.INCOMPLETE
    assert c.errored_resources == ["scope:aws/1/us-east-1/s3"]


def test_judge_control_with_waived_failures() -> None:
    assert judge_control([ResultCounts(failed=2, waived=2)]) is ControlState.SATISFIED
    assert judge_control([ResultCounts(failed=2, waived=1)]) is ControlState.NOT_SATISFIED
    assert judge_control([ResultCounts(failed=1, waived=1, errored=1)]) is ControlState.INCOMPLETE
    assert judge_control([ResultCounts(failed=1, waived=1)], not_collected=True) is ControlState.INCOMPLETE


# --------------------------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------------------------

RIDS = ["arn:aws:s3:::legacy-a", "arn:aws:s3:::legacy-b", "arn:aws:s3:::phi", "module.db[0].aws_s3_bucket.x"]
results_strategy = st.lists(
    st.builds(
        result,
        st.sampled_from(list(Status)),
        st.sampled_from(RIDS),
        st.sampled_from([ENC, VER]),
        st.sampled_from(list(Severity)),
    ),
    max_size=12,
)
waivers_strategy = st.lists(
    st.builds(
        waiver,
        check=st.sampled_from([ENC, VER]),
        resources=st.sampled_from(["*", "arn:aws:s3:::legacy-*", "arn:aws:s3:::phi", "module.db[0].*", "nothing"]),
        expires=st.dates(min_value=date(2026, 11, 20), max_value=date(2026, 12, 5)),
        n=st.integers(1, 9),
        control=st.sampled_from([None, {"framework": "hipaa", "id": "164.312(c)(1)"}]),
    ),
    max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(results_strategy, waivers_strategy)
def test_a_waiver_never_deletes_restates_or_hides_a_result(results, waivers) -> None:
    applied = apply_waivers(results, waiver_set(*waivers), TODAY)
    assert len(applied.results) == len(results)
    for before, after in zip(results, applied.results, strict=True):
        assert after.model_dump(exclude={"waiver"}) == before.model_dump(exclude={"waiver"})
        if after.waiver is not None:
            assert after.status is Status.FAIL  # never a pass, never an error
            assert after.waiver.expires >= TODAY  # never an expired waiver
            assert after.waiver.control is None  # control-scoped waivers stay on their control
            assert compile_pattern(after.waiver.resources).fullmatch(after.resource_id)
    assert applied.report.waived_results == sum(1 for r in applied.results if r.waiver is not None)
    assert len(applied.report.waivers) == len(waivers)


@settings(max_examples=100, deadline=None)
@given(results_strategy, waivers_strategy)
def test_a_waiver_never_worsens_a_control_nor_hides_its_errors(results, waivers) -> None:
    ids = {ENC, VER}
    maps = _MAPPINGS()
    without = framework_report(maps.catalogs["hipaa"], maps.mappings["hipaa"], results, judged_checks=ids, not_collected=set())
    applied = apply_waivers(results, waiver_set(*waivers), TODAY)
    with_w = framework_report(
        maps.catalogs["hipaa"], maps.mappings["hipaa"], applied.results,
        judged_checks=ids, not_collected=set(), control_waived=applied.control_waived,
    )
    order = [ControlState.NOT_SATISFIED, ControlState.INCOMPLETE, ControlState.SATISFIED, ControlState.NOT_APPLICABLE, ControlState.MANUAL]
    for a, b in zip(without.controls, with_w.controls, strict=True):
        assert order.index(b.status) >= order.index(a.status)  # never worse
        assert b.errored_resources == a.errored_resources  # errors untouched
        if a.errored_resources:
            assert b.status in (ControlState.NOT_SATISFIED, ControlState.INCOMPLETE)
        waived = {rid for risk in b.accepted_risk for rid in risk.resources}
        assert set(b.failing_resources) | waived >= set(a.failing_resources)  # every failure still shown
        assert sum(c.counts.failed for c in b.checks) == sum(c.counts.failed for c in a.checks)


_cache: dict[str, MappingSet] = {}


def _MAPPINGS() -> MappingSet:  # a cached module-level value for the property tests
    if "m" not in _cache:
        _cache["m"] = load_mappings(load_policy_set().check_ids)
    return _cache["m"]


def test_the_documented_example_is_valid(tmp_path, policy_ids, mappings) -> None:
    doc = (Path(__file__).parents[2] / "docs" / "ci.md").read_text()
    example = doc.split("```yaml\n# .attest/waivers.yaml\n", 1)[1].split("```", 1)[0]
    ws = load(tmp_path, example, policy_ids, mappings)
    assert len(ws.waivers) == 2 and ws.waivers[1].control is not None
