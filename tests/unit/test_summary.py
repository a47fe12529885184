"""summary.md (for $GITHUB_STEP_SUMMARY and pull-request comments): organised by framework and
control citation, short however large the estate, linking to the full report."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from attestkit.engine.policy_set import load_policy_set
from attestkit.models import Report, Result, Severity, Status
from attestkit.pipeline import evaluate
from attestkit.reports.interface import RenderContext
from attestkit.reports.step_summary import MAX_FINDINGS, SummaryReport
from tests.factories import ACCOUNT, bucket, resource, write_bundle
from tests.unit.test_reports import check_golden

ENC = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}
GITHUB_COMMENT_LIMIT = 65_536


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    tmp = tmp_path_factory.mktemp("summary")
    resources = [
        bucket("phi-records", ServerSideEncryptionConfiguration=ENC, Versioning={"Status": "Enabled"}),
        bucket("legacy-a", ServerSideEncryptionConfiguration=None, Versioning={"Status": "Enabled"}),
        bucket("scratch", ServerSideEncryptionConfiguration=None, Versioning={}),
        resource("AWS::EC2::Volume", f"arn:aws:ec2:us-east-1:{ACCOUNT}:volume/vol-1", {"Encrypted": False}, name="db-data"),
    ]
    # the scope covers every AWS type a check reads: a complete judgement, nothing "not collected"
    aws_types = {t for c in load_policy_set().checks for t in c.info.resource_types if t.startswith("AWS::")}
    write_bundle(tmp, resources, resource_types=aws_types)
    waivers = tmp / "waivers.yaml"
    waivers.write_text(textwrap.dedent("""\
        waivers:
          - check: aws.s3.bucket_encryption_at_rest
            resources: "arn:aws:s3:::legacy-*"
            owner: platform@carebridge.example
            reason: Legacy buckets hold no PHI
            expires: 2027-03-31
          - check: aws.s3.bucket_versioning_enabled
            resources: "arn:aws:s3:::gone-*"
            owner: platform@carebridge.example
            reason: buckets being deleted
            expires: 2027-03-31
          - check: aws.ec2.ebs_volume_encrypted
            resources: "*"
            owner: infra@carebridge.example
            reason: migration window
            expires: 2026-10-31
    """))
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(tmp)  # relative paths in the report, as in CI: stable golden text
        return evaluate(
            Path("bundle"), output_dir=Path("out"), waivers_path=Path("waivers.yaml"), today=date(2026, 11, 28),
            fail_on=Severity.HIGH, frameworks=["hipaa", "soc2"], fail_on_frameworks=["hipaa"],
        ).report


def test_summary_golden(report: Report) -> None:
    check_golden("summary.md", SummaryReport().render(report))


def test_summary_by_framework_and_control_citation(report: Report) -> None:
    text = SummaryReport().render(report)
    assert text.startswith("### attestkit: failed (exit 1)")
    assert report.gate.reason in text
    assert "`--fail-on high` · `--fail-on-framework hipaa`" in text
    assert "| HIPAA | " in text and "| SOC 2 | " in text and "HITRUST" not in text
    hipaa = text.index("**HIPAA Security Rule")
    soc2 = text.index("**AICPA Trust Services Criteria")
    assert hipaa < text.index("- 164.312(a)(2)(iv) Encryption and decryption: **not satisfied**") < soc2
    assert "#### Worst findings" in text
    assert "| high | `aws.ec2.ebs_volume_encrypted` | `arn:aws:ec2:us-east-1:123456789012:volume/vol-1` |" in text
    # waivers: the waived failure is not a finding; expired and stale ones are named
    findings = text.split("#### Worst findings")[1].split("####")[0]
    assert "`aws.s3.bucket_encryption_at_rest` | `arn:aws:s3:::scratch`" in findings
    assert "`aws.s3.bucket_encryption_at_rest` | `arn:aws:s3:::legacy-a`" not in findings
    assert "expired, its failures count again: `aws.ec2.ebs_volume_encrypted`" in text
    assert "stale, matches no failing result: `aws.s3.bucket_versioning_enabled` `arn:aws:s3:::gone-*`" in text
    assert "Full report: [report.md](report.md)" in text


def test_the_link_comes_from_the_context(report: Report) -> None:
    url = "https://github.com/acme/infra/actions/runs/42"
    assert f"Full report: [{url}]({url})" in SummaryReport(RenderContext(report_url=url)).render(report)


def test_short_for_a_large_estate(report: Report) -> None:
    many = [
        Result(
            check_id="aws.s3.bucket_encryption_at_rest", resource_id=f"arn:aws:s3:::bucket-{i:05d}",
            status=Status.FAIL, severity=Severity.HIGH, message="no default encryption configured",
        )
        for i in range(20_000)
    ]
    big = report.model_copy(update={"results": [*report.results, *many]})
    text = SummaryReport().render(big)
    assert len(text) < GITHUB_COMMENT_LIMIT / 4
    findings = text.split("#### Worst findings")[1].split("####")[0]
    assert f"({MAX_FINDINGS} of " in findings
    assert findings.count("\n| ") == MAX_FINDINGS + 1  # header and the capped rows


def test_with_a_baseline_new_findings_come_first(report: Report) -> None:
    from attestkit.models import BaselineChange, BaselineInfo

    change = BaselineChange(
        check_id="aws.s3.bucket_versioning_enabled", resource_id="arn:aws:s3:::scratch", severity=Severity.MEDIUM, change="new"
    )
    gate = report.gate.model_copy(
        update={"baseline": BaselineInfo(path="main.json", sha256="0" * 64, generated_at=report.generated_at, results=9,
                                         new_or_worse=1, unchanged=3, changes=[change])}
    )
    text = SummaryReport().render(report.model_copy(update={"gate": gate}))
    rows = [line for line in text.split("#### Worst findings")[1].splitlines() if line.startswith("| ") and "`" in line]
    assert rows[0].startswith("| new | medium | `aws.s3.bucket_versioning_enabled` | `arn:aws:s3:::scratch`")
    assert all(row.startswith("| unchanged ") for row in rows[1:])
    assert "baseline `main.json` (1 new or worse, 3 unchanged)" in text
