"""JUnit XML output: valid against Jenkins' junit-10.xsd (vendored in tests/schemas/), a suite
per framework, a case per control, the failing resources in the failure text."""

from __future__ import annotations

import textwrap
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import xmlschema

from attestkit.models import CollectionError, ControlState, Report, Status
from attestkit.pipeline import evaluate
from attestkit.reports.junit import JunitReport
from tests.factories import ACCOUNT, bucket, resource, write_bundle

XSD = Path(__file__).parent.parent / "schemas" / "junit-10.xsd"
ENC = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    tmp = tmp_path_factory.mktemp("junit")
    resources = [
        bucket("phi-records", ServerSideEncryptionConfiguration=ENC, Versioning={"Status": "Enabled"}),
        bucket("legacy-a", ServerSideEncryptionConfiguration=None, Versioning={"Status": "Enabled"}),
        bucket("scratch", ServerSideEncryptionConfiguration=None, Versioning={}),
        resource("AWS::EC2::Volume", f"arn:aws:ec2:us-east-1:{ACCOUNT}:volume/vol-1", {"Encrypted": True}),
    ]
    error = CollectionError(
        service="ec2", region="eu-west-1", account=ACCOUNT, api="ec2:DescribeVolumes", code="UnauthorizedOperation",
        message="not authorized", resource_types=["AWS::EC2::Volume"],
    )
    bundle = write_bundle(tmp, resources, errors=[error], resource_types=["AWS::S3::Bucket", "AWS::EC2::Volume"])
    waivers = tmp / "waivers.yaml"
    waivers.write_text(textwrap.dedent("""\
        waivers:
          - check: aws.s3.bucket_encryption_at_rest
            resources: "arn:aws:s3:::legacy-*"
            owner: platform@carebridge.example
            reason: Legacy buckets hold no PHI
            expires: 2027-03-31
    """))
    return evaluate(bundle, output_dir=tmp / "out", waivers_path=waivers, today=date(2026, 11, 28)).report


def _case(root: ET.Element, framework: str, control_id: str) -> ET.Element:
    suite = next(s for s in root.iter("testsuite") if s.get("package") == framework)
    return next(c for c in suite.iter("testcase") if c.get("name", "").startswith(control_id + " "))


def test_the_schema_catches_an_invalid_document(schema: xmlschema.XMLSchema) -> None:
    assert schema.is_valid('<testsuites><testsuite name="a" tests="1" failures="0" errors="0"/></testsuites>')
    assert not schema.is_valid('<testsuites><testsuite name="a"/></testsuites>')  # counts are required
    assert not schema.is_valid('<testsuites><testcase name="x"/></testsuites>')


def test_valid_against_junit_10_xsd(report: Report, schema: xmlschema.XMLSchema) -> None:
    text = JunitReport().render(report)
    schema.validate(text)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')


def test_a_suite_per_framework_a_case_per_control(report: Report) -> None:
    root = ET.fromstring(JunitReport().render(report))
    suites = root.findall("testsuite")
    assert [s.get("package") for s in suites] == [fw.framework for fw in report.frameworks]
    for suite, fw in zip(suites, report.frameworks, strict=True):
        cases = suite.findall("testcase")
        assert len(cases) == len(fw.controls) == int(suite.get("tests"))
        assert int(suite.get("failures")) == fw.counts[ControlState.NOT_SATISFIED] == len(suite.findall("testcase/failure"))
        assert int(suite.get("errors")) == fw.counts[ControlState.INCOMPLETE] == len(suite.findall("testcase/error"))
        skipped = fw.counts[ControlState.MANUAL] + fw.counts[ControlState.NOT_APPLICABLE]
        assert int(suite.get("skipped")) == skipped == len(suite.findall("testcase/skipped"))
    assert int(root.get("tests")) == sum(len(fw.controls) for fw in report.frameworks)


def test_failures_list_the_failing_resources_and_errors_what_could_not_be_read(report: Report) -> None:
    root = ET.fromstring(JunitReport().render(report))
    enc = _case(root, "hipaa", "164.312(a)(2)(iv)")  # scratch fails, legacy-a waived, eu-west-1 unreadable
    failure = enc.find("failure")
    assert failure is not None and failure.get("type") == "not_satisfied"
    assert "aws.s3.bucket_encryption_at_rest (high): 1 fail" in failure.text
    assert "arn:aws:s3:::scratch: " in failure.text
    assert "legacy-a" not in failure.text  # accepted risk, not a failure
    assert f"scope:aws/{ACCOUNT}/eu-west-1/ec2" in failure.text  # errors of a failing control still listed
    out = enc.find("system-out")
    assert out is not None and "Accepted risk" in out.text and "arn:aws:s3:::legacy-a" in out.text
    assert "platform@carebridge.example" in out.text


def test_incomplete_is_an_error_and_manual_is_skipped_with_the_evidence(report: Report) -> None:
    root = ET.fromstring(JunitReport().render(report))
    incomplete = [
        (fw.framework, c) for fw in report.frameworks for c in fw.controls if c.status is ControlState.INCOMPLETE
    ]
    framework, control = incomplete[0]
    error = _case(root, framework, control.control_id).find("error")
    assert error is not None and error.get("type") == "incomplete"
    assert control.errored_resources[0] in error.text
    manual = next(c for c in report.frameworks[0].controls if c.status is ControlState.MANUAL)
    skipped = _case(root, "hipaa", manual.control_id).find("skipped")
    assert skipped is not None and skipped.get("type") == "manual"
    assert (manual.manual_evidence or "")[:40] in skipped.get("message")


def test_text_xml_cannot_carry_is_replaced(report: Report, schema: xmlschema.XMLSchema) -> None:
    results = [
        r.model_copy(update={"message": "bad \x00 byte \x1b[31m"}) if r.status is Status.FAIL else r for r in report.results
    ]
    text = JunitReport().render(report.model_copy(update={"results": results}))
    schema.validate(text)
    assert "bad \ufffd byte \ufffd[31m" in text
