"""A plain-Python reading of the platform-service checks (issue 3, part B), like reference_checks.py.

`platform_checks(now)` returns check id -> (resource type(s), judge of one resource: True pass,
False fail, None not judged), in the shape of `reference_checks.Judge.checks`, so the demo
tests can judge what the collector read before Rego is involved. The tests here hold both demo
companies to it for these checks; tests/collectors/reference_checks.py can merge it into
`Judge.checks` (a check judging two types names them as a tuple).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from attestkit.demo.aws_company import SeededExpectation
from attestkit.models import Resource
from tests.collectors.conftest import Collected, Seeded, collect

Types = str | tuple[str, ...]
Judgement = Callable[[Resource], bool | None]

SENSITIVE = re.compile(
    r"(?i)(passw(or)?d|passphrase|secret|token|credential|private[-_.]?key|api[-_.]?key|access[-_.]?key|(^|[^a-z0-9])key([^a-z0-9]|$))"
)
REFERENCE = re.compile(
    r"(?i)(key|token|secret|password|credentials?)[-_.]?(id|arn|alias|name|url|uri|endpoint|type|length|ttl)$"
)

# Runtime -> deprecation date, for the runtimes the demo companies use (the Rego table is complete).
RUNTIMES = {
    "python3.8": datetime(2024, 10, 14, tzinfo=timezone.utc),
    "python3.12": datetime(2028, 10, 31, tzinfo=timezone.utc),
    "python3.13": datetime(2029, 6, 30, tzinfo=timezone.utc),
}

PLATFORM_CHECKS = {
    "aws.guardduty.detector_enabled",
    "aws.config.recorder_recording_all_resources",
    "aws.securityhub.hub_enabled",
    "aws.acm.certificate_not_expiring_30_days",
    "aws.lambda.function_runtime_supported",
    "aws.lambda.function_environment_encrypted_with_cmk",
    "aws.lambda.function_not_public",
    "aws.efs.file_system_encrypted",
    "aws.ecr.repository_scan_on_push",
    "aws.ecr.repository_tag_immutability",
    "aws.elasticache.encryption_at_rest",
    "aws.elasticache.encryption_in_transit",
    "aws.opensearch.domain_encryption_at_rest",
    "aws.opensearch.domain_node_to_node_encryption",
    "aws.opensearch.domain_https_tls12",
    "aws.redshift.cluster_encrypted",
    "aws.redshift.cluster_not_public",
    "aws.ec2.instance_imdsv2_required",
    "aws.ec2.instance_no_public_ip",
    "aws.ec2.snapshot_not_public",
    "aws.ec2.ami_not_public",
    "aws.iam.no_full_admin_customer_policy",
    "aws.iam.credentials_unused_90_days_disabled",
    "aws.ssm.sensitive_parameter_secure_string",
    "aws.ecs.task_definition_secrets_not_in_environment",
}

CACHES = ("AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::CacheCluster")


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _sensitive(name: str) -> bool:
    return bool(SENSITIVE.search(name)) and not REFERENCE.search(name)


def _statements(document: Any) -> list[dict[str, Any]]:
    statements = (document or {}).get("Statement") if isinstance(document, dict) else None
    if isinstance(statements, dict):
        return [statements]
    return list(statements or [])


def _has(value: Any, wanted: str) -> bool:
    return value == wanted or (isinstance(value, list) and wanted in value)


def _public_lambda_statement(s: dict[str, Any]) -> bool:
    principal = s.get("Principal")
    public = principal == "*" or (isinstance(principal, dict) and _has(principal.get("AWS"), "*"))
    keys = [k for block in (s.get("Condition") or {}).values() for k in (block or {})]
    restricted = any(k.lower() != "lambda:functionurlauthtype" for k in keys)
    return s.get("Effect") == "Allow" and public and not restricted


def _days_since(text: str | None, now: datetime) -> int | None:
    return None if not text else (now - _when(text)).days


def _credentials_fresh(r: Resource, now: datetime) -> bool | None:
    ages: list[int | None] = []
    if r.config.get("LoginProfile"):
        ages.append(_days_since(r.config.get("PasswordLastUsed") or r.config["LoginProfile"].get("CreateDate"), now))
    for key in r.config["AccessKeys"]:
        if key["Status"] == "Active":
            used = (key.get("AccessKeyLastUsed") or {}).get("LastUsedDate")
            ages.append(_days_since(used or key.get("CreateDate"), now))
    if not ages:
        return None
    return all(age is not None and age <= 90 for age in ages)


def _registry_scans(r: Resource) -> bool:
    rules = (r.config.get("scanningConfiguration") or {}).get("rules") or []
    name = r.config["repositoryName"]
    return any(
        rule.get("scanFrequency") in ("SCAN_ON_PUSH", "CONTINUOUS_SCAN")
        and any(
            re.fullmatch(re.escape(f["filter"]).replace(r"\*", ".*"), name) for f in rule.get("repositoryFilters") or []
        )
        for rule in rules
    )


def _recorder_on(r: Resource) -> bool:
    statuses = {s["name"]: s for s in r.config["ConfigurationRecordersStatus"]}
    return any(
        rec["recordingGroup"].get("allSupported") is True
        and statuses.get(rec["name"], {}).get("recording") is True
        and str(statuses[rec["name"]].get("lastStatus", "")).lower() != "failure"
        for rec in r.config["ConfigurationRecorders"]
    )


def _certificate_fresh(r: Resource, now: datetime) -> bool | None:
    certificate = r.config["Certificate"]
    if certificate["Status"] not in ("ISSUED", "EXPIRED"):
        return None
    return certificate["Status"] == "ISSUED" and _when(certificate["NotAfter"]) - now >= timedelta(days=30)


def _runtime_supported(r: Resource, now: datetime) -> bool | None:
    runtime = r.config.get("Runtime")
    if runtime is None:
        return None
    return runtime in RUNTIMES and now < RUNTIMES[runtime]


def platform_checks(now: datetime) -> dict[str, tuple[Types, Judgement]]:
    """Each platform check as a plain function of one resource (None: not judged)."""
    return {
        "aws.guardduty.detector_enabled": (
            "AWS::GuardDuty::Detector",
            lambda r: any(d["Status"] == "ENABLED" for d in r.config["Detectors"]),
        ),
        "aws.config.recorder_recording_all_resources": ("AWS::Config::ConfigurationRecorder", _recorder_on),
        "aws.securityhub.hub_enabled": ("AWS::SecurityHub::Hub", lambda r: r.config["Hub"] is not None),
        "aws.acm.certificate_not_expiring_30_days": (
            "AWS::CertificateManager::Certificate",
            lambda r: _certificate_fresh(r, now),
        ),
        "aws.lambda.function_runtime_supported": ("AWS::Lambda::Function", lambda r: _runtime_supported(r, now)),
        "aws.lambda.function_environment_encrypted_with_cmk": (
            "AWS::Lambda::Function",
            lambda r: (
                None
                if not (r.config.get("Environment") or {}).get("VariableNames")
                else bool(r.config.get("KMSKeyArn"))
            ),
        ),
        "aws.lambda.function_not_public": (
            "AWS::Lambda::Function",
            lambda r: not any(_public_lambda_statement(s) for s in _statements(r.config["Policy"])),
        ),
        "aws.efs.file_system_encrypted": ("AWS::EFS::FileSystem", lambda r: r.config.get("Encrypted") is True),
        "aws.ecr.repository_scan_on_push": (
            "AWS::ECR::Repository",
            lambda r: r.config["imageScanningConfiguration"].get("scanOnPush") is True or _registry_scans(r),
        ),
        "aws.ecr.repository_tag_immutability": (
            "AWS::ECR::Repository",
            lambda r: r.config.get("imageTagMutability") in ("IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"),
        ),
        "aws.elasticache.encryption_at_rest": (CACHES, lambda r: r.config.get("AtRestEncryptionEnabled") is True),
        "aws.elasticache.encryption_in_transit": (
            CACHES,
            lambda r: (
                r.config.get("TransitEncryptionEnabled") is True
                and r.config.get("TransitEncryptionMode", "required") == "required"
            ),
        ),
        "aws.opensearch.domain_encryption_at_rest": (
            "AWS::OpenSearchService::Domain",
            lambda r: r.config["DomainStatus"].get("EncryptionAtRestOptions", {}).get("Enabled") is True,
        ),
        "aws.opensearch.domain_node_to_node_encryption": (
            "AWS::OpenSearchService::Domain",
            lambda r: r.config["DomainStatus"].get("NodeToNodeEncryptionOptions", {}).get("Enabled") is True,
        ),
        "aws.opensearch.domain_https_tls12": (
            "AWS::OpenSearchService::Domain",
            lambda r: (
                r.config["DomainStatus"].get("DomainEndpointOptions", {}).get("EnforceHTTPS") is True
                and str(r.config["DomainStatus"]["DomainEndpointOptions"].get("TLSSecurityPolicy", "")).startswith(
                    "Policy-Min-TLS-1-2"
                )
            ),
        ),
        "aws.redshift.cluster_encrypted": ("AWS::Redshift::Cluster", lambda r: r.config.get("Encrypted") is True),
        "aws.redshift.cluster_not_public": (
            "AWS::Redshift::Cluster",
            lambda r: r.config.get("PubliclyAccessible") is False,
        ),
        "aws.ec2.instance_imdsv2_required": (
            "AWS::EC2::Instance",
            lambda r: (
                r.config["MetadataOptions"].get("HttpTokens") == "required"
                or r.config["MetadataOptions"].get("HttpEndpoint") == "disabled"
            ),
        ),
        "aws.ec2.instance_no_public_ip": (
            "AWS::EC2::Instance",
            lambda r: (
                not r.config.get("PublicIpAddress")
                and not any((n.get("Association") or {}).get("PublicIp") for n in r.config.get("NetworkInterfaces", []))
            ),
        ),
        "aws.ec2.snapshot_not_public": (
            "AWS::EC2::Snapshot",
            lambda r: not any(p.get("Group") == "all" for p in r.config["CreateVolumePermissions"]),
        ),
        "aws.ec2.ami_not_public": ("AWS::EC2::Image", lambda r: r.config.get("Public") is False),
        "aws.iam.no_full_admin_customer_policy": (
            "AWS::IAM::ManagedPolicy",
            lambda r: (
                not any(
                    s.get("Effect") == "Allow" and _has(s.get("Action"), "*") and _has(s.get("Resource"), "*")
                    for s in _statements(r.config["PolicyVersion"]["Document"])
                )
            ),
        ),
        "aws.iam.credentials_unused_90_days_disabled": ("AWS::IAM::User", lambda r: _credentials_fresh(r, now)),
        "aws.ssm.sensitive_parameter_secure_string": (
            "AWS::SSM::Parameter",
            lambda r: None if not _sensitive(r.config["Name"]) else r.config["Type"] == "SecureString",
        ),
        "aws.ecs.task_definition_secrets_not_in_environment": (
            "AWS::ECS::TaskDefinition",
            lambda r: (
                not any(
                    _sensitive(v["name"])
                    for c in r.config["taskDefinition"]["containerDefinitions"]
                    for v in c.get("environment") or []
                )
            ),
        ),
    }


def _types(types: Types) -> tuple[str, ...]:
    return types if isinstance(types, tuple) else (types,)


def judge(collected: Collected, check: str, resource: Resource, now: datetime | None = None) -> str | None:
    types, passes = platform_checks(now or datetime.now(timezone.utc))[check]
    assert resource.type in _types(types), f"{check} judges {types}, not {resource.type}"
    verdict = passes(resource)
    return None if verdict is None else ("pass" if verdict else "fail")


def everything(collected: Collected) -> dict[tuple[str, str], str]:
    """Every applicable (platform check, resource) pair of the inventory and its status."""
    now = datetime.now(timezone.utc)
    out = {}
    for check, (types, passes) in platform_checks(now).items():
        for rtype in _types(types):
            for r in collected.of_type(rtype):
                verdict = passes(r)
                if verdict is not None:
                    out[(check, r.id)] = "pass" if verdict else "fail"
    return out


def assert_platform_expectations(expectations: list[SeededExpectation], collected: Collected) -> None:
    mine = [e for e in expectations if e.check_id in PLATFORM_CHECKS]
    assert mine
    wrong = []
    for e in mine:
        assert e.resource_id in collected.resources, f"{e.check_id}: {e.resource_id} was not collected"
        actual = judge(collected, e.check_id, collected.resources[e.resource_id])
        if actual != e.status:
            wrong.append(
                f"{e.check_id} {e.resource_id}: expected {e.status}, collected data says {actual} ({e.reason})"
            )
    assert wrong == []


# --- the demo companies held to it ------------------------------------------------------------


@pytest.fixture(scope="module")
def telehealth_collected(telehealth: Seeded) -> Collected:
    return collect()


def test_every_telehealth_platform_expectation_holds(telehealth: Seeded, telehealth_collected: Collected) -> None:
    assert [e for e in telehealth_collected.errors] == []
    assert_platform_expectations(telehealth.expectations, telehealth_collected)


def test_the_telehealth_company_meets_every_platform_check_both_ways(telehealth: Seeded) -> None:
    seen: dict[str, set[str]] = {}
    for e in telehealth.expectations:
        if e.check_id in PLATFORM_CHECKS:
            seen.setdefault(e.check_id, set()).add(e.status)
            assert e.reason
    assert set(seen) == PLATFORM_CHECKS
    assert {c for c, statuses in seen.items() if statuses != {"pass", "fail"}} == set()


def test_no_platform_failure_is_unexpected(telehealth: Seeded, telehealth_collected: Collected) -> None:
    """Every fail the reference finds was seeded on purpose (extras, like AMI backing snapshots, pass)."""
    expected = {(e.check_id, e.resource_id) for e in telehealth.expectations}
    surprises = [
        pair for pair, status in everything(telehealth_collected).items() if status == "fail" and pair not in expected
    ]
    assert surprises == []


def test_the_reference_can_fail(telehealth_collected: Collected) -> None:
    """The reference is not vacuous: it finds the seeded failures and judges every check."""
    statuses = everything(telehealth_collected)
    assert {check for check, _ in statuses} == PLATFORM_CHECKS
    assert {status for status in statuses.values()} == {"pass", "fail"}
