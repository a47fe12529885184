"""End to end through the CLI: recorded organization on 127.0.0.1 -> `attest collect gcp
--endpoint` -> `attest evaluate`, exactly as a user runs it against Cloud Asset Inventory.

Acceptance (issue 4): every deliberate misconfiguration of the recorded organization fails
the right check and every compliant resource passes (attestkit/demo/data/gcp/expectations.json);
failed listings give `error` results for exactly their scope and `attest evaluate` exits 3.
"""

# ruff: noqa: F811 - the pytest fixtures imported from tests.fixtures.gcp.server are parameters here
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from attestkit.cli.main import main
from attestkit.demo.gcp_demo import AssetServer
from tests.fixtures.gcp.server import (  # noqa: F401 - pytest fixtures
    ORGANIZATION_ID,
    expectations,
    fault,
    gcp_env,
    recorded_server,
    server,
)
from tests.integration.cli import results_of, run

PROJECT_ARGS = ["--project", "carebridge-prod", "--project", "carebridge-analytics"]
GCP_CHECKS_MIN = 20


def _collect(capsys, server: AssetServer, out: Path, *scope_args: str) -> Path:
    code, stdout, err = run(
        capsys, "collect", "gcp", *scope_args, "--endpoint", server.url, "--out", str(out), "--quiet"
    )
    assert code == 0, err
    (bundle,) = out.iterdir()
    assert stdout.strip() == str(bundle)
    return bundle


def _statuses(bundle: Path) -> dict[tuple[str, str], str]:
    return {(r["check_id"], r["resource_id"]): r["status"] for r in results_of(bundle)["results"]}


def _gcp_checks(report: dict) -> set[str]:
    return {r["check_id"] for r in report["results"] if r["check_id"].startswith("gcp.")}


@pytest.fixture(scope="module")
def projects_bundle(recorded_server: AssetServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    recorded_server.clear()
    out = tmp_path_factory.mktemp("gcp-projects") / "evidence"
    code = main(["collect", "gcp", *PROJECT_ARGS, "--endpoint", recorded_server.url, "--out", str(out), "--quiet"])
    assert code == 0
    (bundle,) = out.iterdir()
    return bundle


def test_collect_writes_a_verified_bundle(projects_bundle: Path) -> None:
    assert re.fullmatch(r"gcp-\d{8}T\d{6}Z", projects_bundle.name)
    assert main(["verify", str(projects_bundle), "--quiet"]) == 0
    manifest = json.loads((projects_bundle / "manifest.json").read_text())
    assert manifest["collector"] == {"name": "gcp", "version": manifest["tool"]["version"], "provider": "gcp"}
    assert manifest["errors"] == []
    assert sum(manifest["resource_counts"].values()) == 56
    assert manifest["scope"]["accounts"] == ["carebridge-analytics", "carebridge-prod"]


def test_every_recorded_resource_gets_the_expected_status(projects_bundle: Path, capsys) -> None:
    code, out, _ = run(capsys, "evaluate", str(projects_bundle), "--fail-on", "none")
    assert code == 0 and "gate: exit 0" in out
    statuses = _statuses(projects_bundle)
    expected = expectations()
    wrong = [(e["check"], e["resource"], e["status"], statuses.get((e["check"], e["resource"]))) for e in expected
             if statuses.get((e["check"], e["resource"])) != e["status"]]  # fmt: skip
    assert not wrong
    # nothing judged that the list does not expect, and both outcomes occur for every check
    gcp = {k: v for k, v in statuses.items() if k[0].startswith("gcp.")}
    assert set(gcp) == {(e["check"], e["resource"]) for e in expected}
    report = results_of(projects_bundle)
    checks = _gcp_checks(report)
    assert len(checks) >= GCP_CHECKS_MIN
    for check in checks:  # every check both passes and fails somewhere in the recording
        outcomes = {e[k] for e in expected if e["check"] == check for k in ("status", "organization_status") if k in e}
        assert outcomes == {"pass", "fail"}, check
    assert report["totals"]["errored"] == 0


def test_findings_gate_and_framework_controls(projects_bundle: Path, capsys) -> None:
    code, _, _ = run(capsys, "evaluate", str(projects_bundle), "--fail-on", "high")
    assert code == 1
    report = results_of(projects_bundle)
    hipaa = next(f for f in report["frameworks"] if f["framework"] == "hipaa")
    failing = {c["control_id"] for c in hipaa["controls"] if c["status"] == "not_satisfied"}
    assert "164.312(a)(1)" in failing  # public buckets and datasets, basic roles
    for control in hipaa["controls"]:
        if any(link["check"].startswith("gcp.") for link in control["checks"]):
            assert control["status"] in ("satisfied", "not_satisfied"), control["control_id"]
    # AWS checks are out of scope for a GCP bundle, never "not collected"
    assert not [r for r in report["results"] if r["check_id"].startswith("aws.")]


def test_organization_collection_sees_inherited_policies(server: AssetServer, capsys, tmp_path: Path) -> None:
    bundle = _collect(capsys, server, tmp_path / "evidence", "--organization", ORGANIZATION_ID)
    code, _, _ = run(capsys, "evaluate", str(bundle), "--fail-on", "none", "--quiet")
    assert code == 0
    statuses = _statuses(bundle)
    wrong = [
        e
        for e in expectations()
        if statuses.get((e["check"], e["resource"])) != e.get("organization_status", e["status"])
    ]
    assert not wrong
    assert any("organization_status" in e for e in expectations())


def test_a_denied_scope_gives_error_results_for_exactly_that_scope_and_exit_3(
    server: AssetServer, capsys, tmp_path: Path
) -> None:
    server.add_fault(fault("permission_denied", parent="projects/carebridge-sandbox"))
    bundle = _collect(capsys, server, tmp_path / "evidence", *PROJECT_ARGS, "--project", "carebridge-sandbox")
    code, out, _ = run(capsys, "evaluate", str(bundle))
    assert code == 3 and "gate: exit 3" in out
    report = results_of(bundle)
    errors = [r for r in report["results"] if r["status"] == "error"]
    assert {r["resource_id"] for r in errors} == {"scope:gcp/carebridge-sandbox/global/cloudasset"}
    assert {r["check_id"] for r in errors} == _gcp_checks(report)  # every GCP check, once
    assert all("PERMISSION_DENIED" in r["message"] for r in errors)
    statuses = _statuses(bundle)
    assert all(statuses[(e["check"], e["resource"])] == e["status"] for e in expectations())
    # every control a GCP check serves names the unread scope (its failures still decide its status)
    linked = [
        c
        for f in report["frameworks"]
        for c in f["controls"]
        if any(x["check"].startswith("gcp.") for x in c["checks"])
    ]
    assert linked and all(c["errored_resources"] == ["scope:gcp/carebridge-sandbox/global/cloudasset"] for c in linked)


def test_a_denied_iam_policy_listing_errors_only_the_checks_that_need_it(
    server: AssetServer, capsys, tmp_path: Path
) -> None:
    server.add_fault(fault("permission_denied", parent="projects/carebridge-analytics", content_type="IAM_POLICY"))
    bundle = _collect(capsys, server, tmp_path / "evidence", *PROJECT_ARGS)
    code, _, _ = run(capsys, "evaluate", str(bundle), "--quiet")
    assert code == 3
    statuses = _statuses(bundle)
    analytics_project = "//cloudresourcemanager.googleapis.com/projects/735190284466"
    datasets = "//bigquery.googleapis.com/projects/carebridge-analytics/datasets/"
    became_error = {
        ("gcp.storage.bucket_not_public", "//storage.googleapis.com/carebridge-analytics-exports"),
        ("gcp.storage.bucket_not_public", "//storage.googleapis.com/carebridge-ml-scratch"),
        ("gcp.bigquery.dataset_not_public", datasets + "cohorts"),
        ("gcp.bigquery.dataset_not_public", datasets + "open_data"),
        ("gcp.iam.no_basic_roles_for_users", analytics_project),
        ("gcp.logging.data_access_audit_logs", analytics_project),
    }
    # public_benchmarks stays a failure: its own access list shows allAuthenticatedUsers
    assert statuses[("gcp.bigquery.dataset_not_public", datasets + "public_benchmarks")] == "fail"
    for e in expectations():
        key = (e["check"], e["resource"])
        assert statuses[key] == ("error" if key in became_error else e["status"]), key
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert [(e["account"], e["api"], e["resource_types"]) for e in manifest["errors"]] == [
        ("carebridge-analytics", "cloudasset:ListAssets[IAM_POLICY]", [])
    ]


def test_the_installed_console_script_collects_and_evaluates(server: AssetServer, tmp_path: Path) -> None:
    """The `attest` executable in a subprocess: its own client, credentials rule and exit codes."""
    attest = Path(sys.executable).parent / "attest"
    env = {k: v for k, v in os.environ.items() if not k.upper().endswith("_PROXY")}
    env.update(NO_PROXY="127.0.0.1", GOOGLE_APPLICATION_CREDENTIALS=str(tmp_path / "none.json"), NO_GCE_CHECK="True")
    out = tmp_path / "evidence"
    collected = subprocess.run(
        [str(attest), "collect", "gcp", "--project", "carebridge-prod", "--endpoint", server.url, "--out", str(out)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert collected.returncode == 0, collected.stderr
    bundle = Path(collected.stdout.strip())
    assert bundle.parent == out and "resources of" in collected.stderr
    evaluated = subprocess.run(
        [str(attest), "evaluate", str(bundle), "--format", "json", "--quiet"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert evaluated.returncode == 1, evaluated.stderr  # findings at the default threshold
    report = json.loads(evaluated.stdout)
    assert report["totals"]["failed"] > 0 and report["totals"]["errored"] == 0
