"""calls.py: the one place that calls AWS (errors, "none" codes, pagination, JSON-ready output)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import boto3
import pytest
from botocore.exceptions import EndpointConnectionError
from botocore.stub import Stubber

from attestkit.collectors.aws.calls import ApiFailure, call, jsonable, paginate, redact


@pytest.fixture
def session(aws_env: None) -> boto3.Session:
    return boto3.Session(region_name="us-east-1")


def test_jsonable_writes_datetimes_as_rfc3339_utc_z() -> None:
    plus_two = timezone(timedelta(hours=2))
    value = {
        "aware": datetime(2026, 1, 2, 5, 4, 5, tzinfo=plus_two),
        "naive": datetime(2026, 1, 2, 3, 4, 5),
        "micro": datetime(2026, 1, 2, 3, 4, 5, 120000, tzinfo=timezone.utc),
        "nested": [{"when": datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)}],
    }
    assert jsonable(value) == {
        "aware": "2026-01-02T03:04:05Z",
        "naive": "2026-01-02T03:04:05Z",
        "micro": "2026-01-02T03:04:05.120000Z",
        "nested": [{"when": "2026-01-02T03:04:05Z"}],
    }


def test_redact_masks_credentials_but_keeps_the_message_useful() -> None:
    text = (
        "The security token AKIAIOSFODNN7EXAMPLE is invalid; secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY; "
        "url https://s3.amazonaws.com/?X-Amz-Signature=abcdef0123&X-Amz-Credential=AKIA/2026 "
        "for arn:aws:iam::123456789012:user/bob"
    )
    safe = redact(text)
    assert "AKIAIOSFODNN7EXAMPLE" not in safe
    assert "wJalrXUtnFEMI" not in safe
    assert "abcdef0123" not in safe
    assert "arn:aws:iam::123456789012:user/bob" in safe
    assert "\n" not in redact("line one\nline two")
    assert len(redact("x " * 2000)) <= 500


def test_call_drops_response_metadata_and_converts_datetimes(session: boto3.Session) -> None:
    iam = session.client("iam")
    with Stubber(iam) as stub:
        stub.add_response(
            "get_login_profile",
            {
                "LoginProfile": {"UserName": "alice", "CreateDate": datetime(2026, 1, 2, tzinfo=timezone.utc)},
                "ResponseMetadata": {"RequestId": "r-1"},
            },
            {"UserName": "alice"},
        )
        assert call(iam, "GetLoginProfile", UserName="alice") == {
            "LoginProfile": {"UserName": "alice", "CreateDate": "2026-01-02T00:00:00Z"}
        }


def test_call_turns_a_none_code_into_none_and_any_other_error_into_an_api_failure(session: boto3.Session) -> None:
    s3 = session.client("s3")
    with Stubber(s3) as stub:
        stub.add_client_error("get_bucket_encryption", "ServerSideEncryptionConfigurationNotFoundError", "none")
        stub.add_client_error("get_bucket_encryption", "AccessDenied", "Access Denied", http_status_code=403)
        none_on = ("ServerSideEncryptionConfigurationNotFoundError",)
        assert call(s3, "GetBucketEncryption", none_on=none_on, Bucket="b") is None
        with pytest.raises(ApiFailure) as caught:
            call(s3, "GetBucketEncryption", none_on=none_on, Bucket="b")
    failure = caught.value
    assert (failure.api, failure.code, failure.message) == ("s3:GetBucketEncryption", "AccessDenied", "Access Denied")
    assert failure.read_error().model_dump() == {
        "api": "s3:GetBucketEncryption",
        "code": "AccessDenied",
        "message": "Access Denied",
    }


def test_api_names_use_the_botocore_service_name(session: boto3.Session) -> None:
    s3control = session.client("s3control")
    with Stubber(s3control) as stub:
        stub.add_client_error("get_public_access_block", "AccessDenied", "no", http_status_code=403)
        with pytest.raises(ApiFailure) as caught:
            call(s3control, "GetPublicAccessBlock", AccountId="123456789012")
    assert caught.value.api == "s3control:GetPublicAccessBlock"


def test_connection_errors_become_api_failures(session: boto3.Session) -> None:
    ec2 = session.client("ec2", region_name="eu-west-1")

    def unreachable(**_: Any) -> None:
        raise EndpointConnectionError(endpoint_url="https://ec2.eu-west-1.amazonaws.com/")

    ec2.meta.events.register("before-call.ec2.DescribeVolumes", unreachable)
    with pytest.raises(ApiFailure) as caught:
        paginate(ec2, "DescribeVolumes", "Volumes")
    assert caught.value.api == "ec2:DescribeVolumes"
    assert caught.value.code == "EndpointConnectionError"
    assert "ec2.eu-west-1.amazonaws.com" in caught.value.message


def test_paginate_follows_every_page(session: boto3.Session) -> None:
    iam = session.client("iam")
    created = datetime(2026, 1, 2, tzinfo=timezone.utc)

    def user(name: str) -> dict[str, Any]:
        return {
            "UserName": name,
            "UserId": "AIDA" + name.upper().ljust(17, "X"),
            "Arn": f"arn:aws:iam::123456789012:user/{name}",
            "Path": "/",
            "CreateDate": created,
        }

    with Stubber(iam) as stub:
        stub.add_response("list_users", {"Users": [user("alice")], "IsTruncated": True, "Marker": "m1"}, {})
        stub.add_response("list_users", {"Users": [user("bob")], "IsTruncated": False}, {"Marker": "m1"})
        users = paginate(iam, "ListUsers", "Users")
    assert [u["UserName"] for u in users] == ["alice", "bob"]
    assert users[0]["CreateDate"] == "2026-01-02T00:00:00Z"


def test_paginate_falls_back_to_one_call_when_there_is_no_paginator(session: boto3.Session) -> None:
    cloudtrail = session.client("cloudtrail")
    with Stubber(cloudtrail) as stub:
        stub.add_response("describe_trails", {"trailList": [{"Name": "t1"}]}, {"includeShadowTrails": False})
        assert paginate(cloudtrail, "DescribeTrails", "trailList", includeShadowTrails=False) == [{"Name": "t1"}]


@pytest.mark.parametrize("operation", ["PutBucketPolicy", "DeleteBucket", "CreateBucket", "UpdateTrail"])
def test_call_refuses_anything_but_a_read(session: boto3.Session, operation: str) -> None:
    with pytest.raises(ValueError, match="only read"):
        call(session.client("s3"), operation, Bucket="b")


def test_redact_keeps_urls_and_masks_session_tokens() -> None:
    url = 'Could not connect to the endpoint URL: "http://127.0.0.1:39187/v20180820/configuration/publicAccessBlock"'
    assert redact(url) == url
    token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6" * 4
    assert token not in redact(f"token {token} expired")
