"""Sessions, clients and regions: everything the collector needs before its first read.

The boto3 Session is built from `--profile` when the collector is built, never at import
time. `ClientFactory` hands out one client per (service, region), created under a lock
(boto3 sessions are not thread-safe; clients are) with adaptive retries. boto3 itself
honours `AWS_ENDPOINT_URL` (and `AWS_ENDPOINT_URL_<SERVICE>`), so the same code runs
against AWS, a moto server or moto in-process.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ProfileNotFound

from attestkit.collectors.aws.calls import ApiFailure, call
from attestkit.errors import InputError
from attestkit.models import CollectionError

log = logging.getLogger(__name__)

DEFAULT_REGION = "us-east-1"
"""Where global APIs (IAM, S3 listing, STS) are called when the session names no region."""

OPERATIONS: dict[str, str | None] = {"ec2:DescribeRegions": "ec2:DescribeRegions"}
"""Operations this module calls, with the IAM action each needs."""


def make_session(profile: str | None = None) -> boto3.Session:
    """A boto3 Session for `profile` (or the default credential chain when None)."""
    try:
        return boto3.Session(profile_name=profile) if profile else boto3.Session()
    except ProfileNotFound:
        raise InputError(
            f"AWS profile {profile!r} not found in the AWS config files; "
            "list profiles with `aws configure list-profiles` or omit --profile"
        ) from None
    except BotoCoreError as exc:  # e.g. an unparsable ~/.aws/config
        raise InputError(f"cannot load AWS configuration: {exc}") from None


class ClientFactory:
    """One botocore client per (service, region), shared by every thread."""

    def __init__(self, session: boto3.Session, *, max_pool_connections: int = 10) -> None:
        self.session = session
        self.home_region = session.region_name or DEFAULT_REGION
        self._config = Config(
            retries={"mode": "adaptive", "max_attempts": 10},
            max_pool_connections=max_pool_connections,
        )
        self._lock = threading.Lock()
        self._clients: dict[tuple[str, str], Any] = {}

    def __call__(self, service: str, region: str | None = None) -> Any:
        key = (service, region or self.home_region)
        client = self._clients.get(key)
        if client is None:
            with self._lock:
                client = self._clients.get(key)
                if client is None:
                    client = self.session.client(service, region_name=key[1], config=self._config)
                    self._clients[key] = client
        return client


def discover_regions(
    clients: ClientFactory, *, account: str, partition: str, regional_types: list[str]
) -> tuple[list[str], CollectionError | None]:
    """The account's enabled regions (`ec2:DescribeRegions`, AllRegions=False), sorted.

    Regions of another partition are left out (an aws-partition account cannot call
    cn-north-1; moto lists them all). When the call fails the error is returned for the
    manifest and collection falls back to the session's region.
    """
    try:
        response = call(clients("ec2"), "DescribeRegions", AllRegions=False) or {}
    except ApiFailure as failure:
        log.warning("cannot list regions (%s %s); collecting %s only", failure.api, failure.code, clients.home_region)
        error = failure.collection_error(
            service="ec2", region=clients.home_region, account=account, resource_types=regional_types
        )
        return [clients.home_region], error
    names = sorted({r["RegionName"] for r in response.get("Regions", [])})
    return [r for r in names if _partition_of(clients.session, r) in (partition, None)], None


def _partition_of(session: boto3.Session, region: str) -> str | None:
    try:
        return session.get_partition_for_region(region)
    except BotoCoreError:  # a region newer than this botocore: keep it
        return None
