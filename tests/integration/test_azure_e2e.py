"""End to end through the CLI: the recorded Carebridge estate on 127.0.0.1 ->
`attest collect azure --subscription SUB --endpoint http://127.0.0.1:PORT` -> `attest evaluate`.

The estate is served by `attestkit.demo.azure_demo.ArmServer` with its recorded faults: a
429 with Retry-After (retried and collected), two denied child reads and one denied Resource
Graph scope (recorded, judged `error`). `tests/fixtures/azure/expectations.json` says, for
every deliberate resource, which check judges it how; every Azure result must be in it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from attestkit.cli.main import main
from attestkit.demo.azure_demo import ArmServer, RecordedEstate
from tests.fixtures.azure.harness import (
    DEV,
    PROD,
    expectations,
    loopback_only_fixture,  # noqa: F401 - registers the loopback_only fixture
)
from tests.integration.cli import results_of, run

pytestmark = pytest.mark.usefixtures("loopback_only")

ATTEST = Path(sys.executable).parent / "attest"
SUBSCRIPTION_ARGS = ["--subscription", PROD, "--subscription", DEV]


@pytest.fixture(scope="module")
def server(loopback_only: None) -> Iterator[ArmServer]:
    with ArmServer(RecordedEstate()) as served:
        yield served


@pytest.fixture(scope="module")
def bundle(server: ArmServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`attest collect azure` run as a user runs it: the installed console script, a clean environment."""
    assert ATTEST.is_file(), f"{ATTEST}: the console script is missing; `pip install -e .[dev]` first"
    workdir = tmp_path_factory.mktemp("azure-e2e")
    env = {"PATH": os.environ.get("PATH", os.defpath), "HOME": str(workdir), "LANG": "C.UTF-8"}
    started = time.monotonic()
    proc = subprocess.run(
        [
            str(ATTEST),
            "collect",
            "azure",
            *SUBSCRIPTION_ARGS,
            "--endpoint",
            server.url,
            "--out",
            str(workdir / "evidence"),
        ],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    print(f"\n[timing] attest collect azure (subprocess): {time.monotonic() - started:.1f} s")
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    path = Path(proc.stdout.strip().splitlines()[-1])
    assert path.parent == workdir / "evidence" and path.name.startswith("azure-")
    assert "1 read(s) failed and are recorded in the bundle" in proc.stderr
    return path


@pytest.fixture(scope="module")
def report(bundle: Path) -> dict:
    assert main(["evaluate", str(bundle), "--fail-on", "none", "--quiet"]) == 3
    return results_of(bundle)


def _statuses(report: dict) -> dict[tuple[str, str], str]:
    return {(r["check_id"], r["resource_id"]): r["status"] for r in report["results"]}


def test_the_bundle_verifies_and_names_the_collector(bundle: Path, capsys) -> None:
    code, _, _ = run(capsys, "verify", str(bundle))
    assert code == 0
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["collector"] == {"name": "azure", "version": manifest["tool"]["version"], "provider": "azure"}
    assert manifest["scope"]["accounts"] == sorted([PROD, DEV])
    assert sum(manifest["resource_counts"].values()) == 81
    assert [(e["service"], e["account"], e["code"]) for e in manifest["errors"]] == [
        ("recoveryservices", DEV, "AuthorizationFailed")
    ]


def test_every_deliberate_resource_gets_the_expected_status(report: dict) -> None:
    statuses = _statuses(report)
    wrong = [
        (e.check, e.resource, e.status, statuses.get((e.check, e.resource)))
        for e in expectations()
        if statuses.get((e.check, e.resource)) != e.status
    ]
    assert not wrong
    assert {e.status for e in expectations()} == {"pass", "fail", "error"}


def test_every_azure_result_is_expected(report: dict) -> None:
    expected = {(e.check, e.resource) for e in expectations()}
    unexpected = [key for key in _statuses(report) if key[0].startswith("azure.") and key not in expected]
    assert not unexpected
    assert {r["check_id"].split(".")[0] for r in report["results"]} == {
        "azure"
    }  # other providers' checks: out of scope


def test_every_azure_check_judged_something(report: dict) -> None:
    from attestkit.engine.policy_set import load_policy_set

    azure_checks = {c.id for c in load_policy_set().checks if c.id.startswith("azure.")}
    assert len(azure_checks) >= 20
    judged = {r["check_id"] for r in report["results"]}
    assert azure_checks == judged
    for check in azure_checks:
        statuses = {r["status"] for r in report["results"] if r["check_id"] == check}
        assert "fail" in statuses or "error" in statuses, f"{check}: no deliberate misconfiguration in the estate"
        assert "pass" in statuses, f"{check}: no compliant resource in the estate"


def test_errors_are_error_results_and_exit_3(report: dict) -> None:
    errors = {(r["check_id"], r["resource_id"]): r["message"] for r in report["results"] if r["status"] == "error"}
    assert errors == {
        (
            "azure.keyvault.keys_expire",
            f"/subscriptions/{PROD}/resourceGroups/rg-cb-prod-security/providers/Microsoft.KeyVault/vaults/kv-cb-ops",
        ): "could not read keyvault:Keys_List: AuthorizationFailed",
        (
            "azure.storage.blob_soft_delete_enabled",
            f"/subscriptions/{PROD}/resourceGroups/rg-cb-prod-security/providers/Microsoft.Storage/storageAccounts/stcbauditlogs",
        ): "could not read storage:BlobServices_GetServiceProperties: AuthorizationFailed",
        ("azure.recoveryservices.vault_soft_delete_enabled", f"scope:azure/{DEV}/global/recoveryservices"): errors[
            ("azure.recoveryservices.vault_soft_delete_enabled", f"scope:azure/{DEV}/global/recoveryservices")
        ],
    }
    assert (
        "AuthorizationFailed"
        in errors[("azure.recoveryservices.vault_soft_delete_enabled", f"scope:azure/{DEV}/global/recoveryservices")]
    )
    assert report["gate"]["exit_code"] == 3
    assert report["gate"]["reason"].startswith("evidence incomplete")


def test_findings_gate_when_incomplete_evidence_is_accepted(bundle: Path, capsys, tmp_path: Path) -> None:
    code, out, _ = run(
        capsys, "evaluate", str(bundle), "--fail-on", "high", "--allow-incomplete", "--output", str(tmp_path / "eval")
    )
    assert code == 1
    assert "azure.sql.server_no_firewall_rule_open_to_all" in out
    assert (tmp_path / "eval" / "report.md").read_text().startswith("# attestkit compliance report")


def test_azure_checks_map_to_every_framework(report: dict) -> None:
    for framework in report["frameworks"]:
        linked = {c["check"] for control in framework["controls"] for c in control["checks"]}
        assert {r["check_id"] for r in report["results"]} <= linked, framework["framework"]
        assert framework["counts"]["not_satisfied"] > 0


def test_without_the_recorded_faults_the_same_estate_exits_0_below_the_threshold(capsys, tmp_path: Path) -> None:
    with ArmServer(RecordedEstate(), recorded_faults=False) as clean:
        assert (
            main(["collect", "azure", *SUBSCRIPTION_ARGS, "--endpoint", clean.url, "--out", str(tmp_path), "--quiet"])
            == 0
        )
    (bundle,) = tmp_path.iterdir()
    code, _, _ = run(capsys, "evaluate", str(bundle), "--fail-on", "none", "--quiet")
    assert code == 0
    assert results_of(bundle)["totals"]["errored"] == 0
    code, _, _ = run(capsys, "evaluate", str(bundle), "--fail-on", "critical", "--quiet")
    assert code == 1  # the SQL firewall rule open to every address


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give --subscription SUBSCRIPTION_ID (repeatable) or --management-group GROUP"),
        (["--subscription", "not-a-guid"], "--subscription not-a-guid: not a subscription id"),
        (
            ["--subscription", PROD, "--endpoint", "http://192.0.2.10:8080"],
            "plain http is accepted only on a loopback address",
        ),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str, capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "collect", "azure", *args, "--out", str(tmp_path))
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert not any(tmp_path.iterdir())


def test_unknown_cloud_is_one_line_and_exit_2(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "collect", "azure", "--subscription", PROD, "--cloud", "mars", "--out", str(tmp_path))
    assert code == 2 and err == "error: --cloud mars: choose from public, usgov, china\n"
