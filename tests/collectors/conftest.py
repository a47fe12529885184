"""Fixtures for the collector tests: a list-backed sink, seeded moto accounts, a collect helper."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import boto3
import botocore.loaders
import botocore.session
import pytest
from botocore.awsrequest import AWSResponse

from attestkit.collectors.aws import AwsCollector
from attestkit.demo.aws_company import REGIONS, SeededExpectation, seed_compliant_company, seed_telehealth_company
from tests.fixtures.collected import Collected, run

_LOADER = botocore.loaders.create_loader()


def new_session(region_name: str | None = None) -> boto3.Session:
    """A fresh boto3 Session (its own events and clients) sharing one botocore data loader,
    so each test does not parse the service JSON models again (about half a second)."""
    core = botocore.session.get_session()
    core.register_component("data_loader", _LOADER)
    return boto3.Session(botocore_session=core, region_name=region_name)


def collect(
    session: boto3.Session | None = None, *, regions: Sequence[str] | None = REGIONS, max_workers: int = 8
) -> Collected:
    regions = list(regions) if regions is not None else None
    return run(AwsCollector(session or new_session(), regions=regions, max_workers=max_workers))


def fail_call(
    session: boto3.Session,
    event: str,
    code: str = "AccessDenied",
    message: str = "User: arn:aws:iam::123456789012:user/auditor is not authorized to perform this action",
    *,
    region: str | None = None,
    url_contains: str | None = None,
    status: int = 403,
) -> None:
    """Make calls matching `before-call.<service>.<Operation>` fail with `code`, optionally only
    in `region` or when the request URL contains `url_contains` (e.g. a bucket name)."""

    def handler(params: dict[str, Any], context: dict[str, Any], **_: Any) -> Any:
        if region is not None and context.get("client_region") != region:
            return None
        if url_contains is not None and url_contains not in params.get("url", ""):
            return None
        body = {"Error": {"Code": code, "Message": message}, "ResponseMetadata": {"HTTPStatusCode": status}}
        return AWSResponse(params.get("url", ""), status, {}, None), body

    session.events.register(event, handler)


@dataclass(frozen=True)
class Seeded:
    account: str
    expectations: list[SeededExpectation]


@pytest.fixture(scope="module")
def telehealth(aws_env: None) -> Iterator[Seeded]:
    """The demo telehealth company in moto, shared read-only by a module's tests."""
    from moto import mock_aws

    with mock_aws():
        expectations = seed_telehealth_company()
        yield Seeded("123456789012", expectations)


@pytest.fixture(scope="module")
def compliant(aws_env: None) -> Iterator[Seeded]:
    from moto import mock_aws

    with mock_aws():
        expectations = seed_compliant_company()
        yield Seeded("123456789012", expectations)
