"""`attest collect terraform PLAN.json` as a user runs it: bad input is one line and exit 2 with
nothing written; stdin; the bundle's scope is a change set; no permissions needed."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from attestkit.bundle import Bundle
from attestkit.cli.main import main
from attestkit.collectors.terraform import TerraformCollector, catalog
from tests.integration.cli import run

FIXTURES = Path(__file__).parents[1] / "fixtures" / "terraform"


def _write(tmp_path: Path, name: str, content: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


BAD = [
    ("missing", None, "no such file"),
    ("not_json.json", "this is not JSON\n", "not JSON"),
    ("plan.tfplan", b"PK\x03\x04\x14\x00binary plan", "binary Terraform plan file"),
    ("other.json", json.dumps({"hello": "world"}), "not a Terraform plan (no format_version)"),
    (
        "state.json",
        json.dumps({"format_version": "1.0", "terraform_version": "1.9.8", "values": {"root_module": {}}}),
        "a state file",
    ),
    ("array.json", json.dumps([1, 2]), "not a Terraform plan"),
    ("v2.json", json.dumps({"format_version": "2.0", "resource_changes": []}), "format_version 2.0 is not supported"),
    (
        "changes.json",
        json.dumps({"format_version": "1.2", "resource_changes": {"a": 1}}),
        "resource_changes is not a list",
    ),
    (
        "actions.json",
        json.dumps(
            {
                "format_version": "1.2",
                "resource_changes": [{"address": "aws_s3_bucket.b", "change": {"actions": "create"}}],
            }
        ),
        "change.actions",
    ),
]


@pytest.mark.parametrize(("name", "content", "says"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_one_line_exit_2_and_nothing_written(tmp_path: Path, capsys, name, content, says) -> None:
    path = tmp_path / name if content is None else _write(tmp_path, name, content)
    out = tmp_path / "evidence"
    code, stdout, stderr = run(capsys, "collect", "terraform", str(path), "--out", str(out))
    assert code == 2
    assert stdout == ""
    assert stderr.count("\n") == 1, stderr
    assert str(path) in stderr and says in stderr
    assert "terraform show -json" in stderr  # the fix
    assert not out.exists()


def test_plan_from_stdin(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO((FIXTURES / "gcp_telehealth.json").read_text()))
    code, stdout, _ = run(capsys, "collect", "terraform", "-", "--out", str(tmp_path / "evidence"), "--quiet")
    assert code == 0
    bundle = Bundle.open(Path(stdout.strip()))
    assert bundle.manifest.scope.options == {"plan": ["<stdin>"]}
    assert sum(bundle.manifest.resource_counts.values()) > 0


def test_the_bundle_is_a_change_set_of_every_translatable_type(tmp_path: Path, capsys, caplog) -> None:
    code, stdout, _ = run(
        capsys, "collect", "terraform", str(FIXTURES / "scenarios.json"), "--out", str(tmp_path / "ev")
    )
    assert code == 0
    path = Path(stdout.strip())
    assert path.name.startswith("terraform-")
    manifest = Bundle.open(path).manifest
    assert manifest.collector.name == "terraform" and manifest.collector.provider == "terraform"
    assert manifest.scope.inventory is False
    assert manifest.scope.resource_types == list(catalog.RESOURCE_TYPES)
    assert manifest.scope.accounts == [] and manifest.scope.regions == []
    assert manifest.errors == []
    # a change that cannot be judged is named (a warning: stderr in a terminal, captured here)
    assert "not judged" in caplog.text and "aws_s3_bucket_versioning.shared_logs" in caplog.text
    assert main(["verify", str(path), "--quiet"]) == 0


def test_checks_the_plan_cannot_judge_are_out_of_scope_not_errors(tmp_path: Path, capsys) -> None:
    code, stdout, _ = run(
        capsys, "collect", "terraform", str(FIXTURES / "gcp_telehealth.json"), "--out", str(tmp_path / "ev"), "--quiet"
    )
    bundle = Path(stdout.strip())
    code, _, _ = run(capsys, "evaluate", str(bundle), "--fail-on", "none", "--quiet")
    assert code == 0  # complete: no "not collected" error for AWS or Azure checks
    report = json.loads((bundle / "evaluation" / "results.json").read_text())
    assert report["results"] and {r["check_id"].split(".")[0] for r in report["results"]} == {"gcp"}
    assert not any(r["resource_id"].startswith("scope:") for r in report["results"])


def test_needs_no_permissions(capsys) -> None:
    assert TerraformCollector.operations == () and TerraformCollector.permissions == ()
    code, out, _ = run(capsys, "permissions", "terraform")
    assert code == 0 and "needs no permissions" in out
    code, out, _ = run(capsys, "collect", "terraform", "--help")
    assert code == 0 and "PLAN.json" in out and "terraform show -json" in out
