"""End to end through the CLI on an account where every check passes, then with faults.

Faults are injected through botocore's event system on the session the CLI builds
(`before-call` handlers answering with an AWS error), so the collector's own code runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from attestkit.cli.main import main
from attestkit.demo.aws_company import (
    SeededExpectation,
    seed_compliant_company,
)
from tests.collectors.conftest import fail_call, new_session
from tests.integration.cli import REGION_ARGS, results_of, run


@pytest.fixture
def compliant_account(aws_env: None) -> Iterator[list[SeededExpectation]]:
    from moto import mock_aws

    with mock_aws():
        yield seed_compliant_company(new_session())


def test_compliant_account_exits_0(compliant_account, capsys, tmp_path: Path) -> None:
    out_dir = tmp_path / "evidence"
    assert main(["collect", "aws", *REGION_ARGS, "--out", str(out_dir), "--quiet"]) == 0
    (bundle,) = out_dir.iterdir()
    code, out, _ = run(capsys, "evaluate", str(bundle))
    assert code == 0, out
    report = results_of(bundle)
    assert report["totals"]["failed"] == 0 and report["totals"]["errored"] == 0 and report["totals"]["passed"] > 30
    statuses = {(r["check_id"], r["resource_id"]): r["status"] for r in report["results"]}
    assert all(statuses[(e.check_id, e.resource_id)] == "pass" for e in compliant_account)
    for fw in report["frameworks"]:
        assert fw["counts"]["not_satisfied"] == 0 and fw["counts"]["incomplete"] == 0
        assert fw["counts"]["satisfied"] > 0


def _inject(monkeypatch, event: str, **kwargs) -> None:
    """Make the session the CLI builds fail `event` (botocore before-call) as given."""
    import attestkit.collectors.aws.collector as collector_module

    original = collector_module.make_session

    def session_with_fault(*args, **kw):
        session = original(*args, **kw)
        fail_call(session, event, **kwargs)
        return session

    monkeypatch.setattr(collector_module, "make_session", session_with_fault)


def test_access_denied_for_one_service_in_one_region(compliant_account, capsys, tmp_path: Path, monkeypatch) -> None:
    _inject(monkeypatch, "before-call.ec2.DescribeSecurityGroups", region="eu-west-1")
    out_dir = tmp_path / "evidence"
    code, _, err = run(capsys, "collect", "aws", *REGION_ARGS, "--out", str(out_dir))
    assert code == 0 and "ec2:DescribeSecurityGroups in 123456789012 eu-west-1: AccessDenied" in err
    (bundle,) = out_dir.iterdir()
    code, out, _ = run(capsys, "evaluate", str(bundle))
    assert code == 3
    report = results_of(bundle)  # the report is finished despite the error
    sg = [r for r in report["results"] if r["check_id"] == "aws.ec2.security_group_no_public_admin_ports"]
    errors = [r for r in sg if r["status"] == "error"]
    assert [r["resource_id"] for r in errors] == [f"scope:aws/{report['bundle']['scope']['accounts'][0]}/eu-west-1/ec2"]
    assert {r["region"] for r in sg if r["status"] == "pass"} == {"us-east-1", "us-west-2"}
    # every check that does not read security groups is complete
    readers = {c["id"] for c in report["checks"] if "AWS::EC2::SecurityGroup" in c["resource_types"]}
    assert sg[0]["check_id"] in readers
    assert all(r["status"] != "error" for r in report["results"] if r["check_id"] not in readers)
    incomplete = [
        c for fw in report["frameworks"] for c in fw["controls"]
        if any(link["check"] == sg[0]["check_id"] for link in c["checks"])
    ]
    assert incomplete and all(c["status"] == "incomplete" for c in incomplete)
    assert "gate: exit 3" in out
    assert main(["evaluate", str(bundle), "--allow-incomplete", "--quiet"]) == 0


def test_rejected_credentials_exit_3_in_one_line(compliant_account, capsys, tmp_path: Path, monkeypatch) -> None:
    _inject(monkeypatch, "before-call.sts.GetCallerIdentity", code="InvalidClientTokenId",
            message="The security token included in the request is invalid.")  # fmt: skip
    code, out, err = run(capsys, "collect", "aws", "--region", "us-east-1", "--out", str(tmp_path / "evidence"))
    assert code == 3
    assert err.startswith("error: ") and err.count("\n") == 1
    assert not (tmp_path / "evidence").exists() or not any((tmp_path / "evidence").iterdir())
