"""Throttling and transient faults go through botocore's real retry path (issue 3, item 3).

Faults are injected with `before-send` handlers: botocore builds and signs the request,
the handler answers in place of the network, and botocore's adaptive retry mode decides
what to retry, exactly as against AWS. Retry sleeps are recorded instead of slept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from botocore.exceptions import EndpointConnectionError

from tests.collectors.conftest import Seeded, collect, new_session

ACCOUNT = "123456789012"


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


def _ec2_error(code: str, message: str) -> bytes:
    return (
        f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors>"
        "<RequestID>00000000-0000-0000-0000-000000000000</RequestID></Response>"
    ).encode()


def _json_error(code: str, message: str) -> bytes:
    return json.dumps({"__type": code, "message": message}).encode()


class Fault:
    """Answer matching requests with an error `times` times (None: always), then let them through."""

    def __init__(self, host: str, status: int, body: bytes, times: int | None, headers: dict[str, str] | None = None):
        self.host, self.status, self.body, self.times = host, status, body, times
        self.headers = headers or {}
        self.seen = 0
        self.injected = 0

    def __call__(self, request: Any, **_: Any) -> AWSResponse | None:
        if self.host not in request.url:
            return None
        self.seen += 1
        if self.times is not None and self.injected >= self.times:
            return None
        self.injected += 1
        return AWSResponse(request.url, self.status, self.headers, _Raw(self.body))


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Retry back-off delays botocore asked for, recorded instead of slept."""
    import botocore.endpoint

    recorded: list[float] = []
    monkeypatch.setattr(botocore.endpoint.time, "sleep", recorded.append)
    return recorded


@pytest.fixture
def session(telehealth: Seeded) -> boto3.Session:
    return new_session()


def test_throttled_twice_then_answered_is_retried_and_collected(session, sleeps) -> None:
    fault = Fault("ec2.eu-west-1.", 400, _ec2_error("RequestLimitExceeded", "Request limit exceeded."), times=2)
    session.events.register("before-send.ec2.DescribeSecurityGroups", fault)
    collected = collect(session)
    assert collected.errors == []
    assert fault.injected == 2 and fault.seen == 3
    assert len(sleeps) >= 2 and all(s >= 0 for s in sleeps)
    groups = [r for r in collected.of_type("AWS::EC2::SecurityGroup") if r.region == "eu-west-1"]
    assert groups, "the throttled region's security groups were collected after the retries"


def test_http_429_is_retried_and_collected(session, sleeps) -> None:
    fault = Fault(
        "cloudtrail.us-east-1.", 429, _json_error("ThrottlingException", "Rate exceeded"), times=1,
        headers={"Content-Type": "application/x-amz-json-1.1"},
    )
    session.events.register("before-send.cloudtrail.DescribeTrails", fault)
    collected = collect(session)
    assert collected.errors == []
    assert fault.injected == 1 and fault.seen == 2
    assert any(t.region == "us-east-1" for t in collected.of_type("AWS::CloudTrail::Trail"))


def test_persistent_throttling_is_an_error_for_exactly_that_scope(session, sleeps) -> None:
    fault = Fault("ec2.us-west-2.", 400, _ec2_error("RequestLimitExceeded", "Request limit exceeded."), times=None)
    session.events.register("before-send.ec2.DescribeVolumes", fault)
    collected = collect(session)
    assert [(e.service, e.region, e.api, e.code, e.resource_types) for e in collected.errors] == [
        ("ec2", "us-west-2", "ec2:DescribeVolumes", "RequestLimitExceeded", ["AWS::EC2::Volume"])
    ]
    assert fault.seen > 3, "gave up without retrying"
    assert {r.region for r in collected.of_type("AWS::EC2::Volume")} == {"us-east-1", "eu-west-1"}
    assert {r.region for r in collected.of_type("AWS::EC2::SecurityGroup")} == {"us-east-1", "us-west-2", "eu-west-1"}


def test_a_disabled_opt_in_region_is_an_error_for_every_regional_read_there(session, sleeps) -> None:
    """A region the account has not opted into rejects the credentials (AuthFailure / UnrecognizedClient)."""
    ec2 = Fault("ec2.me-south-1.", 401, _ec2_error("AuthFailure", "AWS was not able to validate the provided access credentials"), None)
    trail = Fault("cloudtrail.me-south-1.", 400, _json_error("UnrecognizedClientException", "The security token included in the request is invalid."), None,
                  headers={"Content-Type": "application/x-amz-json-1.1"})  # fmt: skip
    session.events.register("before-send.ec2", ec2)
    session.events.register("before-send.cloudtrail", trail)
    collected = collect(session, regions=["us-east-1", "me-south-1"])
    failed = {(e.region, e.api, e.code) for e in collected.errors}
    assert failed == {
        ("me-south-1", "ec2:DescribeSecurityGroups", "AuthFailure"),
        ("me-south-1", "ec2:DescribeVolumes", "AuthFailure"),
        ("me-south-1", "ec2:DescribeInstances", "AuthFailure"),
        ("me-south-1", "ec2:DescribeSnapshots", "AuthFailure"),
        ("me-south-1", "ec2:DescribeImages", "AuthFailure"),
        ("me-south-1", "ec2:DescribeVpcs", "AuthFailure"),
        ("me-south-1", "cloudtrail:DescribeTrails", "UnrecognizedClientException"),
    }
    setting = collected.resources[f"arn:aws:ec2:me-south-1:{ACCOUNT}:ebs-encryption-by-default"]
    assert [(e.api, e.code) for e in setting.errors] == [("ec2:GetEbsEncryptionByDefault", "AuthFailure")]
    assert any(r.region == "us-east-1" for r in collected.of_type("AWS::EC2::SecurityGroup"))


def test_an_unreachable_endpoint_is_retried_then_recorded(session, sleeps) -> None:
    attempts = []

    def unreachable(request: Any, **_: Any) -> None:
        if "ec2.eu-west-1." in request.url:
            attempts.append(request.url)
            raise EndpointConnectionError(endpoint_url=request.url)

    session.events.register("before-send.ec2", unreachable)
    collected = collect(session)
    assert {(e.region, e.code) for e in collected.errors} == {("eu-west-1", "EndpointConnectionError")}
    assert len(attempts) > 3, "connection errors are retried before they are recorded"
    assert {r.region for r in collected.of_type("AWS::EC2::Volume")} == {"us-east-1", "us-west-2"}
