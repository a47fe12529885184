"""End to end through the CLI for the data services (RDS, DynamoDB, KMS, CloudWatch Logs, VPC,
ELBv2, CloudFront, SNS, SQS, Secrets Manager, AWS Backup): both demo companies seeded in moto,
`attest collect aws`, `attest evaluate`, and the real Rego judging every resource.

Every seeded expectation of these checks must hold, every resource must get exactly the status
the plain-Python reading of the check (tests/collectors/reference_checks_data_services.py)
gives it, with evidence, and the compliant company must pass all of them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from attestkit.bundle import Bundle
from attestkit.cli.main import main
from attestkit.demo.aws_company import SeededExpectation, seed_compliant_company, seed_telehealth_company
from tests.collectors.conftest import Collected, new_session
from tests.collectors.reference_checks_data_services import ONE_PER_ACCOUNT, checks
from tests.integration.cli import REGION_ARGS, results_of, run


@dataclass(frozen=True)
class Evaluated:
    expectations: list[SeededExpectation]
    collected: Collected
    report: dict


def _collect_and_evaluate(seed, out: Path, capsys: pytest.CaptureFixture[str] | None = None) -> Evaluated:
    from moto import mock_aws

    with mock_aws():
        expectations = seed(new_session())
        assert main(["collect", "aws", *REGION_ARGS, "--out", str(out), "--quiet"]) == 0
    (bundle,) = out.iterdir()
    assert main(["evaluate", str(bundle), "--fail-on", "none", "--quiet"]) == 0
    opened = Bundle.open(bundle)
    resources = {r.id: r for r in opened.resources()}
    collected = Collected(scope=opened.manifest.scope, resources=resources, errors=list(opened.manifest.errors))
    return Evaluated(expectations, collected, results_of(bundle))


@pytest.fixture(scope="module")
def companies(aws_env: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Evaluated]:
    """Both companies, one after the other, each in a fresh moto account."""
    return {
        "telehealth": _collect_and_evaluate(
            seed_telehealth_company, tmp_path_factory.mktemp("telehealth") / "evidence"
        ),
        "compliant": _collect_and_evaluate(seed_compliant_company, tmp_path_factory.mktemp("compliant") / "evidence"),
    }


def _mine(evaluated: Evaluated) -> list[dict]:
    judged = checks(evaluated.collected)
    return [r for r in evaluated.report["results"] if r["check_id"] in judged]


def _reference(evaluated: Evaluated) -> dict[tuple[str, str], str]:
    out = {}
    for check, (rtype, verdict) in checks(evaluated.collected).items():
        for resource in evaluated.collected.resources.values():
            if resource.type == rtype and (passed := verdict(resource)) is not None:
                out[(check, resource.id)] = "pass" if passed else "fail"
    return out


@pytest.mark.parametrize("company", ["telehealth", "compliant"])
def test_every_seeded_expectation_holds_in_the_rego_results(companies: dict[str, Evaluated], company: str) -> None:
    evaluated = companies[company]
    statuses = {(r["check_id"], r["resource_id"]): r["status"] for r in _mine(evaluated)}
    mine = [e for e in evaluated.expectations if e.check_id in checks(evaluated.collected)]
    assert mine
    wrong = [
        f"{e.check_id} {e.resource_id}: expected {e.status}, got {statuses.get((e.check_id, e.resource_id))} ({e.reason})"
        for e in mine
        if statuses.get((e.check_id, e.resource_id)) != e.status
    ]
    assert wrong == []


@pytest.mark.parametrize("company", ["telehealth", "compliant"])
def test_rego_and_the_reference_reading_agree_on_every_resource(companies: dict[str, Evaluated], company: str) -> None:
    evaluated = companies[company]
    results = _mine(evaluated)
    pairs = Counter((r["check_id"], r["resource_id"]) for r in results)
    assert [pair for pair, n in pairs.items() if n > 1] == []  # one result per resource and check
    assert {pair: r["status"] for r in results for pair in [(r["check_id"], r["resource_id"])]} == _reference(evaluated)
    for r in results:
        assert r["message"] and r["evidence"], r  # an auditor sees why
        assert r["severity"] in {"critical", "high", "medium", "low"}


def test_the_telehealth_company_fails_and_passes_every_data_service_check(companies: dict[str, Evaluated]) -> None:
    evaluated = companies["telehealth"]
    seen: dict[str, set[str]] = {}
    for r in _mine(evaluated):
        seen.setdefault(r["check_id"], set()).add(r["status"])
    assert set(seen) == set(checks(evaluated.collected))
    assert len(seen) >= 22
    assert {c for c, statuses in seen.items() if statuses != {"pass", "fail"}} == ONE_PER_ACCOUNT
    assert all(seen[c] == {"fail"} for c in ONE_PER_ACCOUNT)


def test_the_compliant_company_passes_every_data_service_check(companies: dict[str, Evaluated]) -> None:
    evaluated = companies["compliant"]
    statuses = Counter(r["status"] for r in _mine(evaluated))
    assert set(statuses) == {"pass"} and statuses["pass"] > 40
    assert {r["check_id"] for r in _mine(evaluated)} == set(checks(evaluated.collected))


def test_the_data_service_checks_are_mapped_to_every_framework(companies: dict[str, Evaluated]) -> None:
    report = companies["compliant"].report
    linked: dict[str, set[str]] = {}
    for framework in report["frameworks"]:
        for control in framework["controls"]:
            for link in control["checks"]:
                linked.setdefault(link["check"], set()).add(framework["framework"])
    for check in checks(companies["compliant"].collected):
        assert linked.get(check) == {"hipaa", "soc2", "hitrust"}, check


def test_an_unreadable_snapshot_attribute_is_an_error_never_a_pass(
    aws_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """AccessDenied on one per-resource read: that resource is `error` for its check and the gate exits 3."""
    from moto import mock_aws

    import attestkit.collectors.aws.collector as collector_module
    from tests.collectors.conftest import fail_call

    original = collector_module.make_session

    def denied(*args, **kwargs):
        session = original(*args, **kwargs)
        fail_call(session, "before-call.rds.DescribeDBSnapshotAttributes")
        return session

    monkeypatch.setattr(collector_module, "make_session", denied)
    out = tmp_path / "evidence"
    with mock_aws():
        seed_compliant_company(new_session())
        assert main(["collect", "aws", "--region", "us-east-1", "--out", str(out), "--quiet"]) == 0
    (bundle,) = out.iterdir()
    code, _, _ = run(capsys, "evaluate", str(bundle))
    assert code == 3
    snapshots = [r for r in results_of(bundle)["results"] if r["check_id"] == "aws.rds.snapshot_not_public"]
    assert snapshots and {r["status"] for r in snapshots} == {"error"}
    assert all("rds:DescribeDBSnapshotAttributes" in r["message"] for r in snapshots)
