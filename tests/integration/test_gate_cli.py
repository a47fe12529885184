"""`attest evaluate` as a CI gate, through the CLI: waivers (default file, bad files), the gate
options, the CI outputs on stdout and beside results.json, and exit codes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from attestkit.engine.policy_set import load_policy_set
from attestkit.models import CollectionError
from tests.factories import ACCOUNT, bucket, resource, write_bundle
from tests.integration.cli import run

ENC = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}
GOOD_WAIVER = """\
    waivers:
      - check: aws.s3.bucket_encryption_at_rest
        resources: "arn:aws:s3:::legacy-*"
        owner: platform@carebridge.example
        reason: Legacy buckets hold no PHI
        expires: 2999-03-31
      - check: aws.s3.bucket_versioning_enabled
        resources: "arn:aws:s3:::gone-*"
        owner: platform@carebridge.example
        reason: being deleted
        expires: 2999-03-31
      - check: aws.s3.bucket_access_logging_enabled
        resources: "*"
        owner: platform@carebridge.example
        reason: logging rollout
        expires: 2020-01-01
"""


def _aws_types() -> set[str]:
    return {t for c in load_policy_set().checks for t in c.info.resource_types if t.startswith("AWS::")}


def _buckets(*extra) -> list:
    return [
        bucket("phi-records", ServerSideEncryptionConfiguration=ENC, Versioning={"Status": "Enabled"}),
        bucket("legacy-a", ServerSideEncryptionConfiguration=None, Versioning={"Status": "Enabled"}),
        *extra,
    ]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository checkout: a complete bundle (every AWS type in scope) and .attest/waivers.yaml."""
    root = tmp_path_factory.mktemp("repo")
    write_bundle(root, _buckets(), resource_types=_aws_types(), name="bundle")
    (root / ".attest").mkdir()
    (root / ".attest" / "waivers.yaml").write_text(textwrap.dedent(GOOD_WAIVER))
    return root


@pytest.fixture
def in_repo(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(workdir)
    return workdir


def _results(out: Path) -> dict:
    return json.loads((out / "results.json").read_text())


def test_the_default_waiver_file_is_read_and_reported(in_repo: Path, capsys, tmp_path: Path) -> None:
    code, stdout, err = run(capsys, "evaluate", "bundle", "--fail-on", "high", "--output", str(tmp_path / "o"))
    report = _results(tmp_path / "o")
    assert report["waivers"]["file"] == ".attest/waivers.yaml"
    states = [w["state"] for w in report["waivers"]["waivers"]]
    assert states == ["active", "stale", "expired"]
    waived = [r for r in report["results"] if r["waiver"]]
    assert [(r["check_id"], r["resource_id"], r["status"]) for r in waived] == [
        ("aws.s3.bucket_encryption_at_rest", "arn:aws:s3:::legacy-a", "fail")
    ]
    assert report["gate"]["waived"] == 1
    assert "waivers: .attest/waivers.yaml" in err
    assert "matches no failing result; remove it" in err and "expired on 2020-01-01" in err
    assert "waived by platform@carebridge.example" in stdout
    # legacy-a also fails public-access blocking (high) and is not waived for that: exit 1
    assert code == 1 and report["gate"]["exit_code"] == 1
    md = (tmp_path / "o" / "report.md").read_text()
    assert "## Waivers (`.attest/waivers.yaml`)" in md and "**Accepted risk**" in md


def test_no_waivers_ignores_the_default_file(in_repo: Path, capsys, tmp_path: Path) -> None:
    run(capsys, "evaluate", "bundle", "--no-waivers", "--quiet", "--output", str(tmp_path / "o"))
    assert _results(tmp_path / "o")["waivers"] is None
    code, _, err = run(capsys, "evaluate", "bundle", "--no-waivers", "--waivers", "x.yaml")
    assert code == 2 and "contradict" in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("waivers:\n  - check: aws.s3.bucket_encryption_at_rest\n    resources: '*'\n    owner: me\n    reason: r\n", "no expiry"),
        ("waivers:\n  - check: aws.nope.nope\n    resources: '*'\n    owner: me\n    reason: r\n    expires: 2027-01-01\n", "no check"),
        ("waivers: [\n", "YAML syntax error"),
    ],
)
def test_a_bad_waiver_file_exits_2_in_one_line_and_writes_nothing(in_repo: Path, capsys, tmp_path: Path, text, expected) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(text)
    out = tmp_path / "o"
    code, stdout, err = run(capsys, "evaluate", "bundle", "--waivers", str(bad), "--output", str(out))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"error: {bad}: ") and expected in err
    assert not out.exists() and stdout == ""


def test_a_bad_waiver_file_leaves_an_earlier_evaluation_untouched(in_repo: Path, capsys, tmp_path: Path) -> None:
    out = tmp_path / "o"
    assert run(capsys, "evaluate", "bundle", "--fail-on", "none", "--quiet", "--output", str(out))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / "bad.yaml"
    bad.write_text("waivers:\n  - {check: aws.s3.bucket_encryption_at_rest, resources: '*', owner: o, reason: r}\n")
    assert run(capsys, "evaluate", "bundle", "--waivers", str(bad), "--output", str(out))[0] == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_fail_on_framework(in_repo: Path, capsys, tmp_path: Path) -> None:
    out = tmp_path / "o"
    code, stdout, _ = run(capsys, "evaluate", "bundle", "--fail-on", "none", "--fail-on-framework", "hipaa",
                          "--quiet", "--output", str(out))
    gate = _results(out)["gate"]
    assert code == 1 and gate["exit_code"] == 1
    assert gate["fail_on_frameworks"] == ["hipaa"] and gate["findings"] == 0
    assert {"framework": "hipaa", "control_id": "164.312(a)(1)"} in gate["failed_controls"]
    # HIPAA's encryption control: legacy-a's failure is accepted risk, so it does not fail the gate
    assert {"framework": "hipaa", "control_id": "164.312(a)(2)(iv)"} not in gate["failed_controls"]
    assert "HIPAA control(s) not satisfied" in stdout
    code, _, err = run(capsys, "evaluate", "bundle", "--fail-on-framework", "pci")
    assert code == 2 and "--fail-on-framework pci: unknown framework" in err
    code, _, err = run(capsys, "evaluate", "bundle", "--framework", "soc2", "--fail-on-framework", "hipaa")
    assert code == 2 and "not among --framework soc2" in err


def test_baseline_gates_only_new_or_worse_failures(in_repo: Path, capsys, tmp_path: Path) -> None:
    base = tmp_path / "base"
    assert run(capsys, "evaluate", "bundle", "--fail-on", "none", "--quiet", "--output", str(base))[0] == 0
    # the same estate against itself: nothing new
    code, _, _ = run(capsys, "evaluate", "bundle", "--fail-on", "info", "--baseline", str(base / "results.json"),
                     "--quiet", "--output", str(tmp_path / "same"))
    gate = _results(tmp_path / "same")["gate"]
    assert code == 0 and gate["baseline"]["new_or_worse"] == 0 and gate["baseline"]["unchanged"] > 0
    # a change adds an unencrypted bucket: only its failures count
    changed = write_bundle(tmp_path, _buckets(bucket("new-data", ServerSideEncryptionConfiguration=ENC)),
                           resource_types=_aws_types(), name="changed")
    code, stdout, _ = run(capsys, "evaluate", str(changed), "--fail-on", "high", "--baseline", str(base / "results.json"),
                          "--quiet", "--output", str(tmp_path / "new"))
    gate = _results(tmp_path / "new")["gate"]
    assert code == 1
    assert {c["resource_id"] for c in gate["baseline"]["changes"]} == {"arn:aws:s3:::new-data"}
    assert {c["change"] for c in gate["baseline"]["changes"]} == {"new"}
    assert "new or worse than the baseline" in gate["reason"]
    assert "baseline" in stdout
    code, _, err = run(capsys, "evaluate", "bundle", "--baseline", str(tmp_path / "missing.json"))
    assert code == 2 and "baseline not found" in err and err.count("\n") == 1


def test_errors_outrank_findings_with_every_option(capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    error = CollectionError(service="ec2", region="eu-west-1", account=ACCOUNT, api="ec2:DescribeVolumes",
                            code="AccessDenied", message="denied", resource_types=["AWS::EC2::Volume"])
    vol = resource("AWS::EC2::Volume", f"arn:aws:ec2:us-east-1:{ACCOUNT}:volume/v", {"Encrypted": False})
    bundle = write_bundle(tmp_path, [*_buckets(), vol], errors=[error], resource_types=_aws_types())
    code, _, _ = run(capsys, "evaluate", str(bundle), "--fail-on", "high", "--fail-on-framework", "hipaa", "--quiet")
    assert code == 3
    code, _, _ = run(capsys, "evaluate", str(bundle), "--fail-on", "high", "--allow-incomplete", "--quiet")
    assert code == 1


@pytest.mark.parametrize(("fmt", "file"), [("sarif", "report.sarif"), ("junit", "report.junit.xml"), ("summary", "summary.md")])
def test_ci_formats_print_what_was_written(in_repo: Path, capsys, tmp_path: Path, fmt: str, file: str) -> None:
    out = tmp_path / "o"
    code, stdout, _ = run(capsys, "evaluate", "bundle", "--format", fmt, "--quiet", "--output", str(out))
    assert code == 1  # the gate is the same whatever is printed
    assert stdout == (out / file).read_text()
    manifest = json.loads((out / "manifest.json").read_text())
    assert file in manifest["files"]


def test_report_url_and_sarif_artifact_from_the_environment(in_repo: Path, capsys, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ATTEST_REPORT_URL", "https://ci.example/run/7")
    monkeypatch.setenv("ATTEST_SARIF_ARTIFACT", ".github/workflows/nightly.yml")
    out = tmp_path / "o"
    run(capsys, "evaluate", "bundle", "--quiet", "--output", str(out))
    assert "[https://ci.example/run/7](https://ci.example/run/7)" in (out / "summary.md").read_text()
    sarif = json.loads((out / "report.sarif").read_text())
    location = sarif["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == ".github/workflows/nightly.yml"
