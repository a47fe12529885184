"""Reports against golden files (normalised), and the JSON report against its model.

Golden files are updated only on request: ATTESTKIT_UPDATE_GOLDEN=1 pytest tests/unit/test_reports.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from attestkit.bundle import Bundle
from attestkit.engine.policy_set import load_policy_set
from attestkit.engine.regorus_engine import RegorusEngine
from attestkit.evaluation import evaluate_bundle
from attestkit.mapping import load_mappings
from attestkit.models import CollectionError, Report, Severity
from attestkit.report_builder import build_report
from attestkit.reports.json_report import JsonReport
from attestkit.reports.markdown import MarkdownReport
from attestkit.reports.terminal import TerminalReport
from tests.factories import ACCOUNT, bucket, resource, write_bundle

GOLDEN = Path(__file__).parent.parent / "golden"
UPDATE = os.environ.get("ATTESTKIT_UPDATE_GOLDEN") == "1"
ENCRYPTED = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    tmp = tmp_path_factory.mktemp("report")
    resources = [
        bucket("phi-records", ServerSideEncryptionConfiguration=ENCRYPTED, Versioning={"Status": "Enabled"}),
        bucket("scratch", ServerSideEncryptionConfiguration=None, Versioning={}),
        resource("AWS::EC2::Volume", f"arn:aws:ec2:us-east-1:{ACCOUNT}:volume/vol-1", {"Encrypted": False}, name="db-data"),
    ]
    error = CollectionError(
        service="ec2", region="eu-west-1", account=ACCOUNT, api="ec2:DescribeVolumes", code="UnauthorizedOperation",
        message="You are not authorized to perform this operation.", resource_types=["AWS::EC2::Volume"],
    )
    path = write_bundle(tmp, resources, errors=[error], resource_types=["AWS::S3::Bucket", "AWS::EC2::Volume"])
    bundle = Bundle.open(path)
    policies = load_policy_set()
    evaluation = evaluate_bundle(bundle, policies, RegorusEngine())
    return build_report(
        bundle=bundle, evaluation=evaluation, policies=policies, mappings=load_mappings(policies.check_ids),
        engine_name="regorus", frameworks=[], fail_on=Severity.HIGH, allow_incomplete=False,
    )


def normalise(text: str) -> str:
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "<time>", text)
    text = re.sub(r"\b[0-9a-f]{64}\b", "<sha256>", text)
    text = re.sub(r"`[0-9a-f]{16}`", "`<sha256>`", text)
    text = re.sub(r"/\S*/bundle\b", "<bundle>", text)
    text = re.sub(r"attestkit \d[^\s]*", "attestkit <version>", text)
    text = re.sub(r"by aws [^;\s|]+", "by aws <version>", text)
    return text


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    text = normalise(text)
    if UPDATE:
        path.write_text(text)
    assert path.is_file(), f"{path} missing: run with ATTESTKIT_UPDATE_GOLDEN=1"
    assert text == path.read_text(), f"{name} differs from its golden file; review, then ATTESTKIT_UPDATE_GOLDEN=1"


def test_markdown_report_golden(report: Report) -> None:
    check_golden("report.md", MarkdownReport().render(report))


def test_terminal_report_golden(report: Report) -> None:
    check_golden("terminal.txt", TerminalReport().render(report, width=100))


def test_json_report_is_the_model(report: Report) -> None:
    text = JsonReport().render(report)
    assert Report.model_validate_json(text) == report
    assert list(json.loads(text)) == list(Report.model_fields)  # stable: the model's field order
    assert JsonReport().render(report) == text


def test_report_facts(report: Report) -> None:
    assert report.gate.exit_code == 3  # the unreadable region outranks the failures
    assert (report.totals.passed, report.totals.failed) == (4, 5)
    hipaa = next(f for f in report.frameworks if f.framework == "hipaa")
    encryption = next(c for c in hipaa.controls if c.control_id == "164.312(a)(2)(iv)")
    assert encryption.status.value == "not_satisfied"
    assert "arn:aws:s3:::scratch" in encryption.failing_resources
    assert f"scope:aws/{ACCOUNT}/eu-west-1/ec2" in encryption.errored_resources
    md = MarkdownReport().render(report)
    assert "Evidence to provide" in md and "164.308(a)(1)(ii)(A)" in md  # manual controls are listed
    assert "Remediation:" in md
