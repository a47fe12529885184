"""The demo telehealth company: every seeded expectation holds in what the collector reads."""

from __future__ import annotations

from typing import Any

import pytest

from attestkit.demo.aws_company import seed_telehealth_company
from tests.collectors.conftest import Collected, Seeded, collect, fail_call, new_session
from tests.collectors.reference_checks import ONE_PER_ACCOUNT, Judge, assert_expectations


@pytest.fixture(scope="module")
def telehealth_collected(telehealth: Seeded) -> Collected:
    return collect()


def test_every_telehealth_expectation_holds(telehealth: Seeded, telehealth_collected: Collected) -> None:
    assert_expectations(telehealth.expectations, telehealth_collected)


def test_the_telehealth_company_covers_every_check_both_ways(
    telehealth: Seeded, telehealth_collected: Collected
) -> None:
    checks = set(Judge(telehealth_collected).checks)
    seen: dict[str, set[str]] = {}
    for e in telehealth.expectations:
        seen.setdefault(e.check_id, set()).add(e.status)
        assert e.reason
    assert set(seen) == checks
    # one resource per account cannot both pass and fail: the telehealth company fails them
    assert {c for c, statuses in seen.items() if statuses != {"pass", "fail"}} == ONE_PER_ACCOUNT
    assert all(seen[c] == {"fail"} for c in ONE_PER_ACCOUNT)
    pairs = [(e.check_id, e.resource_id) for e in telehealth.expectations]
    assert len(pairs) == len(set(pairs))


def test_the_telehealth_regions_and_names(telehealth: Seeded, telehealth_collected: Collected) -> None:
    buckets = {r.name for r in telehealth_collected.of_type("AWS::S3::Bucket")}
    assert {
        "carebridge-phi-patient-records",
        "carebridge-telehealth-video-recordings",
        "carebridge-clinic-app-logs",
    } <= buckets
    assert {r.region for r in telehealth_collected.of_type("AWS::EC2::Volume")} == {
        "us-east-1",
        "us-west-2",
        "eu-west-1",
    }


def test_seeding_refuses_anything_but_moto(mocked_aws: None) -> None:
    session = new_session()

    def real_looking_identity(params: dict[str, Any], **_: Any) -> Any:
        from botocore.awsrequest import AWSResponse

        body = {"Account": "210987654321", "Arn": "arn:aws:iam::210987654321:user/alice", "UserId": "AIDAEXAMPLE"}
        return AWSResponse(params["url"], 200, {}, None), body

    session.events.register("before-call.sts.GetCallerIdentity", real_looking_identity)
    with pytest.raises(RuntimeError, match="refusing to seed"):
        seed_telehealth_company(session)


def test_fail_call_helper_only_affects_its_session(telehealth: Seeded) -> None:
    denied = new_session()
    fail_call(denied, "before-call.iam.ListUsers")
    assert collect(new_session(), regions=["us-east-1"]).errors == []
