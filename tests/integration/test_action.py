"""The GitHub Action's shell (.github/attest-action.sh), run locally the way the composite action
runs it: inputs as INPUT_* variables, $GITHUB_STEP_SUMMARY and $GITHUB_OUTPUT as plain files.
attestkit is already installed here (INPUT_ATTESTKIT=none); a stand-in `attest` that records its
arguments and hands `evaluate` to the real one tests the collect wiring without a cloud."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from attestkit.engine.policy_set import load_policy_set
from tests.factories import bucket, write_bundle

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / ".github" / "attest-action.sh"
ACTION = REPO / "action.yml"
ENC = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}
# inputs the later composite steps read themselves, not the script
NOT_SCRIPT_INPUTS = {"upload-artifact", "artifact-name", "retention-days", "upload-sarif", "sarif-category", "python-version"}

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("action")
    types = {t for c in load_policy_set().checks for t in c.info.resource_types if t.startswith("AWS::")}
    resources = [
        bucket("phi-records", ServerSideEncryptionConfiguration=ENC, Versioning={"Status": "Enabled"}),
        bucket("scratch", ServerSideEncryptionConfiguration=None, Versioning={}),
    ]
    return write_bundle(tmp, resources, resource_types=types)


def run_action(tmp: Path, inputs: dict[str, str], extra_env: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess, str, dict[str, str]]:
    summary, outputs = tmp / "step-summary.md", tmp / "github-output"
    summary.write_text("earlier step\n")
    outputs.write_text("")
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(tmp),
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(outputs),
        "ATTEST_PYTHON": sys.executable,
        "INPUT_ATTESTKIT": "none",
        **{f"INPUT_{k.upper().replace('-', '_')}": v for k, v in inputs.items()},
        **(extra_env or {}),
    }
    proc = subprocess.run(["bash", str(SCRIPT)], cwd=tmp, env=env, capture_output=True, text=True, timeout=300, check=False)
    parsed = dict(line.split("=", 1) for line in outputs.read_text().splitlines() if line)
    return proc, summary.read_text(), parsed


def test_the_action_evaluates_writes_the_summary_and_outputs_and_passes_the_exit_code_through(bundle: Path, tmp_path: Path) -> None:
    proc, summary, out = run_action(
        tmp_path,
        {"bundle": str(bundle), "fail-on": "high", "frameworks": "hipaa, soc2"},
        {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/infra", "GITHUB_RUN_ID": "42",
         "GITHUB_WORKFLOW_REF": "acme/infra/.github/workflows/nightly.yml@refs/heads/main"},
    )
    report = json.loads((bundle / "evaluation" / "results.json").read_text())
    assert proc.returncode == report["gate"]["exit_code"] == 1, proc.stderr
    # the step summary: what was there, then summary.md
    assert summary == "earlier step\n" + (bundle / "evaluation" / "summary.md").read_text()
    assert "[https://github.com/acme/infra/actions/runs/42](https://github.com/acme/infra/actions/runs/42)" in summary
    assert [f["framework"] for f in report["frameworks"]] == ["hipaa", "soc2"]
    assert out["exit-code"] == "1"
    assert out["bundle"] == str(bundle)
    assert out["results"] == str(bundle / "evaluation" / "results.json")
    assert out["sarif"] == str(bundle / "evaluation" / "report.sarif")
    assert Path(out["junit"]).is_file() and Path(out["summary"]).is_file() and Path(out["report"]).is_file()
    totals = report["totals"]
    assert (out["passed"], out["failed"], out["errored"], out["waived"]) == tuple(
        str(totals[k]) for k in ("passed", "failed", "errored", "waived")
    )
    assert int(out["controls-not-satisfied"]) > 0
    assert out["gate-reason"] == report["gate"]["reason"]
    sarif = json.loads(Path(out["sarif"]).read_text())
    uri = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == ".github/workflows/nightly.yml"  # from GITHUB_WORKFLOW_REF
    assert "Controls" in proc.stdout  # the terminal report in the job log


def test_exit_0_passes_through_with_waivers_and_fail_on_none(bundle: Path, tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "waivers:\n  - check: aws.s3.bucket_encryption_at_rest\n    resources: 'arn:aws:s3:::scratch'\n"
        "    owner: me\n    reason: test\n    expires: 2999-01-01\n"
    )
    out_dir = tmp_path / "eval"
    proc, summary, out = run_action(
        tmp_path,
        {"bundle": str(bundle), "fail-on": "none", "waivers": str(waivers), "format": "summary",
         "evaluate-args": f"--output {out_dir}"},
    )
    assert proc.returncode == 0, proc.stderr
    assert out["exit-code"] == "0" and out["waived"] == "1"
    assert out["results"] == str(out_dir / "results.json")  # --output followed
    assert proc.stdout == (out_dir / "summary.md").read_text()  # --format summary in the log
    assert "waivers `" in summary


def test_an_input_error_exits_2_and_says_so(bundle: Path, tmp_path: Path) -> None:
    proc, summary, out = run_action(tmp_path, {"bundle": str(bundle), "fail-on": "severe"})
    assert proc.returncode == 2 and out["exit-code"] == "2"
    assert "exited 2 before writing its reports" in summary
    proc, summary, out = run_action(tmp_path, {"cloud": "terraform"})
    assert proc.returncode == 2 and out["exit-code"] == "2" and "needs the plan input" in summary
    proc, summary, out = run_action(tmp_path, {"cloud": "oracle"})
    assert proc.returncode == 2 and "not one of aws, gcp, azure, terraform" in summary


@pytest.fixture
def fake_attest(tmp_path: Path, bundle: Path) -> tuple[Path, Path]:
    """An `attest` on PATH that logs its arguments: `collect` prints the prepared bundle (or exits
    $FAKE_COLLECT_EXIT), anything else runs the real attest."""
    real = shutil.which("attest", path=str(Path(sys.executable).parent)) or shutil.which("attest")
    assert real
    bin_dir, log = tmp_path / "fakebin", tmp_path / "attest-calls.log"
    bin_dir.mkdir()
    fake = bin_dir / "attest"
    fake.write_text(
        "#!/usr/bin/env bash\n"
        f'printf "%s\\n" "$*" >> "{log}"\n'
        'if [ "$1" = collect ]; then\n'
        '  [ -n "${FAKE_COLLECT_EXIT:-}" ] && { echo "error: no credentials" >&2; exit "$FAKE_COLLECT_EXIT"; }\n'
        f'  echo "{bundle}"; exit 0\n'
        "fi\n"
        f'exec "{real}" "$@"\n'
    )
    fake.chmod(0o755)
    return bin_dir, log


def test_collect_wiring(fake_attest, tmp_path: Path, bundle: Path) -> None:
    bin_dir, log = fake_attest
    plan_dir = tmp_path / "infra"
    plan_dir.mkdir()
    (plan_dir / "main.tf").write_text("# root module\n")
    (plan_dir / "plan.json").write_text("{}")
    path = f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    proc, _, out = run_action(
        tmp_path,
        {"cloud": "terraform", "plan": "infra/plan.json", "collector-args": "--module-depth 2",
         "fail-on": "none", "fail-on-framework": "hipaa", "evidence-dir": "ev"},
        {"PATH": path},
    )
    calls = log.read_text().splitlines()
    assert calls[0] == "collect terraform infra/plan.json --module-depth 2 --out ev --quiet"
    assert re.fullmatch(
        rf"evaluate {re.escape(str(bundle))} --format terminal --fail-on none --fail-on-framework hipaa "
        r"--sarif-artifact infra/main\.tf",
        calls[1],
    ), calls[1]
    assert out["bundle"] == str(bundle)
    assert proc.returncode == int(out["exit-code"]) == 1, proc.stderr  # HIPAA controls fail


def test_a_failed_collection_passes_its_exit_code_through(fake_attest, tmp_path: Path) -> None:
    bin_dir, _ = fake_attest
    path = f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    proc, summary, out = run_action(tmp_path, {"cloud": "aws"}, {"PATH": path, "FAKE_COLLECT_EXIT": "3"})
    assert proc.returncode == 3 and out["exit-code"] == "3"
    assert "bundle" not in out
    assert "`attest collect aws` exited 3" in summary


def test_action_yml_wires_every_input_to_the_script() -> None:
    action = yaml.safe_load(ACTION.read_text())
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    attest = next(s for s in steps if s.get("id") == "attest")
    env = attest["env"]
    for name in action["inputs"]:
        if name in NOT_SCRIPT_INPUTS:
            continue
        key = "INPUT_" + name.upper().replace("-", "_")
        assert env.get(key) == f"${{{{ inputs.{name} }}}}", name
    script = SCRIPT.read_text()
    for key in re.findall(r"\$\{(INPUT_[A-Z_]+)", script):
        assert key in env, f"{key} is read by the script but action.yml never sets it"
    for output, spec in action["outputs"].items():
        assert spec["value"] == f"${{{{ steps.attest.outputs.{output} }}}}"
        assert re.search(rf"(output {output} |\"{output}\"|\({output!r}|\(\"{output}\")", script), output
    uses = [s.get("uses", "") for s in steps]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("actions/upload-artifact@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert steps[-1]["if"] == "always()" and 'exit "${ATTEST_EXIT_CODE:-2}"' in steps[-1]["run"]


@pytest.mark.parametrize("workflow", sorted((REPO / "docs" / "ci").glob("*.yml")), ids=lambda p: p.name)
def test_example_workflows_use_only_the_actions_inputs(workflow: Path) -> None:
    inputs = set(yaml.safe_load(ACTION.read_text())["inputs"])
    doc = yaml.safe_load(workflow.read_text())
    uses = [step for job in doc["jobs"].values() for step in job["steps"] if "attestkit@" in step.get("uses", "")]
    assert uses, f"{workflow.name} does not use the action"
    for step in uses:
        assert set(step.get("with", {})) <= inputs, set(step["with"]) - inputs
