"""Small builders for test data: resources, bundles on disk."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from attestkit.bundle import BundleWriter
from attestkit.models import CollectionError, CollectionScope, CollectorInfo, Resource

AWS_COLLECTOR = CollectorInfo(name="aws", version="test", provider="aws")
ACCOUNT = "123456789012"


def resource(rtype: str, rid: str, config: dict[str, Any] | None = None, **fields: Any) -> Resource:
    return Resource(
        provider=fields.pop("provider", "aws"),
        source=fields.pop("source", "aws"),
        type=rtype,
        id=rid,
        account=fields.pop("account", ACCOUNT),
        region=fields.pop("region", "us-east-1"),
        config=config or {},
        **fields,
    )


def bucket(name: str, **config: Any) -> Resource:
    return resource("AWS::S3::Bucket", f"arn:aws:s3:::{name}", {"Name": name, **config}, name=name)


def write_bundle(
    directory: Path,
    resources: Iterable[Resource],
    *,
    errors: Iterable[CollectionError] = (),
    resource_types: Iterable[str] | None = None,
    name: str = "bundle",
    spill_threshold: int = 20_000,
) -> Path:
    resources = list(resources)
    path = directory / name
    with BundleWriter(path, AWS_COLLECTOR, spill_threshold=spill_threshold) as writer:
        for r in resources:
            writer.add(r)
        for e in errors:
            writer.error(e)
        types = sorted(set(resource_types) if resource_types is not None else {r.type for r in resources})
        writer.finish(CollectionScope(accounts=[ACCOUNT], regions=["us-east-1"], resource_types=types))
    return path
