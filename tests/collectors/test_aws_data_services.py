"""The data services (RDS, DynamoDB, KMS, CloudWatch Logs, VPC, ELBv2, CloudFront, SNS, SQS,
Secrets Manager, AWS Backup) on the demo telehealth company: what the collector writes, type
by type (docs/resources/aws.md), how failed reads are recorded, and that every
seeded expectation of their checks holds in what it reads.

Calls moto cannot answer the way AWS would (an UnsupportedOperationException for a key that
cannot rotate, AWS managed keys, several CloudFront pages) run through botocore's Stubber,
so the collector's own code still runs.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import boto3
import pytest
from botocore.awsrequest import AWSResponse
from botocore.stub import Stubber

from attestkit.collectors.aws import AwsCollector
from attestkit.collectors.aws.context import GLOBAL, Context, Recorder
from attestkit.collectors.aws.services import SERVICES, cloudfront, kms, secretsmanager
from attestkit.collectors.aws.session import ClientFactory
from attestkit.demo.aws_company import REGIONS
from tests.collectors.conftest import Collected, Seeded, collect, fail_call, new_session
from tests.collectors.reference_checks_data_services import ONE_PER_ACCOUNT, checks
from tests.fixtures.collected import ListSink

ACCOUNT = "123456789012"
DATA_SERVICES = (
    "rds",
    "dynamodb",
    "kms",
    "logs",
    "vpc",
    "elbv2",
    "cloudfront",
    "sns",
    "sqs",
    "secretsmanager",
    "backup",
)
REGION = r"(?P<region>[a-z]{2}-[a-z]+-\d)"
ID_PATTERNS = {
    "AWS::RDS::DBInstance": rf"^arn:aws:rds:{REGION}:{ACCOUNT}:db:[a-z][a-z0-9-]*$",
    "AWS::RDS::DBCluster": rf"^arn:aws:rds:{REGION}:{ACCOUNT}:cluster:[a-z][a-z0-9-]*$",
    "AWS::RDS::DBSnapshot": rf"^arn:aws:rds:{REGION}:{ACCOUNT}:snapshot:[a-z][a-z0-9-]*$",
    "AWS::RDS::DBClusterSnapshot": rf"^arn:aws:rds:{REGION}:{ACCOUNT}:cluster-snapshot:[a-z][a-z0-9-]*$",
    "AWS::DynamoDB::Table": rf"^arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/[\w.-]+$",
    "AWS::KMS::Key": rf"^arn:aws:kms:{REGION}:{ACCOUNT}:key/[0-9a-f-]{{36}}$",
    "AWS::Logs::LogGroup": rf"^arn:aws:logs:{REGION}:{ACCOUNT}:log-group:[\w/.#-]+$",
    "AWS::EC2::VPC": rf"^arn:aws:ec2:{REGION}:{ACCOUNT}:vpc/vpc-[0-9a-f]+$",
    "AWS::ElasticLoadBalancingV2::LoadBalancer": (
        rf"^arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/(app|net|gwy)/[\w-]+/[0-9a-f]+$"
    ),
    "AWS::CloudFront::Distribution": rf"^arn:aws:cloudfront::{ACCOUNT}:distribution/[A-Z0-9]+$",
    "AWS::SNS::Topic": rf"^arn:aws:sns:{REGION}:{ACCOUNT}:[\w-]+$",
    "AWS::SQS::Queue": rf"^arn:aws:sqs:{REGION}:{ACCOUNT}:[\w-]+$",
    "AWS::SecretsManager::Secret": rf"^arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:[\w/+=.@-]+-[A-Za-z0-9]{{6}}$",
    "AWS::Backup::BackupPlan": rf"^arn:aws:backup:{REGION}:{ACCOUNT}:backup-plan:[0-9a-f-]+$",
    "AWS::Backup::BackupVault": rf"^arn:aws:backup:{REGION}:{ACCOUNT}:backup-vault:[\w.-]+$",
}
"""Every type the data services write and the shape of its id (docs/resources/aws.md)."""
GLOBAL_TYPES = {"AWS::CloudFront::Distribution"}


@pytest.fixture(scope="module")
def collected(telehealth: Seeded) -> Collected:
    return collect()


@pytest.fixture
def session(telehealth: Seeded, monkeypatch: pytest.MonkeyPatch) -> boto3.Session:
    """A fresh session on the shared seeded account; handlers registered on it affect only this
    test, whose collections read only the data services (faster; the others are not judged)."""
    import attestkit.collectors.aws.collector as collector_module

    monkeypatch.setattr(collector_module, "SERVICES", tuple(s for s in SERVICES if s.name in DATA_SERVICES))
    return new_session()


def _mine(collected: Collected) -> list[Any]:
    return [r for r in collected.resources.values() if r.type in ID_PATTERNS]


def judge(collected: Collected, check: str, resource: Any) -> str | None:
    rtype, verdict = checks(collected)[check]
    assert resource.type == rtype, f"{check} judges {rtype}, not {resource.type}"
    passed = verdict(resource)
    return None if passed is None else ("pass" if passed else "fail")


# The services and what they declare ------------------------------------------------------------


def test_the_data_services_are_registered_with_their_types() -> None:
    services = {s.name: s for s in SERVICES}
    assert set(DATA_SERVICES) <= set(services)
    declared = {t for name in DATA_SERVICES for t in services[name].resource_types}
    assert declared == set(ID_PATTERNS)
    assert set(ID_PATTERNS) <= set(AwsCollector.resource_types)
    assert not services["cloudfront"].regional
    assert all(services[name].regional for name in DATA_SERVICES if name != "cloudfront")


def test_the_data_services_declare_reads_and_their_iam_actions() -> None:
    services = {s.name: s for s in SERVICES}
    for name in DATA_SERVICES:
        for operation, action in services[name].operations.items():
            assert re.fullmatch(r"[a-z0-9]+:(Get|List|Describe)[A-Za-z]+", operation), operation
            assert action and re.fullmatch(r"[a-z0-9]+:(Get|List|Describe)[A-Za-z]+", action), operation
    elbv2 = services["elbv2"].operations
    assert elbv2["elbv2:DescribeSSLPolicies"] == "elasticloadbalancing:DescribeSSLPolicies"
    everything = {op for s in SERVICES for op in s.operations}
    assert not [op for op in everything if op.endswith(("GetSecretValue", "BatchGetSecretValue"))]
    assert "secretsmanager:GetSecretValue" not in AwsCollector.permissions


# What is collected ----------------------------------------------------------------------------


def test_every_data_service_resource_has_its_id_shape_and_no_errors(collected: Collected) -> None:
    assert collected.errors == []
    assert {r.type for r in _mine(collected)} == set(ID_PATTERNS)
    for r in _mine(collected):
        assert (r.provider, r.source, r.account) == ("aws", "aws", ACCOUNT), r.id
        assert r.errors == [], r.id
        match = re.match(ID_PATTERNS[r.type], r.id)
        assert match, f"{r.type} id {r.id}"
        assert r.region == ("global" if r.type in GLOBAL_TYPES else match["region"]), r.id
        assert r.region == "global" or r.region in REGIONS
        assert r.name, r.id
        assert not {"Tags", "TagList", "ResponseMetadata"} & set(r.config), r.id


def test_rds(collected: Collected) -> None:
    ehr = collected.named("AWS::RDS::DBInstance", "carebridge-ehr-primary")
    assert ehr.id == ehr.config["DBInstanceArn"] and ehr.region == "us-east-1"
    assert ehr.tags == {"Team": "data-platform"}
    assert {
        "StorageEncrypted": True,
        "PubliclyAccessible": False,
        "BackupRetentionPeriod": 35,
        "DeletionProtection": True,
        "MultiAZ": True,
        "AutoMinorVersionUpgrade": True,
        "IAMDatabaseAuthenticationEnabled": True,
    }.items() <= ehr.config.items()
    assert ehr.config["KmsKeyId"].startswith("arn:aws:kms:us-east-1:")
    eu = collected.named("AWS::RDS::DBInstance", "carebridge-eu-clinic-db")
    assert eu.region == "eu-west-1" and eu.config["MultiAZ"] is False
    aurora = collected.named("AWS::RDS::DBCluster", "carebridge-scheduling-aurora")
    assert aurora.id == aurora.config["DBClusterArn"] and aurora.config["StorageEncrypted"] is True
    # manual snapshots only, each with its restore attribute
    snapshots = {r.name: r for r in collected.of_type("AWS::RDS::DBSnapshot")}
    assert set(snapshots) == {
        "carebridge-ehr-pre-migration",
        "carebridge-ehr-for-billing-partner",
        "carebridge-reporting-export",
    }
    assert all(s.config["SnapshotType"] == "manual" for s in snapshots.values())
    public = snapshots["carebridge-reporting-export"].config["DBSnapshotAttributesResult"]
    assert public == {
        "DBSnapshotIdentifier": "carebridge-reporting-export",
        "DBSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": ["all"]}],
    }
    shared = collected.named("AWS::RDS::DBClusterSnapshot", "carebridge-video-metadata-share").config
    assert shared["DBClusterSnapshotAttributesResult"]["DBClusterSnapshotAttributes"] == [
        {"AttributeName": "restore", "AttributeValues": ["all"]}
    ]


def test_dynamodb(collected: Collected) -> None:
    appointments = collected.named("AWS::DynamoDB::Table", "carebridge-appointments")
    assert set(appointments.config) == {"TableName", "Table", "ContinuousBackupsDescription"}
    assert appointments.id == appointments.config["Table"]["TableArn"]
    assert appointments.config["Table"]["SSEDescription"]["SSEType"] == "KMS"
    pitr = appointments.config["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]
    assert pitr["PointInTimeRecoveryStatus"] == "ENABLED"
    cache = collected.named("AWS::DynamoDB::Table", "carebridge-session-cache").config
    assert "SSEDescription" not in cache["Table"]  # AWS owned key: the API says nothing
    assert cache["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"] == {
        "PointInTimeRecoveryStatus": "DISABLED"
    }


def test_kms_keys_are_customer_keys_named_by_alias(collected: Collected) -> None:
    keys = collected.of_type("AWS::KMS::Key")
    assert {k.region for k in keys} == set(REGIONS)
    assert all(k.config["KeyMetadata"]["KeyManager"] == "CUSTOMER" for k in keys)
    phi = [k for k in keys if k.name == "alias/carebridge-phi"]
    assert len(phi) == 3
    use1 = next(k for k in phi if k.region == "us-east-1")
    assert set(use1.config) == {"KeyId", "KeyArn", "KeyMetadata", "Aliases", "KeyRotationStatus"}
    assert use1.id == use1.config["KeyArn"] == use1.config["KeyMetadata"]["Arn"]
    assert [a["AliasName"] for a in use1.config["Aliases"]] == ["alias/carebridge-phi"]
    assert use1.config["KeyRotationStatus"]["KeyRotationEnabled"] is True
    assert next(k for k in phi if k.region == "us-west-2").config["KeyRotationStatus"]["KeyRotationEnabled"] is False
    legacy = collected.named("AWS::KMS::Key", "alias/carebridge-legacy-emr").config["KeyMetadata"]
    assert legacy["KeyState"] == "PendingDeletion" and legacy["DeletionDate"]
    signing = [k for k in keys if k.config["KeyMetadata"]["KeySpec"] == "RSA_2048"]
    assert [k.name for k in signing] == [signing[0].config["KeyId"]]  # no alias: named by its id
    assert signing[0].config["Aliases"] == []


def test_log_groups_keep_the_api_vocabulary(collected: Collected) -> None:
    audit = collected.named("AWS::Logs::LogGroup", "/carebridge/ehr/audit")
    assert audit.id == f"arn:aws:logs:us-east-1:{ACCOUNT}:log-group:/carebridge/ehr/audit"
    assert audit.config["retentionInDays"] == 2192 and audit.config["kmsKeyId"].startswith("arn:aws:kms:")
    forever = collected.named("AWS::Logs::LogGroup", "/carebridge/video/transcoder").config
    assert "retentionInDays" not in forever and "kmsKeyId" not in forever


def test_vpcs_carry_their_own_flow_logs(collected: Collected) -> None:
    vpcs = collected.of_type("AWS::EC2::VPC")
    assert sorted(v.region for v in vpcs) == sorted(REGIONS * 2)  # the default VPC and the company's
    prod = collected.named("AWS::EC2::VPC", "carebridge-prod-use1")
    assert prod.tags == {"Name": "carebridge-prod-use1"} and prod.config["IsDefault"] is False
    (flow_log,) = prod.config["FlowLogs"]
    assert flow_log["ResourceId"] == prod.config["VpcId"] and flow_log["TrafficType"] == "ALL"
    assert collected.named("AWS::EC2::VPC", "carebridge-video-usw2").config["FlowLogs"] == []
    (eu_flow,) = collected.named("AWS::EC2::VPC", "carebridge-eu-clinic").config["FlowLogs"]
    assert eu_flow["TrafficType"] == "REJECT"


def test_load_balancers_with_listeners_attributes_and_policies(collected: Collected) -> None:
    portal = collected.named("AWS::ElasticLoadBalancingV2::LoadBalancer", "carebridge-patient-portal")
    config = portal.config
    assert config["Type"] == "application" and portal.id == config["LoadBalancerArn"]
    assert sorted((x["Protocol"], x["Port"]) for x in config["Listeners"]) == [("HTTP", 80), ("HTTPS", 443)]
    attributes = {a["Key"]: a["Value"] for a in config["Attributes"]}
    assert attributes["access_logs.s3.enabled"] == "true"
    (policy,) = config["SslPolicies"]  # only the HTTPS listener's policy is described
    assert policy["Name"] == "ELBSecurityPolicy-TLS13-1-2-2021-06"
    assert set(policy["SslProtocols"]) == {"TLSv1.2", "TLSv1.3"}
    admin = collected.named("AWS::ElasticLoadBalancingV2::LoadBalancer", "carebridge-clinic-admin").config
    assert "TLSv1" in admin["SslPolicies"][0]["SslProtocols"]
    hl7 = collected.named("AWS::ElasticLoadBalancingV2::LoadBalancer", "carebridge-eu-hl7-gateway")
    assert hl7.region == "eu-west-1" and hl7.config["Type"] == "network"


def test_cloudfront_distributions_are_global_and_named_by_alias(collected: Collected) -> None:
    distributions = {d.config["Comment"]: d for d in collected.of_type("AWS::CloudFront::Distribution")}
    assert set(distributions) == {"portal.carebridge.example", "www.carebridge.example", "video.carebridge.example"}
    portal = distributions["portal.carebridge.example"]
    assert portal.name == "portal.carebridge.example"  # its alternate domain name
    assert portal.region == "global" and portal.id == portal.config["ARN"]
    assert portal.config["ViewerCertificate"]["MinimumProtocolVersion"] == "TLSv1.2_2021"
    assert portal.config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
    marketing = distributions["www.carebridge.example"]
    assert marketing.name.endswith(".cloudfront.net")  # no alternate domain name without a certificate
    assert marketing.config["ViewerCertificate"]["CloudFrontDefaultCertificate"] is True


def test_topics_queues_and_secrets(collected: Collected) -> None:
    topic = collected.named("AWS::SNS::Topic", "carebridge-appointment-reminders")
    assert set(topic.config) == {"TopicArn", "Attributes"} and topic.config["Attributes"]["KmsMasterKeyId"]
    assert "KmsMasterKeyId" not in collected.named("AWS::SNS::Topic", "carebridge-ops-alerts").config["Attributes"]
    queue = collected.named("AWS::SQS::Queue", "carebridge-fax-ingest")
    assert queue.config["QueueUrl"].endswith(f"/{ACCOUNT}/carebridge-fax-ingest")
    assert queue.id == queue.config["Attributes"]["QueueArn"]
    assert queue.config["Attributes"]["SqsManagedSseEnabled"] == "false"
    secret = collected.named("AWS::SecretsManager::Secret", "carebridge/ehr-db/master")
    assert secret.id == secret.config["ARN"]
    assert secret.config["RotationEnabled"] is True and secret.config["RotationRules"] == {"AutomaticallyAfterDays": 30}
    assert secret.config["LastRotatedDate"].endswith("Z")


def test_no_secret_value_reaches_a_resource(collected: Collected) -> None:
    text = "\n".join(collected.lines)
    assert "demo-secret-value-" not in text  # the seeded SecretStrings
    assert "demo-only-not-a-real-password" not in text  # the seeded database master passwords
    for secret in collected.of_type("AWS::SecretsManager::Secret"):
        assert not set(secret.config) & set(secretsmanager.VALUE_FIELDS)


def test_backup_plans_and_vaults(collected: Collected) -> None:
    (plan,) = collected.of_type("AWS::Backup::BackupPlan")
    assert plan.name == "carebridge-dev-scratch" and plan.id == plan.config["BackupPlanArn"]
    assert plan.config["BackupPlan"]["Rules"][0]["Lifecycle"] == {"DeleteAfterDays": 1}
    vaults = {v.name: v for v in collected.of_type("AWS::Backup::BackupVault")}
    assert vaults["carebridge-phi-vault"].config["Locked"] is True
    assert vaults["carebridge-phi-vault"].config["EncryptionKeyArn"].startswith("arn:aws:kms:us-east-1:")
    assert vaults["Default"].region == "us-west-2" and vaults["Default"].config["Locked"] is False


def test_given_regions_narrow_the_data_services(telehealth: Seeded) -> None:
    eu = collect(regions=["eu-west-1"])
    assert eu.errors == []
    assert {r.region for r in _mine(eu)} == {"eu-west-1", "global"}
    assert {r.name for r in eu.of_type("AWS::RDS::DBInstance")} == {"carebridge-eu-clinic-db"}
    assert len(eu.of_type("AWS::CloudFront::Distribution")) == 3  # global: collected whatever the regions


# Expectations -------------------------------------------------------------------------------


def test_every_data_service_expectation_holds(telehealth: Seeded, collected: Collected) -> None:
    mine = [e for e in telehealth.expectations if e.check_id in checks(collected)]
    assert len(mine) > 80
    wrong = []
    for e in mine:
        assert e.resource_id in collected.resources, f"{e.check_id}: {e.resource_id} was not collected"
        actual = judge(collected, e.check_id, collected.resources[e.resource_id])
        if actual != e.status:
            wrong.append(
                f"{e.check_id} {e.resource_id}: expected {e.status}, collected data says {actual} ({e.reason})"
            )
    assert wrong == []


def test_the_telehealth_company_covers_every_data_service_check_both_ways(
    telehealth: Seeded, collected: Collected
) -> None:
    seen: dict[str, set[str]] = {}
    for e in telehealth.expectations:
        if e.check_id in checks(collected):
            seen.setdefault(e.check_id, set()).add(e.status)
            assert e.reason
    assert set(seen) == set(checks(collected))
    assert len(seen) >= 22
    assert {c for c, statuses in seen.items() if statuses != {"pass", "fail"}} == ONE_PER_ACCOUNT
    assert all(seen[c] == {"fail"} for c in ONE_PER_ACCOUNT)


# Failed reads -------------------------------------------------------------------------------


def fail_when(session: boto3.Session, event: str, body_contains: str, code: str = "AccessDenied") -> None:
    """Like conftest.fail_call, but only for requests whose body names `body_contains` (JSON and
    query protocols carry the resource in the body, not the URL)."""

    def handler(params: dict[str, Any], **_: Any) -> Any:
        body = params.get("body") or b""
        text = body.decode() if isinstance(body, bytes) else str(body)
        if body_contains not in text:
            return None
        error = {"Error": {"Code": code, "Message": "not authorized"}, "ResponseMetadata": {"HTTPStatusCode": 403}}
        return AWSResponse(params.get("url", ""), 403, {}, None), error

    session.events.register(event, handler)


@pytest.mark.parametrize(
    ("event", "body", "rtype", "name", "key", "api"),
    [
        (
            "before-call.rds.DescribeDBSnapshotAttributes",
            "carebridge-reporting-export",
            "AWS::RDS::DBSnapshot",
            "carebridge-reporting-export",
            "DBSnapshotAttributesResult",
            "rds:DescribeDBSnapshotAttributes",
        ),
        (
            "before-call.rds.DescribeDBClusterSnapshotAttributes",
            "carebridge-scheduling-before-upgrade",
            "AWS::RDS::DBClusterSnapshot",
            "carebridge-scheduling-before-upgrade",
            "DBClusterSnapshotAttributesResult",
            "rds:DescribeDBClusterSnapshotAttributes",
        ),
        (
            "before-call.dynamodb.DescribeContinuousBackups",
            "carebridge-appointments",
            "AWS::DynamoDB::Table",
            "carebridge-appointments",
            "ContinuousBackupsDescription",
            "dynamodb:DescribeContinuousBackups",
        ),
        (
            "before-call.dynamodb.DescribeTable",
            "carebridge-session-cache",
            "AWS::DynamoDB::Table",
            "carebridge-session-cache",
            "Table",
            "dynamodb:DescribeTable",
        ),
        (
            "before-call.sqs.GetQueueAttributes",
            "carebridge-fax-ingest",
            "AWS::SQS::Queue",
            "carebridge-fax-ingest",
            "Attributes",
            "sqs:GetQueueAttributes",
        ),
        (
            "before-call.sns.GetTopicAttributes",
            "carebridge-ops-alerts",
            "AWS::SNS::Topic",
            "carebridge-ops-alerts",
            "Attributes",
            "sns:GetTopicAttributes",
        ),
        (
            "before-call.backup.GetBackupPlan",
            "",
            "AWS::Backup::BackupPlan",
            "carebridge-dev-scratch",
            "BackupPlan",
            "backup:GetBackupPlan",
        ),
    ],
)
def test_a_failed_per_resource_read_lands_on_that_resource_only(
    session: boto3.Session, event: str, body: str, rtype: str, name: str, key: str, api: str
) -> None:
    fail_when(session, event, body)
    collected = collect(session)
    assert collected.errors == []
    resource = collected.named(rtype, name)
    assert key not in resource.config
    assert [(e.api, e.code) for e in resource.errors] == [(api, "AccessDenied")]
    others = [r for r in collected.of_type(rtype) if r.id != resource.id]
    assert all(r.errors == [] and key in r.config for r in others)


def test_a_failed_listener_read_skips_the_policies_and_keeps_the_attributes(session: boto3.Session) -> None:
    fail_call(session, "before-call.elastic-load-balancing-v2.DescribeListeners", region="us-east-1")
    collected = collect(session, regions=["us-east-1"])
    portal = collected.named("AWS::ElasticLoadBalancingV2::LoadBalancer", "carebridge-patient-portal")
    assert [e.api for e in portal.errors] == ["elbv2:DescribeListeners"]
    assert "Listeners" not in portal.config and "SslPolicies" not in portal.config
    assert portal.config["Attributes"]


def test_a_failed_policy_read_is_on_each_load_balancer_that_terminates_tls(session: boto3.Session) -> None:
    fail_call(session, "before-call.elastic-load-balancing-v2.DescribeSSLPolicies")
    collected = collect(session)
    lbs = collected.of_type("AWS::ElasticLoadBalancingV2::LoadBalancer")
    assert len(lbs) == 3
    for lb in lbs:
        assert [e.api for e in lb.errors] == ["elbv2:DescribeSSLPolicies"]
        assert "SslPolicies" not in lb.config and lb.config["Listeners"]


def test_a_failed_flow_log_listing_is_on_every_vpc_of_its_region(session: boto3.Session) -> None:
    fail_call(session, "before-call.ec2.DescribeFlowLogs", "UnauthorizedOperation", region="eu-west-1")
    collected = collect(session)
    assert collected.errors == []
    for vpc in collected.of_type("AWS::EC2::VPC"):
        if vpc.region == "eu-west-1":
            assert "FlowLogs" not in vpc.config
            assert [(e.api, e.code) for e in vpc.errors] == [("ec2:DescribeFlowLogs", "UnauthorizedOperation")]
        else:
            assert vpc.errors == [] and isinstance(vpc.config["FlowLogs"], list)


def test_a_failed_alias_listing_keeps_the_keys_with_the_error(session: boto3.Session) -> None:
    fail_call(session, "before-call.kms.ListAliases", region="us-west-2")
    collected = collect(session, regions=["us-west-2"])
    (key,) = collected.of_type("AWS::KMS::Key")
    assert "Aliases" not in key.config and key.name == key.config["KeyId"]
    assert [e.api for e in key.errors] == ["kms:ListAliases"]
    assert key.config["KeyRotationStatus"] == {"KeyRotationEnabled": False}


def test_a_failed_key_description_keeps_the_key_without_its_rotation(session: boto3.Session) -> None:
    fail_call(session, "before-call.kms.DescribeKey", region="us-west-2")
    collected = collect(session, regions=["us-west-2"])
    (key,) = collected.of_type("AWS::KMS::Key")
    assert "KeyMetadata" not in key.config and "KeyRotationStatus" not in key.config
    assert [e.api for e in key.errors] == ["kms:DescribeKey"]


@pytest.mark.parametrize(
    ("event", "service", "api", "types"),
    [
        ("before-call.rds.DescribeDBInstances", "rds", "rds:DescribeDBInstances", ["AWS::RDS::DBInstance"]),
        ("before-call.rds.DescribeDBSnapshots", "rds", "rds:DescribeDBSnapshots", ["AWS::RDS::DBSnapshot"]),
        ("before-call.dynamodb.ListTables", "dynamodb", "dynamodb:ListTables", ["AWS::DynamoDB::Table"]),
        ("before-call.kms.ListKeys", "kms", "kms:ListKeys", ["AWS::KMS::Key"]),
        ("before-call.cloudwatch-logs.DescribeLogGroups", "logs", "logs:DescribeLogGroups", ["AWS::Logs::LogGroup"]),
        ("before-call.ec2.DescribeVpcs", "vpc", "ec2:DescribeVpcs", ["AWS::EC2::VPC"]),
        (
            "before-call.elastic-load-balancing-v2.DescribeLoadBalancers",
            "elbv2",
            "elbv2:DescribeLoadBalancers",
            ["AWS::ElasticLoadBalancingV2::LoadBalancer"],
        ),
        ("before-call.sns.ListTopics", "sns", "sns:ListTopics", ["AWS::SNS::Topic"]),
        ("before-call.sqs.ListQueues", "sqs", "sqs:ListQueues", ["AWS::SQS::Queue"]),
        (
            "before-call.secrets-manager.ListSecrets",
            "secretsmanager",
            "secretsmanager:ListSecrets",
            ["AWS::SecretsManager::Secret"],
        ),
        ("before-call.backup.ListBackupVaults", "backup", "backup:ListBackupVaults", ["AWS::Backup::BackupVault"]),
    ],
)
def test_a_failed_regional_listing_is_one_collection_error_for_its_types(
    session: boto3.Session, event: str, service: str, api: str, types: list[str]
) -> None:
    fail_call(session, event, region="eu-west-1")
    collected = collect(session)
    assert [(e.service, e.region, e.api, e.resource_types) for e in collected.errors] == [
        (service, "eu-west-1", api, types)
    ]
    for rtype in types:
        assert "eu-west-1" not in {r.region for r in collected.of_type(rtype)}
    # the service's other listings in that region went on
    if service == "rds" and types == ["AWS::RDS::DBInstance"]:
        assert len(collected.of_type("AWS::RDS::DBSnapshot")) == 3


def test_a_failed_distribution_listing_is_a_global_collection_error(session: boto3.Session) -> None:
    fail_call(session, "before-call.cloudfront.ListDistributions")
    collected = collect(session, regions=["us-east-1"])
    assert [(e.service, e.region, e.api) for e in collected.errors] == [
        ("cloudfront", "global", "cloudfront:ListDistributions")
    ]
    assert collected.of_type("AWS::CloudFront::Distribution") == []


# Stubbed: what moto cannot answer as AWS does ------------------------------------------------


def _stubbed_context(service: Any, client_name: str) -> tuple[Context, Stubber, ListSink]:
    """The Context of one task of `service` (in us-east-1, or global) whose `client_name`
    client is a real botocore client with a Stubber."""
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    clients = ClientFactory(session)
    client = session.client(client_name, region_name="us-east-1")
    clients._clients[(client_name, "us-east-1")] = client
    sink = ListSink()
    ctx = Context(
        service=service,
        region="us-east-1" if service.regional else GLOBAL,
        account=ACCOUNT,
        partition="aws",
        regions=("us-east-1",),
        clients=clients,
        recorder=Recorder(sink, ACCOUNT),
        items=ThreadPoolExecutor(1),
    )
    return ctx, Stubber(client), sink


def _key_metadata(key_id: str, manager: str, spec: str = "SYMMETRIC_DEFAULT") -> dict[str, Any]:
    return {
        "KeyMetadata": {
            "AWSAccountId": ACCOUNT,
            "KeyId": key_id,
            "Arn": f"arn:aws:kms:us-east-1:{ACCOUNT}:key/{key_id}",
            "KeyManager": manager,
            "KeySpec": spec,
            "KeyState": "Enabled",
            "Origin": "AWS_KMS",
        }
    }


def test_aws_managed_keys_are_left_out_and_unsupported_rotation_is_null(aws_env: None) -> None:
    ctx, stub, sink = _stubbed_context(kms.SERVICE, "kms")
    aws_key, signing = "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222"
    arn = f"arn:aws:kms:us-east-1:{ACCOUNT}:key/"
    stub.add_response(
        "list_keys",
        {
            "Keys": [{"KeyId": aws_key, "KeyArn": arn + aws_key}, {"KeyId": signing, "KeyArn": arn + signing}],
            "Truncated": False,
        },
    )
    stub.add_response(
        "list_aliases",
        {"Aliases": [{"AliasName": "alias/aws/s3", "TargetKeyId": aws_key}, {"AliasName": "alias/no-target"}]},
    )
    stub.add_response("describe_key", _key_metadata(aws_key, "AWS"), {"KeyId": aws_key})
    stub.add_response("describe_key", _key_metadata(signing, "CUSTOMER", "ECC_NIST_P256"), {"KeyId": signing})
    stub.add_client_error(
        "get_key_rotation_status",
        service_error_code="UnsupportedOperationException",
        service_message="ECC_NIST_P256 key does not support key rotation",
        expected_params={"KeyId": signing},
    )
    with stub:
        kms.collect(ctx)
        stub.assert_no_pending_responses()
    (key,) = sink.resources  # the AWS managed key is not written
    assert key.id == arn + signing and key.name == signing
    assert key.config["KeyRotationStatus"] is None  # "there is none": rotation does not exist for it
    assert key.config["Aliases"] == [] and key.errors == []


def test_distributions_are_read_across_pages(aws_env: None) -> None:
    ctx, stub, sink = _stubbed_context(cloudfront.SERVICE, "cloudfront")

    def summary(distribution_id: str) -> dict[str, Any]:
        return {
            "Id": distribution_id,
            "ARN": f"arn:aws:cloudfront::{ACCOUNT}:distribution/{distribution_id}",
            "Status": "Deployed",
            "LastModifiedTime": "2026-11-01T00:00:00Z",
            "DomainName": f"{distribution_id.lower()}.cloudfront.net",
            "Aliases": {"Quantity": 0},
            "Origins": {"Quantity": 1, "Items": [{"Id": "o", "DomainName": "origin.example.com"}]},
            "DefaultCacheBehavior": {"TargetOriginId": "o", "ViewerProtocolPolicy": "https-only"},
            "CacheBehaviors": {"Quantity": 0},
            "CustomErrorResponses": {"Quantity": 0},
            "Comment": "",
            "PriceClass": "PriceClass_All",
            "Enabled": True,
            "ViewerCertificate": {"CloudFrontDefaultCertificate": True},
            "Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}},
            "WebACLId": "",
            "HttpVersion": "http2",
            "IsIPV6Enabled": True,
            "Staging": False,
        }

    page = {"Marker": "", "MaxItems": 1, "Quantity": 1}
    stub.add_response(
        "list_distributions",
        {"DistributionList": {**page, "IsTruncated": True, "NextMarker": "E2", "Items": [summary("E1")]}},
    )
    stub.add_response(
        "list_distributions",
        {"DistributionList": {**page, "Marker": "E2", "IsTruncated": False, "Items": [summary("E2")]}},
        {"Marker": "E2"},
    )
    with stub:
        cloudfront.collect(ctx)
        stub.assert_no_pending_responses()
    assert sorted(r.config["Id"] for r in sink.resources) == ["E1", "E2"]
    assert {r.region for r in sink.resources} == {"global"}
    assert all(r.name.endswith(".cloudfront.net") for r in sink.resources)
    assert json.dumps(sink.resources[0].config["LastModifiedTime"]) == '"2026-11-01T00:00:00Z"'
