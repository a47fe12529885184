"""End to end through the CLI for the platform services (issue 3, part B): both demo companies
seeded in moto -> `attest collect aws` -> `attest evaluate` with the real Rego checks.

Every deliberate platform-service resource gets the status its seeding expects; the compliant
company fails nothing; a read the collector could not make is an `error`, never a pass; no
seeded secret value is anywhere in the bundle's bytes.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from attestkit.cli.main import main
from attestkit.demo.aws_company import SeededExpectation, seed_compliant_company, seed_telehealth_company
from attestkit.demo.aws_company_platform_services import SECRET_MARKERS
from tests.collectors.conftest import fail_call, new_session
from tests.collectors.test_aws_platform_services_reference import PLATFORM_CHECKS
from tests.integration.cli import REGION_ARGS, results_of

PLATFORM_TYPES = {
    "AWS::GuardDuty::Detector",
    "AWS::Config::ConfigurationRecorder",
    "AWS::SecurityHub::Hub",
    "AWS::CertificateManager::Certificate",
    "AWS::Lambda::Function",
    "AWS::EFS::FileSystem",
    "AWS::ECR::Repository",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::ElastiCache::CacheCluster",
    "AWS::OpenSearchService::Domain",
    "AWS::Redshift::Cluster",
    "AWS::EC2::Instance",
    "AWS::EC2::Snapshot",
    "AWS::EC2::Image",
    "AWS::IAM::ManagedPolicy",
    "AWS::SSM::Parameter",
    "AWS::ECS::TaskDefinition",
}


class Run:
    """One seeded company, collected and evaluated through the CLI."""

    def __init__(self, bundle: Path, expectations: list[SeededExpectation], collect_code: int, evaluate_code: int):
        self.bundle = bundle
        self.expectations = expectations
        self.collect_code = collect_code
        self.evaluate_code = evaluate_code
        self.report: dict[str, Any] = results_of(bundle)
        self.manifest: dict[str, Any] = json.loads((bundle / "manifest.json").read_text())

    def results(self, checks: set[str] = PLATFORM_CHECKS) -> list[dict[str, Any]]:
        return [r for r in self.report["results"] if r["check_id"] in checks]

    def statuses(self) -> dict[tuple[str, str], str]:
        return {(r["check_id"], r["resource_id"]): r["status"] for r in self.results()}


def _collect_and_evaluate(
    out: Path, seed: Callable[[], list[SeededExpectation]], fault: Callable[[Any], None] | None = None
) -> Run:
    """Seed a company in a moto account of its own, collect it with the CLI, evaluate it."""
    from moto import mock_aws

    import attestkit.collectors.aws.collector as collector_module

    with mock_aws(), pytest.MonkeyPatch.context() as mp:
        expectations = seed()
        if fault is not None:
            original = collector_module.make_session

            def session_with_fault(*args: Any, **kwargs: Any) -> Any:
                session = original(*args, **kwargs)
                fault(session)
                return session

            mp.setattr(collector_module, "make_session", session_with_fault)
        collect_code = main(["collect", "aws", *REGION_ARGS, "--out", str(out), "--quiet"])
    (bundle,) = out.iterdir()
    evaluate_code = main(["evaluate", str(bundle), "--fail-on", "none", "--quiet"])
    return Run(bundle, expectations, collect_code, evaluate_code)


@pytest.fixture(scope="module")
def telehealth(aws_env: None, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return _collect_and_evaluate(
        tmp_path_factory.mktemp("telehealth") / "evidence", lambda: seed_telehealth_company(new_session())
    )


@pytest.fixture(scope="module")
def compliant(aws_env: None, tmp_path_factory: pytest.TempPathFactory) -> Run:
    return _collect_and_evaluate(
        tmp_path_factory.mktemp("compliant") / "evidence", lambda: seed_compliant_company(new_session())
    )


def _wrong(run: Run) -> list[tuple[str, str, str, str | None, str]]:
    statuses = run.statuses()
    return [
        (e.check_id, e.resource_id, e.status, statuses.get((e.check_id, e.resource_id)), e.reason)
        for e in run.expectations
        if e.check_id in PLATFORM_CHECKS and statuses.get((e.check_id, e.resource_id)) != e.status
    ]


# --- the telehealth company: findings and passes ---------------------------------------------------


def test_the_bundle_holds_every_platform_type(telehealth: Run) -> None:
    assert telehealth.collect_code == 0
    counts = telehealth.manifest["resource_counts"]
    assert {t for t in PLATFORM_TYPES if counts.get(t, 0) > 0} == PLATFORM_TYPES
    assert telehealth.manifest["errors"] == []
    assert PLATFORM_TYPES <= set(telehealth.manifest["scope"]["resource_types"])


def test_every_platform_expectation_holds_through_rego(telehealth: Run) -> None:
    assert _wrong(telehealth) == []


def test_every_platform_check_meets_compliant_and_non_compliant_resources(telehealth: Run) -> None:
    seen: dict[str, set[str]] = {}
    for e in telehealth.expectations:
        if e.check_id in PLATFORM_CHECKS:
            seen.setdefault(e.check_id, set()).add(e.status)
    assert seen == {check: {"pass", "fail"} for check in PLATFORM_CHECKS}
    judged = {(r["check_id"], r["status"]) for r in telehealth.results()}
    assert judged == {(check, status) for check in PLATFORM_CHECKS for status in ("pass", "fail")}


def test_every_platform_failure_was_seeded_on_purpose(telehealth: Run) -> None:
    expected = {(e.check_id, e.resource_id) for e in telehealth.expectations}
    surprises = [
        (r["check_id"], r["resource_id"], r["message"])
        for r in telehealth.results()
        if r["status"] != "pass" and (r["check_id"], r["resource_id"]) not in expected
    ]
    assert surprises == []


def test_platform_results_carry_evidence_and_a_message(telehealth: Run) -> None:
    for r in telehealth.results():
        assert r["evidence"], (r["check_id"], r["resource_id"])
        assert r["message"] and "\n" not in r["message"], (r["check_id"], r["resource_id"])
    by_key = {(r["check_id"], r["resource_id"]): r for r in telehealth.results()}
    admin = next(
        e
        for e in telehealth.expectations
        if e.check_id == "aws.iam.no_full_admin_customer_policy" and e.status == "fail"
    )
    assert 'allows "*" on "*"' in by_key[(admin.check_id, admin.resource_id)]["message"]
    hub = next(e for e in telehealth.expectations if e.check_id == "aws.securityhub.hub_enabled" and e.status == "fail")
    assert by_key[(hub.check_id, hub.resource_id)]["evidence"] == {"Hub": None}


def test_no_seeded_secret_value_is_in_the_bundle_bytes(telehealth: Run) -> None:
    raw = b"".join(
        gzip.decompress(p.read_bytes()) if p.suffix == ".gz" else p.read_bytes()
        for p in sorted(telehealth.bundle.rglob("*"))
        if p.is_file()
    )
    assert [m for m in SECRET_MARKERS if m.encode() in raw] == []
    assert b"Demo-Passw0rd-not-secret" not in raw
    assert b"SMS_API_TOKEN" in raw and b"VIDEO_API_TOKEN" in raw  # names are kept: the search can hit


def test_the_gate_sees_the_platform_findings(telehealth: Run) -> None:
    assert telehealth.evaluate_code == 0  # --fail-on none, and the evidence is complete
    failing = {r["check_id"] for r in telehealth.results() if r["status"] == "fail"}
    assert failing == PLATFORM_CHECKS
    critical = {r["check_id"] for r in telehealth.results() if r["status"] == "fail" and r["severity"] == "critical"}
    assert critical == {"aws.lambda.function_not_public", "aws.ec2.snapshot_not_public"}


# --- the compliant company: nothing fails ------------------------------------------------------


def test_the_compliant_company_passes_every_platform_check(compliant: Run) -> None:
    assert compliant.collect_code == 0 and compliant.evaluate_code == 0
    assert _wrong(compliant) == []
    assert {e.status for e in compliant.expectations if e.check_id in PLATFORM_CHECKS} == {"pass"}
    assert {r["status"] for r in compliant.results()} == {"pass"}
    assert {r["check_id"] for r in compliant.results()} == PLATFORM_CHECKS


# --- reads that failed are errors, never passes ------------------------------------------------


def _faults(session: Any) -> None:
    fail_call(session, "before-call.securityhub.DescribeHub", "AccessDeniedException", region="eu-west-1")
    fail_call(session, "before-call.guardduty.ListDetectors", "AccessDeniedException", region="us-west-2")
    fail_call(session, "before-call.lambda.GetPolicy", "AccessDeniedException")
    fail_call(session, "before-call.ec2.DescribeSnapshotAttribute", "UnauthorizedOperation")
    fail_call(session, "before-call.redshift.DescribeClusters", "AccessDenied", region="us-east-1")


def test_failed_reads_are_errors_and_the_run_is_incomplete(aws_env: None, tmp_path: Path) -> None:
    run = _collect_and_evaluate(tmp_path / "evidence", lambda: seed_compliant_company(new_session()), _faults)
    assert run.collect_code == 0
    assert run.evaluate_code == 3  # errors outrank findings: incomplete evidence
    account = run.manifest["scope"]["accounts"][0]
    by_check: dict[str, dict[str, str]] = {}
    for r in run.results():
        by_check.setdefault(r["check_id"], {})[r["resource_id"]] = r["status"]
    hubs = by_check["aws.securityhub.hub_enabled"]
    assert hubs[f"arn:aws:securityhub:eu-west-1:{account}:hub/default"] == "error"
    assert {s for rid, s in hubs.items() if "eu-west-1" not in rid} == {"pass"}
    assert by_check["aws.guardduty.detector_enabled"][f"arn:aws:guardduty:us-west-2:{account}:detector"] == "error"
    assert set(by_check["aws.lambda.function_not_public"].values()) == {"error"}
    assert set(by_check["aws.ec2.snapshot_not_public"].values()) == {"error"}
    # a failed listing: one error for the scope, for each check of the type, and no pass there
    for check in ("aws.redshift.cluster_encrypted", "aws.redshift.cluster_not_public"):
        assert by_check[check] == {f"scope:aws/{account}/us-east-1/redshift": "error"}
    # checks that did not need the failed reads are still judged
    assert set(by_check["aws.lambda.function_runtime_supported"].values()) == {"pass"}
    assert set(by_check["aws.ec2.ami_not_public"].values()) == {"pass"}
    assert "fail" not in {r["status"] for r in run.results()}
