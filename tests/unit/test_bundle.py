"""Evidence bundles: atomic, sorted, hashed, verified; tampering is refused."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from attestkit.bundle import Bundle, BundleWriter, newest_bundle, verify_bundle
from attestkit.bundle.files import MANIFEST, RESOURCES
from attestkit.errors import BundleError
from attestkit.models import CollectionError, CollectionScope
from tests.factories import AWS_COLLECTOR, bucket, write_bundle

BUCKETS = [bucket(n) for n in ("zeta", "alpha", "mid", "beta")]


def _lines(path: Path) -> list[dict]:
    with gzip.open(path / RESOURCES, "rt") as f:
        return [json.loads(line) for line in f]


def test_resources_are_sorted_by_id_and_counted(tmp_path: Path) -> None:
    path = write_bundle(tmp_path, BUCKETS)
    ids = [r["id"] for r in _lines(path)]
    assert ids == sorted(r.id for r in BUCKETS)
    manifest = Bundle.open(path).manifest
    assert manifest.resource_counts == {"AWS::S3::Bucket": 4}


def test_same_state_in_any_order_hashes_the_same(tmp_path: Path) -> None:
    a = write_bundle(tmp_path, BUCKETS, name="a")
    b = write_bundle(tmp_path, list(reversed(BUCKETS)), name="b", spill_threshold=1)
    assert (a / RESOURCES).read_bytes() == (b / RESOURCES).read_bytes()
    assert Bundle.open(a).manifest.files == Bundle.open(b).manifest.files


def test_spilled_chunks_merge_in_order_and_are_removed(tmp_path: Path) -> None:
    many = [bucket(f"b{i:04d}") for i in reversed(range(250))]
    path = write_bundle(tmp_path, many, spill_threshold=7)
    assert [r["id"] for r in _lines(path)] == sorted(r.id for r in many)
    assert sorted(p.name for p in path.iterdir()) == [MANIFEST, RESOURCES]


def test_duplicate_id_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="twice"):
        write_bundle(tmp_path, [bucket("same"), bucket("same")])
    assert list(tmp_path.iterdir()) == []


def test_failure_mid_collection_leaves_nothing_half_written(tmp_path: Path) -> None:
    final = tmp_path / "bundle"
    with pytest.raises(RuntimeError):
        with BundleWriter(final, AWS_COLLECTOR) as writer:
            writer.add(bucket("one"))
            raise RuntimeError("collector crashed")
    assert list(tmp_path.iterdir()) == []


def test_errors_are_recorded_in_the_manifest_sorted(tmp_path: Path) -> None:
    errors = [
        CollectionError(service="ec2", region=r, account="1", api="ec2:DescribeVolumes", code="AccessDenied",
                        message="no", resource_types=["AWS::EC2::Volume"])
        for r in ("us-west-2", "eu-west-1")
    ]
    path = write_bundle(tmp_path, BUCKETS, errors=errors)
    assert [e.region for e in Bundle.open(path).manifest.errors] == ["eu-west-1", "us-west-2"]


def test_resources_round_trip(tmp_path: Path) -> None:
    path = write_bundle(tmp_path, BUCKETS)
    assert sorted(Bundle.open(path).resources(), key=lambda r: r.id) == sorted(BUCKETS, key=lambda r: r.id)


@pytest.mark.parametrize(
    "tamper, expected",
    [
        (lambda p: (p / RESOURCES).write_bytes((p / RESOURCES).read_bytes() + b"x"), "does not match"),
        (lambda p: (p / RESOURCES).unlink(), "missing"),
        (lambda p: (p / "extra.txt").write_text("hi"), "not part of the bundle"),
        (lambda p: (p / MANIFEST).write_text("{}"), "manifest"),
        (lambda p: (p / MANIFEST).unlink(), "missing"),
    ],
    ids=["changed-resources", "missing-resources", "extra-file", "manifest-fields", "no-manifest"],
)
def test_tampered_bundle_is_refused(tmp_path: Path, tamper, expected: str) -> None:
    path = write_bundle(tmp_path, BUCKETS)
    assert verify_bundle(path).ok
    tamper(path)
    result = verify_bundle(path)
    assert not result.ok
    assert expected in result.problems[0]
    with pytest.raises(BundleError, match="bundle refused"):
        Bundle.open(path)


def test_manifest_hash_change_is_detected(tmp_path: Path) -> None:
    path = write_bundle(tmp_path, BUCKETS)
    data = json.loads((path / MANIFEST).read_text())
    data["files"][RESOURCES]["sha256"] = "0" * 64
    (path / MANIFEST).write_text(json.dumps(data))
    assert "does not match" in verify_bundle(path).problems[0]


def test_evaluation_directory_is_allowed_beside_the_evidence(tmp_path: Path) -> None:
    path = write_bundle(tmp_path, BUCKETS)
    (path / "evaluation").mkdir()
    assert verify_bundle(path).ok


def test_newest_bundle_by_finish_time(tmp_path: Path) -> None:
    old = write_bundle(tmp_path, BUCKETS, name="aws-1")
    new = write_bundle(tmp_path, BUCKETS, name="aws-0")
    data = json.loads((old / MANIFEST).read_text())
    data["finished_at"] = "2000-01-01T00:00:00Z"
    (old / MANIFEST).write_text(json.dumps(data))
    (tmp_path / ".aws-2.partial-x").mkdir()  # an unfinished write is never picked
    assert newest_bundle(tmp_path) == new


def test_newest_bundle_without_evidence_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="attest collect"):
        newest_bundle(tmp_path / "evidence")
    with pytest.raises(BundleError, match="holds no bundle"):
        newest_bundle(tmp_path)


def test_scope_is_recorded(tmp_path: Path) -> None:
    path = write_bundle(tmp_path, BUCKETS)
    assert Bundle.open(path).manifest.scope == CollectionScope(
        accounts=["123456789012"], regions=["us-east-1"], resource_types=["AWS::S3::Bucket"]
    )
