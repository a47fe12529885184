"""Fixtures for the collector tests: a list-backed sink, seeded moto accounts, a collect helper."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import boto3
import botocore.loaders
import botocore.session
import pytest
from botocore.awsrequest import AWSResponse

from attestkit.collectors.aws import AwsCollector
from attestkit.collectors.interface import SilentProgress
from attestkit.demo.aws_company import REGIONS, SeededExpectation, seed_compliant_company, seed_telehealth_company
from attestkit.models import CollectionError, CollectionScope, Resource


_LOADER = botocore.loaders.create_loader()


def new_session(region_name: str | None = None) -> boto3.Session:
    """A fresh boto3 Session (its own events and clients) sharing one botocore data loader,
    so each test does not parse the service JSON models again (about half a second)."""
    core = botocore.session.get_session()
    core.register_component("data_loader", _LOADER)
    return boto3.Session(botocore_session=core, region_name=region_name)


class ListSink:
    """A thread-safe EvidenceSink that keeps everything in lists."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.resources: list[Resource] = []
        self.errors: list[CollectionError] = []

    def add(self, resource: Resource) -> None:
        with self._lock:
            self.resources.append(resource)

    def error(self, error: CollectionError) -> None:
        with self._lock:
            self.errors.append(error)


@dataclass
class Collected:
    scope: CollectionScope
    resources: dict[str, Resource]
    errors: list[CollectionError]
    lines: list[str] = field(default_factory=list)
    """Every resource as canonical JSON, sorted by id (for equality)."""

    def of_type(self, rtype: str) -> list[Resource]:
        return [r for r in self.resources.values() if r.type == rtype]

    def named(self, rtype: str, name: str) -> Resource:
        (found,) = [r for r in self.of_type(rtype) if r.name == name]
        return found


def collect(
    session: boto3.Session | None = None, *, regions: Sequence[str] | None = REGIONS, max_workers: int = 8
) -> Collected:
    from attestkit.bundle.writer import resource_line

    sink = ListSink()
    regions = list(regions) if regions is not None else None
    scope = AwsCollector(session or new_session(), regions=regions, max_workers=max_workers).collect(
        sink, SilentProgress()
    )
    ids = [r.id for r in sink.resources]
    assert len(ids) == len(set(ids)), "a resource id was written twice"
    by_id = {r.id: r for r in sorted(sink.resources, key=lambda r: r.id)}
    return Collected(scope, by_id, sink.errors, [resource_line(r) for r in by_id.values()])


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
