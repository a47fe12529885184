"""`attest policy bundle`: an OPA bundle of the shipped checks, opened, loaded and used.

The bundle is read back file by file, loaded into real OPA (embedded) to evaluate a check, and
served by the REST test harness (as `opa run --server --bundle` serves it) so the OPA engine
finds its policy set there and uploads nothing.
"""

from __future__ import annotations

import dataclasses
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from attestkit.engine.opa_bundle import bundle_roots, write_bundle
from attestkit.engine.opa_engine import META_PATH, OpaEngine
from attestkit.engine.policy_set import load_policy_set
from attestkit.engine.regorus_engine import RegorusEngine
from attestkit.errors import EngineError, ExitCode, InputError
from tests.conftest import REAL_AWS_ENV, _guarded_connect
from tests.opa_embedded import new_engine
from tests.opa_server import OpaRestHarness, bundle_files
from tests.unit.test_opa_engine import multi_account_input, normalised, user_check, write_policies

POLICIES = load_policy_set()
AWS = dataclasses.replace(POLICIES, checks=[c for c in POLICIES.checks if c.id.startswith("aws.")][:4])
"""The full policy set (the bundle holds every module) with four AWS checks judged."""


@pytest.fixture(scope="module", autouse=True)
def loopback_only() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as mp:
        for name in REAL_AWS_ENV:
            mp.delenv(name, raising=False)
        mp.setattr(socket.socket, "connect", _guarded_connect(socket.socket.connect))
        yield


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bundle(POLICIES, tmp_path_factory.mktemp("bundle") / "attestkit-bundle.tar.gz").path


@pytest.fixture(scope="module")
def serving(bundle: Path) -> Iterator[OpaRestHarness]:
    """The harness started with the bundle, as `opa run --server --bundle FILE`."""
    with OpaRestHarness(bundle=bundle) as server:
        yield server


def test_the_bundle_holds_the_checks_and_libraries_not_the_tests(bundle: Path) -> None:
    files = bundle_files(bundle)
    assert all(name.startswith("/") for name in files)  # as `opa build` writes them
    names = {name.lstrip("/") for name in files}
    rego = {n for n in names if n.endswith(".rego")}
    assert rego == {m.path for m in POLICIES.policy_modules}
    assert not any(n.endswith("_test.rego") for n in names)
    assert names - rego == {".manifest", f"{META_PATH}/data.json"}
    for m in POLICIES.policy_modules:
        assert files[f"/{m.path}"].decode() == m.text


def test_manifest_revision_is_the_policy_set_hash_and_roots_cover_every_package(bundle: Path) -> None:
    files = bundle_files(bundle)
    manifest = json.loads(files["/.manifest"])
    assert manifest["revision"] == POLICIES.sha256
    assert manifest["roots"] == ["attestkit"]
    assert manifest["rego_version"] == 1
    meta = json.loads(files[f"/{META_PATH}/data.json"])
    assert meta["policy_set_sha256"] == POLICIES.sha256 and meta["tests_sha256"] is None and meta["policy_ids"] == []


def test_user_packages_become_roots_without_overlap(tmp_path: Path) -> None:
    own = write_policies(tmp_path / "own", {
        "a.rego": user_check("acme.s3.owner_tag", 'results contains result.pass(b, "x", {}) if {\n\tsome b in inventory.resources("AWS::S3::Bucket")\n}\n'),
        "b.rego": "package acme\n\nx := 1\n",
        "c.rego": "package zeta.lib\n\ny := 2\n",
        "d.rego": "package attestkit.custom\n\nz := 3\n",
    })
    policies = load_policy_set([own])
    assert bundle_roots(policies) == ["acme", "attestkit", "zeta/lib"]
    written = write_bundle(policies, tmp_path / "b.tar.gz")
    names = {n.lstrip("/") for n in bundle_files(written.path)}
    assert {"user/1/a.rego", "user/1/b.rego", "user/1/c.rego", "user/1/d.rego"} <= names


def test_the_bundle_is_byte_for_byte_reproducible(bundle: Path, tmp_path: Path) -> None:
    again = write_bundle(POLICIES, tmp_path / "again.tar.gz").path
    assert again.read_bytes() == bundle.read_bytes()


def test_output_must_be_a_file_in_an_existing_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        write_bundle(AWS, tmp_path)
    with pytest.raises(InputError, match="does not exist"):
        write_bundle(AWS, tmp_path / "missing" / "b.tar.gz")


def test_real_opa_loads_the_bundle_and_judges_like_regorus(bundle: Path) -> None:
    files = bundle_files(bundle)
    modules = [(name, raw.decode()) for name, raw in files.items() if name.endswith(".rego")]
    data = {"attestkit": {"meta": json.loads(files[f"/{META_PATH}/data.json"])}}
    engine = new_engine(modules, data, compile=False)
    try:
        query = "; ".join(f"r{i} := data.{c.module.package}.results" for i, c in enumerate(AWS.checks))
        (row,) = engine.eval_query(f"{query}; meta := data.attestkit.meta", json.loads(multi_account_input().json_text))
    finally:
        engine.close()
    expected = RegorusEngine().evaluate(AWS, multi_account_input())
    for i, check in enumerate(AWS.checks):
        assert sorted(map(json.dumps, row[f"r{i}"])) == sorted(map(json.dumps, expected[check.id])), check.id
    assert row["meta"]["policy_set_sha256"] == POLICIES.sha256


def test_a_server_loaded_from_the_bundle_is_used_without_upload(serving: OpaRestHarness) -> None:
    engine = OpaEngine(serving.url, backoff=0.01)
    results = engine.evaluate(AWS, multi_account_input())
    assert engine.uploaded_modules == 0 and serving.count("PUT") == 0
    assert normalised(results) == normalised(RegorusEngine().evaluate(AWS, multi_account_input()))


def test_a_bundle_of_other_policies_refuses_the_upload_with_exit_3(bundle: Path, tmp_path: Path) -> None:
    other = load_policy_set([write_policies(tmp_path / "other", {"x.rego": "package attestkit.extra\n\nx := 1\n"})])
    with OpaRestHarness(bundle=bundle) as server, pytest.raises(EngineError) as info:
        OpaEngine(server.url, backoff=0.01).compile(other)
    assert info.value.exit_code == ExitCode.INCOMPLETE
    assert 'path attestkit/meta is owned by bundle "attestkit-bundle.tar.gz"' in info.value.message
    assert "deploy a bundle of these policies (attest policy bundle)" in info.value.message
