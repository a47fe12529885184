"""End to end through the CLI: seeded moto account -> attest collect aws -> attest evaluate.

The collector makes real boto3 calls answered by moto; faults are injected through botocore's
event system on the session the CLI builds, so the collector's own code still runs.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from attestkit.cli.main import main
from attestkit.demo.aws_company import (
    SeededExpectation,
    seed_telehealth_company,
)
from tests.collectors.conftest import new_session
from tests.integration.cli import REGION_ARGS, results_of, run


def _status_of(report: dict) -> dict[tuple[str, str], str]:
    return {(r["check_id"], r["resource_id"]): r["status"] for r in report["results"]}


@pytest.fixture(scope="module")
def moto_account(aws_env: None) -> Iterator[None]:
    from moto import mock_aws

    with mock_aws():
        yield


@pytest.fixture(scope="module")
def telehealth_bundle(moto_account: None, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[SeededExpectation]]:
    expectations = seed_telehealth_company(new_session())
    out = tmp_path_factory.mktemp("telehealth") / "evidence"
    code = main(["collect", "aws", *REGION_ARGS, "--out", str(out), "--quiet"])
    assert code == 0
    (bundle,) = out.iterdir()
    return bundle, expectations


def test_collect_prints_the_bundle_path(telehealth_bundle) -> None:
    bundle, _ = telehealth_bundle
    assert re.fullmatch(r"aws-\d{8}T\d{6}Z", bundle.name)
    assert run_verify_ok(bundle)


def run_verify_ok(bundle: Path) -> bool:
    return main(["verify", str(bundle), "--quiet"]) == 0


def test_every_seeded_resource_gets_the_expected_status(telehealth_bundle, capsys) -> None:
    bundle, expectations = telehealth_bundle
    code, out, _ = run(capsys, "evaluate", str(bundle), "--fail-on", "none")
    assert code == 0
    statuses = _status_of(results_of(bundle))
    wrong = [
        (e.check_id, e.resource_id, e.status, statuses.get((e.check_id, e.resource_id)))
        for e in expectations
        if statuses.get((e.check_id, e.resource_id)) != e.status
    ]
    assert not wrong
    assert {e.status for e in expectations} == {"pass", "fail"}
    assert "gate: exit 0" in out


def test_fail_on_high_exits_1_with_reports_written(telehealth_bundle, capsys) -> None:
    bundle, _ = telehealth_bundle
    code, out, err = run(capsys, "evaluate", str(bundle), "--fail-on", "high")
    assert code == 1
    report = results_of(bundle)
    assert report["gate"]["exit_code"] == 1
    assert any(r["status"] == "fail" and r["severity"] in ("high", "critical") for r in report["results"])
    assert (bundle / "evaluation" / "report.md").read_text().startswith("# attestkit compliance report")
    manifest = json.loads((bundle / "evaluation" / "manifest.json").read_text())
    assert set(manifest["files"]) == {"results.json", "report.md", "report.sarif", "report.junit.xml", "summary.md"}
    assert "Findings, worst first" in out and "results.json" in err
    # the evaluation lives beside the evidence and the bundle still verifies
    assert run_verify_ok(bundle)


def test_json_on_stdout_is_the_results_file(telehealth_bundle, capsys) -> None:
    bundle, _ = telehealth_bundle
    code, out, _ = run(capsys, "evaluate", str(bundle), "--format", "json", "--quiet", "--fail-on", "none")
    assert code == 0
    assert json.loads(out) == results_of(bundle)


def test_framework_filter_limits_report_and_gate(telehealth_bundle, capsys) -> None:
    bundle, _ = telehealth_bundle
    code, _, _ = run(capsys, "evaluate", str(bundle), "--framework", "soc2", "--quiet")
    assert code == 1
    assert [f["framework"] for f in results_of(bundle)["frameworks"]] == ["soc2"]
    code, _, err = run(capsys, "evaluate", str(bundle), "--framework", "pci")
    assert code == 2 and "unknown framework" in err


def test_tampered_bundle_is_refused_by_verify_and_evaluate(telehealth_bundle, capsys, tmp_path: Path) -> None:
    import shutil

    bundle, _ = telehealth_bundle
    copy = tmp_path / bundle.name
    shutil.copytree(bundle, copy, ignore=shutil.ignore_patterns("evaluation"))
    with gzip.open(copy / "resources.jsonl.gz", "rt") as f:
        lines = f.readlines()
    lines[0] = lines[0].replace('"Encrypted":false', '"Encrypted":true').replace('"us-east-1"', '"us-east-2"')
    with gzip.open(copy / "resources.jsonl.gz", "wt") as f:
        f.writelines(lines)
    code, _, err = run(capsys, "verify", str(copy))
    assert code == 2 and "does not match" in err and "resources.jsonl.gz" in err
    code, _, err = run(capsys, "evaluate", str(copy))
    assert code == 2 and "bundle refused" in err
    assert err.count("\n") == 1  # one line
    assert not (copy / "evaluation").exists()


def test_malformed_rego_exits_2_naming_file_and_line(telehealth_bundle, capsys, tmp_path: Path) -> None:
    bundle, _ = telehealth_bundle
    policies = tmp_path / "policies"
    policies.mkdir()
    bad = policies / "broken.rego"
    bad.write_text("package acme.broken\n\nx := {\n")
    code, _, err = run(capsys, "evaluate", str(bundle), "--policies", str(policies))
    assert code == 2
    assert re.search(rf"{re.escape(str(bad))}:\d+:\d+: ", err), err
    code, _, err = run(capsys, "policy", "test", "--policies", str(policies))
    assert code == 2 and str(bad) in err


def test_evaluate_without_evidence_is_a_usage_error(capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "evaluate")
    assert code == 2 and "attest collect aws" in err


def test_newest_bundle_is_the_default(telehealth_bundle, capsys, monkeypatch) -> None:
    bundle, _ = telehealth_bundle
    monkeypatch.chdir(bundle.parent.parent)
    code, out, _ = run(capsys, "evaluate", "--fail-on", "none")
    assert code == 0 and bundle.name in out
