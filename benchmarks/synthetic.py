"""Synthetic AWS evidence bundles of realistic shape, for the benchmarks.

Shapes come from the demo company itself: the demo account is seeded in moto and collected
by the real collector, and its resources are cloned (new ids and names, same config shape)
until the bundle holds the asked number of resources, in the demo's mix of types. The
bundle is written by attestkit's own BundleWriter, so it verifies like any other.
"""

from __future__ import annotations

import json
import random
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from attestkit.bundle import Bundle, BundleWriter
from attestkit.collectors.interface import SilentProgress
from attestkit.models import CollectionScope, CollectorInfo, Resource

ACCOUNTS_PER_10K = 10
"""A 100k-resource estate spreads over 100 accounts: per-account settings scale with it."""


def demo_templates() -> list[dict[str, Any]]:
    """Every resource of the collected demo account, as plain dicts."""
    from attestkit.demo.aws_demo import collect_demo

    with tempfile.TemporaryDirectory() as tmp:
        path, _ = collect_demo(Path(tmp), SilentProgress())
        return list(Bundle.open(path).raw_resources())


def _clone(template: dict[str, Any], n: int, account: str) -> dict[str, Any]:
    text = json.dumps(template)
    old_account = template.get("account") or "123456789012"
    text = text.replace(old_account, account)
    clone = json.loads(text)
    suffix = f"-{n:06d}"
    clone["id"] = clone["id"] + suffix
    if clone.get("name"):
        clone["name"] = clone["name"] + suffix
    return clone


def write_synthetic_bundle(directory: Path, size: int, templates: list[dict[str, Any]], seed: int = 7) -> Path:
    """A verified bundle of about `size` resources under `directory`."""
    rng = random.Random(seed)
    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for t in templates:
        by_type[t["type"]].append(t)
    accounts = [f"{100000000000 + i:012d}" for i in range(max(1, size * ACCOUNTS_PER_10K // 10_000))]
    info = CollectorInfo(name="aws", version="synthetic", provider="aws")
    path = directory / f"aws-synthetic-{size}"
    with BundleWriter(path, info) as writer:
        for n in range(size):
            template = templates[n % len(templates)] if n < len(templates) else rng.choice(templates)
            account = accounts[n % len(accounts)]
            writer.add(Resource.model_validate(_clone(template, n, account)))
        scope = CollectionScope(
            accounts=accounts,
            regions=sorted({t["region"] for t in templates if t["region"] != "global"}),
            resource_types=sorted(by_type),
        )
        writer.finish(scope)
    return path
