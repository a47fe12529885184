"""Failed reads are recorded where docs/resources/aws.md says, and collection goes on."""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from botocore.exceptions import EndpointConnectionError

from attestkit.collectors.aws import AwsCollector
from attestkit.collectors.interface import SilentProgress
from attestkit.demo.aws_company import REGIONS
from attestkit.errors import CollectionFailed, ExitCode
from tests.collectors.conftest import Collected, Seeded, collect, fail_call, new_session
from tests.fixtures.collected import ListSink

ACCOUNT = "123456789012"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


@pytest.fixture
def session(telehealth: Seeded) -> boto3.Session:
    """A fresh session on the shared seeded account; handlers registered on it affect only this test."""
    return new_session()


def _regions_of(collected: Collected, rtype: str) -> set[str]:
    return {r.region for r in collected.of_type(rtype)}


def test_access_denied_in_one_region_is_one_collection_error_and_the_rest_is_collected(session: boto3.Session) -> None:
    fail_call(
        session,
        "before-call.ec2.DescribeSecurityGroups",
        "UnauthorizedOperation",
        "You are not authorized to perform this operation.",
        region="eu-west-1",
    )
    collected = collect(session)
    (error,) = collected.errors
    assert error.model_dump() == {
        "service": "ec2",
        "region": "eu-west-1",
        "account": ACCOUNT,
        "api": "ec2:DescribeSecurityGroups",
        "code": "UnauthorizedOperation",
        "message": "You are not authorized to perform this operation.",
        "resource_types": ["AWS::EC2::SecurityGroup"],
    }
    assert _regions_of(collected, "AWS::EC2::SecurityGroup") == {"us-east-1", "us-west-2"}
    assert _regions_of(collected, "AWS::EC2::Volume") == set(REGIONS)  # same service, same region, other listing
    assert _regions_of(collected, "AWS::EC2::EBSEncryptionByDefault") == set(REGIONS)
    assert _regions_of(collected, "AWS::CloudTrail::Trail") == {"us-east-1", "eu-west-1"}
    assert len(collected.of_type("AWS::S3::Bucket")) == 9


def test_an_unreachable_region_fails_its_listings_and_its_settings_carry_the_error(session: boto3.Session) -> None:
    def unreachable(context: dict[str, Any], **_: Any) -> None:
        if context.get("client_region") == "us-west-2":
            raise EndpointConnectionError(endpoint_url="https://ec2.us-west-2.amazonaws.com/")

    session.events.register("before-call.ec2", unreachable)
    session.events.register("before-call.cloudtrail", unreachable)
    collected = collect(session)
    failed = {(e.service, e.region, e.api, e.code, tuple(e.resource_types)) for e in collected.errors}
    assert failed == {
        ("ec2", "us-west-2", "ec2:DescribeSecurityGroups", "EndpointConnectionError", ("AWS::EC2::SecurityGroup",)),
        ("ec2", "us-west-2", "ec2:DescribeVolumes", "EndpointConnectionError", ("AWS::EC2::Volume",)),
        ("ec2", "us-west-2", "ec2:DescribeInstances", "EndpointConnectionError", ("AWS::EC2::Instance",)),
        ("ec2", "us-west-2", "ec2:DescribeSnapshots", "EndpointConnectionError", ("AWS::EC2::Snapshot",)),
        ("ec2", "us-west-2", "ec2:DescribeImages", "EndpointConnectionError", ("AWS::EC2::Image",)),
        ("vpc", "us-west-2", "ec2:DescribeVpcs", "EndpointConnectionError", ("AWS::EC2::VPC",)),
        (
            "cloudtrail",
            "us-west-2",
            "cloudtrail:DescribeTrails",
            "EndpointConnectionError",
            ("AWS::CloudTrail::Trail",),
        ),
    }
    setting = collected.resources[f"arn:aws:ec2:us-west-2:{ACCOUNT}:ebs-encryption-by-default"]
    assert "EbsEncryptionByDefault" not in setting.config
    assert [(e.api, e.code) for e in setting.errors] == [("ec2:GetEbsEncryptionByDefault", "EndpointConnectionError")]
    assert _regions_of(collected, "AWS::EC2::SecurityGroup") == {"us-east-1", "eu-west-1"}


def test_a_failed_per_bucket_read_lands_on_that_bucket_and_its_key_is_absent(session: boto3.Session) -> None:
    fail_call(session, "before-call.s3.GetBucketEncryption", url_contains="carebridge-phi-patient-records")
    collected = collect(session, regions=["us-east-1"])
    assert collected.errors == []
    bucket = collected.resources["arn:aws:s3:::carebridge-phi-patient-records"]
    assert "ServerSideEncryptionConfiguration" not in bucket.config
    assert [e.model_dump() for e in bucket.errors] == [
        {
            "api": "s3:GetBucketEncryption",
            "code": "AccessDenied",
            "message": "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform this action",
        }
    ]
    assert bucket.config["Versioning"] == {"Status": "Enabled"}  # the other reads went on
    other = collected.resources["arn:aws:s3:::carebridge-marketing-site"]
    assert other.errors == [] and other.config["ServerSideEncryptionConfiguration"] is not None


def test_a_failed_bucket_listing_is_a_global_collection_error(session: boto3.Session) -> None:
    fail_call(session, "before-call.s3.ListBuckets")
    collected = collect(session, regions=["us-east-1"])
    assert [(e.service, e.region, e.api, e.resource_types) for e in collected.errors] == [
        ("s3", "global", "s3:ListBuckets", ["AWS::S3::Bucket"])
    ]
    assert collected.of_type("AWS::S3::Bucket") == []
    assert len(collected.of_type("AWS::S3::AccountPublicAccessBlock")) == 1


def test_a_failed_bucket_location_keeps_the_bucket_with_the_error(session: boto3.Session) -> None:
    fail_call(session, "before-call.s3.GetBucketLocation", url_contains="carebridge-eu-patient-intake")
    collected = collect(session)
    bucket = collected.resources["arn:aws:s3:::carebridge-eu-patient-intake"]
    assert bucket.region == "global"
    assert [e.api for e in bucket.errors] == ["s3:GetBucketLocation"]
    assert bucket.config["PolicyStatus"] == {"IsPublic": True}  # read anyway (S3 follows the redirect)


@pytest.mark.parametrize(
    ("event", "rid", "key", "api"),
    [
        (
            "before-call.s3-control.GetPublicAccessBlock",
            f"arn:aws:s3::{ACCOUNT}:account-public-access-block",
            "PublicAccessBlockConfiguration",
            "s3control:GetPublicAccessBlock",
        ),
        (
            "before-call.iam.GetAccountPasswordPolicy",
            f"arn:aws:iam::{ACCOUNT}:account-password-policy",
            "PasswordPolicy",
            "iam:GetAccountPasswordPolicy",
        ),
        (
            "before-call.iam.GetAccountSummary",
            f"arn:aws:iam::{ACCOUNT}:root",
            "AccountSummary",
            "iam:GetAccountSummary",
        ),
        (
            "before-call.iam.GetLoginProfile",
            f"arn:aws:iam::{ACCOUNT}:user/dr-amelia-chen",
            "LoginProfile",
            "iam:GetLoginProfile",
        ),
        (
            "before-call.cloudtrail.GetTrailStatus",
            f"arn:aws:cloudtrail:us-east-1:{ACCOUNT}:trail/carebridge-management-events",
            "Status",
            "cloudtrail:GetTrailStatus",
        ),
    ],
)
def test_a_failed_read_of_a_known_resource_is_on_the_resource(
    session: boto3.Session, event: str, rid: str, key: str, api: str
) -> None:
    fail_call(session, event)
    collected = collect(session, regions=["us-east-1"])
    resource = collected.resources[rid]
    assert key not in resource.config
    error = resource.error_for(api)
    assert error is not None and error.code == "AccessDenied"
    assert collected.errors == []


def test_a_failed_last_used_read_drops_only_that_field(session: boto3.Session) -> None:
    fail_call(session, "before-call.iam.GetAccessKeyLastUsed")
    collected = collect(session, regions=["us-east-1"])
    user = collected.resources[f"arn:aws:iam::{ACCOUNT}:user/ci-deploy-pipeline"]
    assert [set(k) for k in user.config["AccessKeys"]] == [{"AccessKeyId", "Status", "CreateDate"}] * 2
    assert [e.api for e in user.errors] == ["iam:GetAccessKeyLastUsed"] * 2


def test_a_failed_user_listing_leaves_the_password_policy(session: boto3.Session) -> None:
    fail_call(session, "before-call.iam.ListUsers")
    collected = collect(session, regions=["us-east-1"])
    assert [(e.service, e.region, e.api, e.resource_types) for e in collected.errors] == [
        ("iam", "global", "iam:ListUsers", ["AWS::IAM::User"])
    ]
    assert collected.of_type("AWS::IAM::User") == []
    assert collected.of_type("AWS::IAM::AccountPasswordPolicy")[0].config["PasswordPolicy"] is not None


def test_a_failed_region_discovery_is_recorded_and_the_session_region_collected(session: boto3.Session) -> None:
    fail_call(session, "before-call.ec2.DescribeRegions", "UnauthorizedOperation")
    collected = collect(session, regions=None)
    (error,) = collected.errors
    assert (error.service, error.region, error.api) == ("ec2", "us-east-1", "ec2:DescribeRegions")
    from attestkit.collectors.aws.services import SERVICES

    assert error.resource_types == sorted({t for s in SERVICES if s.regional for t in s.resource_types})
    assert collected.scope.regions == ["us-east-1"]
    assert _regions_of(collected, "AWS::EC2::EBSEncryptionByDefault") == {"us-east-1"}


def test_an_unexpected_exception_is_recorded_for_its_task(session: boto3.Session) -> None:
    def bug(context: dict[str, Any], **_: Any) -> None:
        if context.get("client_region") == "eu-west-1":
            raise RuntimeError("simulated bug")

    session.events.register("before-call.cloudtrail.DescribeTrails", bug)
    collected = collect(session)
    (error,) = collected.errors
    assert (error.service, error.region, error.api, error.code, error.message) == (
        "cloudtrail",
        "eu-west-1",
        "cloudtrail:*",
        "RuntimeError",
        "simulated bug",
    )
    assert error.resource_types == ["AWS::CloudTrail::Trail"]
    assert _regions_of(collected, "AWS::CloudTrail::Trail") == {"us-east-1"}


def test_error_messages_never_carry_secrets(session: boto3.Session) -> None:
    fail_call(
        session,
        "before-call.ec2.DescribeVolumes",
        "AuthFailure",
        f"credentials AKIAIOSFODNN7EXAMPLE / {SECRET} were refused",
        region="us-east-1",
    )
    collected = collect(session, regions=["us-east-1"])
    (error,) = collected.errors
    assert "AKIAIOSFODNN7EXAMPLE" not in error.message and SECRET not in error.message
    assert "refused" in error.message


def test_rejected_credentials_stop_collection_with_exit_code_3(session: boto3.Session) -> None:
    fail_call(
        session,
        "before-call.sts.GetCallerIdentity",
        "InvalidClientTokenId",
        "The security token included in the request is invalid.",
    )
    sink = ListSink()
    with pytest.raises(CollectionFailed) as caught:
        AwsCollector(session, regions=["us-east-1"]).collect(sink, SilentProgress())
    assert caught.value.exit_code == ExitCode.INCOMPLETE == 3
    assert "InvalidClientTokenId" in caught.value.message and "--profile" in caught.value.message
    assert "\n" not in caught.value.message
    assert sink.resources == [] and sink.errors == []


def test_no_credentials_at_all_stop_collection_with_an_actionable_message(
    aws_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECURITY_TOKEN", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(name)
    with pytest.raises(CollectionFailed) as caught:
        AwsCollector(boto3.Session(), regions=["us-east-1"]).collect(ListSink(), SilentProgress())
    assert caught.value.message.startswith("no AWS credentials:")
    assert "--profile" in caught.value.message
    assert caught.value.exit_code == 3


class RecordingProgress:
    def __init__(self) -> None:
        self.total = 0
        self.done: list[str] = []

    def add_total(self, units: int) -> None:
        self.total += units

    def advance(self, description: str, units: int = 1) -> None:
        self.done.extend([description] * units)


def test_progress_is_reported_per_task(session: boto3.Session) -> None:
    progress = RecordingProgress()
    AwsCollector(session, regions=["eu-west-1", "us-east-1"]).collect(ListSink(), progress)
    from attestkit.collectors.aws.services import SERVICES

    expected = [f"aws {s.name} global" for s in SERVICES if not s.regional]
    expected += [f"aws {s.name} {r}" for s in SERVICES if s.regional for r in ("eu-west-1", "us-east-1")]
    assert progress.total == len(progress.done) == len(expected)
    assert sorted(progress.done) == sorted(expected)


def test_an_organization_trail_seen_from_a_member_account_is_collected_once_with_its_unreadable_status(
    session: boto3.Session,
) -> None:
    """A member account sees the management account's organization trail only as a shadow trail;
    reading its status from the member account fails (TrailNotFoundException), and that failure is
    the evidence, so the multi-region trail check cannot read the account as without a trail."""
    org_trail = {
        "Name": "org-trail",
        "S3BucketName": "org-cloudtrail-logs",
        "IncludeGlobalServiceEvents": True,
        "IsMultiRegionTrail": True,
        "HomeRegion": "us-east-1",
        "TrailARN": "arn:aws:cloudtrail:us-east-1:999999999999:trail/org-trail",
        "LogFileValidationEnabled": True,
        "HasCustomEventSelectors": False,
        "HasInsightSelectors": False,
        "IsOrganizationTrail": True,
    }
    asked: list[Any] = []

    def describe(params: dict[str, Any], **_: Any) -> Any:
        asked.append(params["body"])
        body = {"trailList": [org_trail], "ResponseMetadata": {"HTTPStatusCode": 200}}
        return AWSResponse(params.get("url", ""), 200, {}, None), body

    session.events.register("before-call.cloudtrail.DescribeTrails", describe)
    collected = collect(session)
    (trail,) = [t for t in collected.of_type("AWS::CloudTrail::Trail") if t.name == "org-trail"]
    assert trail.id == org_trail["TrailARN"] and trail.region == "us-east-1" and trail.account == ACCOUNT
    assert trail.config["IsOrganizationTrail"] is True
    assert ("cloudtrail:GetTrailStatus", "TrailNotFoundException") in {(e.api, e.code) for e in trail.errors}
    assert asked and all(_json(b).get("includeShadowTrails") is True for b in asked)


def _json(body: Any) -> dict[str, Any]:
    import json

    return json.loads(body) if isinstance(body, (bytes, str)) and body else {}
