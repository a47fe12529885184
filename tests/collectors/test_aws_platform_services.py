"""The platform-service collectors (issue 3, part B) against the demo telehealth company in moto:
what they write (docs/resources/aws.md), that no secret value is ever read into
a bundle, and where a failed call is recorded. Answers moto cannot give (real AWS shapes and
error codes, pagination, fields moto leaves out) are tested with botocore's Stubber, so the
collector's own code runs against them.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

import pytest
from botocore import xform_name
from botocore.stub import Stubber

from attestkit.collectors.aws import AwsCollector
from attestkit.collectors.aws.context import Context, Recorder, Service
from attestkit.collectors.aws.session import ClientFactory
from attestkit.collectors.aws.services import (
    acm,
    awsconfig,
    awslambda,
    ec2_compute,
    ecr,
    ecs,
    elasticache,
    guardduty,
    iam_policies,
    securityhub,
)
from attestkit.demo.aws_company import REGIONS
from attestkit.demo.aws_company_platform_services import SECRET_MARKERS
from tests.collectors.conftest import Collected, Seeded, collect, fail_call, new_session
from tests.fixtures.collected import ListSink

ACCOUNT = "123456789012"
USE1, USW2, EUW1 = REGIONS

ID_PATTERNS = {
    "AWS::GuardDuty::Detector": rf"^arn:aws:guardduty:(?P<region>[a-z0-9-]+):{ACCOUNT}:detector$",
    "AWS::Config::ConfigurationRecorder": rf"^arn:aws:config:(?P<region>[a-z0-9-]+):{ACCOUNT}:configuration-recorder$",
    "AWS::SecurityHub::Hub": rf"^arn:aws:securityhub:(?P<region>[a-z0-9-]+):{ACCOUNT}:hub/default$",
    "AWS::CertificateManager::Certificate": rf"^arn:aws:acm:(?P<region>[a-z0-9-]+):{ACCOUNT}:certificate/[0-9a-f-]+$",
    "AWS::Lambda::Function": rf"^arn:aws:lambda:(?P<region>[a-z0-9-]+):{ACCOUNT}:function:[\w-]+$",
    "AWS::EFS::FileSystem": rf"^arn:aws:elasticfilesystem:(?P<region>[a-z0-9-]+):{ACCOUNT}:file-system/fs-[0-9a-f]+$",
    "AWS::ECR::Repository": rf"^arn:aws:ecr:(?P<region>[a-z0-9-]+):{ACCOUNT}:repository/[\w./-]+$",
    "AWS::ElastiCache::ReplicationGroup": rf"^arn:aws:elasticache:(?P<region>[a-z0-9-]+):{ACCOUNT}:replicationgroup:[\w-]+$",
    "AWS::ElastiCache::CacheCluster": rf"^arn:aws:elasticache:(?P<region>[a-z0-9-]+):{ACCOUNT}:cluster:[\w-]+$",
    "AWS::OpenSearchService::Domain": rf"^arn:aws:es:(?P<region>[a-z0-9-]+):{ACCOUNT}:domain/[a-z0-9-]+$",
    "AWS::Redshift::Cluster": rf"^arn:aws:redshift:(?P<region>[a-z0-9-]+):{ACCOUNT}:cluster:[a-z0-9-]+$",
    "AWS::EC2::Instance": rf"^arn:aws:ec2:(?P<region>[a-z0-9-]+):{ACCOUNT}:instance/i-[0-9a-f]+$",
    "AWS::EC2::Snapshot": rf"^arn:aws:ec2:(?P<region>[a-z0-9-]+):{ACCOUNT}:snapshot/snap-[0-9a-f]+$",
    "AWS::EC2::Image": rf"^arn:aws:ec2:(?P<region>[a-z0-9-]+):{ACCOUNT}:image/ami-[0-9a-f]+$",
    "AWS::IAM::ManagedPolicy": rf"^arn:aws:iam::{ACCOUNT}:policy/[\w+=,.@/-]+$",
    "AWS::SSM::Parameter": rf"^arn:aws:ssm:(?P<region>[a-z0-9-]+):{ACCOUNT}:parameter/[\w./-]+$",
    "AWS::ECS::TaskDefinition": rf"^arn:aws:ecs:(?P<region>[a-z0-9-]+):{ACCOUNT}:task-definition/[\w-]+$",
}
PER_REGION = ("AWS::GuardDuty::Detector", "AWS::Config::ConfigurationRecorder", "AWS::SecurityHub::Hub")

SECRET_READERS = {
    "ec2:DescribeInstanceAttribute",  # user data
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
    "ssm:GetParameterHistory",
    "secretsmanager:GetSecretValue",
    "lambda:GetFunction",  # environment values and a code download URL
    "lambda:GetFunctionConfiguration",  # environment values
}


# --- what the collector writes (moto) -----------------------------------------------------------


@pytest.fixture(scope="module")
def recorded(telehealth: Seeded) -> tuple[Collected, set[str]]:
    """The telehealth company collected, with every `service:Operation` called."""
    calls: set[str] = set()
    lock = threading.Lock()

    def record(model: Any, **_: Any) -> None:
        with lock:
            calls.add(f"{model.service_model.service_name}:{model.name}")

    session = new_session()
    session.events.register("before-call", record)
    return collect(session), calls


@pytest.fixture(scope="module")
def collected(recorded: tuple[Collected, set[str]]) -> Collected:
    return recorded[0]


def _named(collected: Collected, rtype: str, name: str) -> Any:
    return collected.named(rtype, name)


def _by_region(collected: Collected, rtype: str) -> dict[str, Any]:
    return {r.region: r for r in collected.of_type(rtype)}


def test_every_platform_type_is_collected_with_its_id_shape(collected: Collected) -> None:
    assert collected.errors == []
    assert set(ID_PATTERNS) <= set(AwsCollector.resource_types)
    for rtype, pattern in ID_PATTERNS.items():
        resources = collected.of_type(rtype)
        assert resources, rtype
        for r in resources:
            match = re.match(pattern, r.id)
            assert match, f"{rtype} id {r.id}"
            assert r.region == match.groupdict().get("region", "global"), r.id
            assert r.errors == [], r.id
            assert not {"Tags", "TagList", "tags"} & set(r.config), r.id
            assert (r.provider, r.source, r.account) == ("aws", "aws", ACCOUNT)


def test_per_region_settings_exist_in_every_region_whether_on_or_not(collected: Collected) -> None:
    for rtype in PER_REGION:
        assert set(_by_region(collected, rtype)) == set(REGIONS), rtype
    detectors = {
        region: r.config["Detectors"] for region, r in _by_region(collected, "AWS::GuardDuty::Detector").items()
    }
    assert [d["Status"] for d in detectors[USE1]] == ["ENABLED"]
    assert [d["Status"] for d in detectors[USW2]] == ["DISABLED"]
    assert detectors[EUW1] == []
    assert set(detectors[USE1][0]) >= {"DetectorId", "Status", "FindingPublishingFrequency", "ServiceRole"}
    assert _by_region(collected, "AWS::GuardDuty::Detector")[USE1].tags == {"Team": "security"}
    hubs = {region: r.config for region, r in _by_region(collected, "AWS::SecurityHub::Hub").items()}
    assert hubs[USE1]["Hub"]["HubArn"] == f"arn:aws:securityhub:{USE1}:{ACCOUNT}:hub/default"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", hubs[USE1]["Hub"]["SubscribedAt"])
    assert hubs[USW2] == hubs[EUW1] == {"Hub": None}
    recorders = {region: r.config for region, r in _by_region(collected, "AWS::Config::ConfigurationRecorder").items()}
    assert recorders[EUW1] == {"ConfigurationRecorders": [], "ConfigurationRecordersStatus": []}
    (rec,) = recorders[USE1]["ConfigurationRecorders"]
    assert rec["name"] == "default" and rec["recordingGroup"]["allSupported"] is True
    assert recorders[USE1]["ConfigurationRecordersStatus"][0]["recording"] is True
    assert recorders[USW2]["ConfigurationRecorders"][0]["recordingGroup"]["allSupported"] is False


def test_lambda_environment_keeps_names_never_values(collected: Collected) -> None:
    parser = _named(collected, "AWS::Lambda::Function", "carebridge-hl7-legacy-parser").config
    assert parser["Environment"] == {"VariableNames": ["DB_PASSWORD"]}
    assert parser["Runtime"] == "python3.8" and "KMSKeyArn" not in parser
    assert parser["Policy"] is None
    reminders = _named(collected, "AWS::Lambda::Function", "carebridge-appointment-reminders").config
    assert reminders["Environment"] == {"VariableNames": ["REMINDER_WINDOW_HOURS", "SMS_API_TOKEN"]}
    assert reminders["KMSKeyArn"].startswith(f"arn:aws:kms:{USE1}:{ACCOUNT}:key/")
    (statement,) = reminders["Policy"]["Statement"]  # parsed from GetPolicy's JSON string
    assert statement["Principal"] == {"Service": "s3.amazonaws.com"} and statement["Condition"]
    webhook = _named(collected, "AWS::Lambda::Function", "carebridge-video-webhook").config
    assert "Environment" not in webhook
    assert webhook["Policy"]["Statement"][0]["Principal"] == "*"


def test_ecs_keeps_environment_names_never_values_and_the_latest_active_revision(collected: Collected) -> None:
    portal = _named(collected, "AWS::ECS::TaskDefinition", "carebridge-patient-portal")
    assert portal.id == f"arn:aws:ecs:{USE1}:{ACCOUNT}:task-definition/carebridge-patient-portal"
    definition = portal.config["taskDefinition"]
    assert definition["taskDefinitionArn"].endswith(":2") and definition["revision"] == 2
    (container,) = definition["containerDefinitions"]
    assert container["environment"] == [{"name": "LOG_LEVEL"}, {"name": "PORTAL_BASE_URL"}]
    assert [s["name"] for s in container["secrets"]] == ["DB_PASSWORD", "SESSION_SIGNING_KEY"]
    assert all(s["valueFrom"].startswith(f"arn:aws:secretsmanager:{USE1}:") for s in container["secrets"])
    transcoder = _named(collected, "AWS::ECS::TaskDefinition", "carebridge-video-transcoder").config
    env = transcoder["taskDefinition"]["containerDefinitions"][0]["environment"]
    assert env == [{"name": "VIDEO_API_TOKEN"}, {"name": "OUTPUT_FORMAT"}]


def test_no_seeded_secret_reaches_what_the_collector_writes(collected: Collected) -> None:
    text = "\n".join(collected.lines)
    assert [marker for marker in SECRET_MARKERS if marker in text] == []
    assert "DB_PASSWORD" in text and "VIDEO_API_TOKEN" in text  # the names are there: the test can fail
    assert "Demo-Passw0rd-not-secret" not in text  # the Redshift master password


def test_secret_reading_apis_are_never_called(recorded: tuple[Collected, set[str]]) -> None:
    _, calls = recorded
    assert calls & SECRET_READERS == set()
    assert {
        "ecs:DescribeTaskDefinition",
        "lambda:ListFunctions",
        "ssm:DescribeParameters",
        "ec2:DescribeInstances",
    } <= calls


def test_ssm_parameters_are_metadata_only(collected: Collected) -> None:
    parameters = {r.name: r for r in collected.of_type("AWS::SSM::Parameter")}
    assert set(parameters) == {
        "/carebridge/prod/sms/api-token",
        "/carebridge/prod/ehr/db-password",
        "/carebridge/prod/portal/base-url",
        "/carebridge/eu/intake/signing-key",
    }
    for r in parameters.values():
        assert "Value" not in r.config and {"Name", "Type"} <= set(r.config)
    password = parameters["/carebridge/prod/ehr/db-password"]
    assert password.id == f"arn:aws:ssm:{USE1}:{ACCOUNT}:parameter/carebridge/prod/ehr/db-password"
    assert password.config["Type"] == "String"
    assert parameters["/carebridge/prod/sms/api-token"].config["KeyId"].startswith("arn:aws:kms:")


def test_instances_snapshots_and_images(collected: Collected) -> None:
    web = _named(collected, "AWS::EC2::Instance", "carebridge-portal-web").config
    assert web["MetadataOptions"]["HttpTokens"] == "required" and web["PublicIpAddress"]
    relay = _named(collected, "AWS::EC2::Instance", "carebridge-fax-relay").config
    assert relay["MetadataOptions"]["HttpTokens"] == "optional" and "PublicIpAddress" not in relay
    assert "UserData" not in web
    snapshots = {r.name: r.config for r in collected.of_type("AWS::EC2::Snapshot")}
    assert snapshots["carebridge-video-index-export"]["CreateVolumePermissions"] == [{"Group": "all"}]
    assert snapshots["carebridge-dr-copy"]["CreateVolumePermissions"] == [{"UserId": "210987654321"}]
    assert snapshots["carebridge-ehr-db-nightly"]["CreateVolumePermissions"] == []
    assert all(s["OwnerId"] == ACCOUNT and "SnapshotId" in s for s in snapshots.values())
    images = {r.name: r.config for r in collected.of_type("AWS::EC2::Image")}
    assert images["carebridge-transcoder-base"]["Public"] is True
    assert images["carebridge-portal-golden"]["Public"] is False


def test_managed_policies_carry_their_default_version_document(collected: Collected) -> None:
    policies = {r.name: r for r in collected.of_type("AWS::IAM::ManagedPolicy")}
    assert set(policies) == {"carebridge-phi-bucket-read", "carebridge-break-glass-admin", "carebridge-deploy-pipeline"}
    assert all(r.region == "global" for r in policies.values())
    deploy = policies["carebridge-deploy-pipeline"].config
    assert deploy["DefaultVersionId"] == deploy["PolicyVersion"]["VersionId"] == "v2"
    assert deploy["PolicyVersion"]["Document"]["Statement"][0]["Action"] == ["ecs:UpdateService", "ecr:PutImage"]
    admin = policies["carebridge-break-glass-admin"].config["PolicyVersion"]["Document"]
    assert admin["Statement"] == [{"Effect": "Allow", "Action": "*", "Resource": "*"}]


def test_repositories_caches_domains_warehouses_and_certificates(collected: Collected) -> None:
    legacy = _named(collected, "AWS::ECR::Repository", "carebridge/legacy-hl7").config
    assert legacy["imageScanningConfiguration"] == {"scanOnPush": False}
    assert legacy["imageTagMutability"] == "MUTABLE"
    assert legacy["scanningConfiguration"]["scanType"] == "BASIC"  # the registry's, on each repository
    groups = {r.name: r.config for r in collected.of_type("AWS::ElastiCache::ReplicationGroup")}
    assert groups["carebridge-video-signaling"]["TransitEncryptionEnabled"] is False
    assert groups["carebridge-sessions"]["AtRestEncryptionEnabled"] is True
    (memcached,) = collected.of_type("AWS::ElastiCache::CacheCluster")
    assert memcached.config["Engine"] == "memcached" and memcached.region == EUW1
    logs = _named(collected, "AWS::OpenSearchService::Domain", "carebridge-eu-audit-logs").config
    assert logs["EngineType"] == "OpenSearch"
    assert logs["DomainStatus"]["DomainEndpointOptions"]["TLSSecurityPolicy"] == "Policy-Min-TLS-1-0-2019-07"
    sandbox = _named(collected, "AWS::Redshift::Cluster", "carebridge-bi-sandbox")
    assert (sandbox.config["Encrypted"], sandbox.config["PubliclyAccessible"], sandbox.tags) == (
        False,
        True,
        {"Team": "data"},
    )
    scratch = _named(collected, "AWS::EFS::FileSystem", "carebridge-video-scratch").config
    assert scratch["Encrypted"] is False and "SizeInBytes" not in scratch
    certificates = {r.name: r.config for r in collected.of_type("AWS::CertificateManager::Certificate")}
    fax = certificates["fax-gateway.carebridge.example"]
    assert fax["Certificate"]["Status"] == "ISSUED" and fax["Certificate"]["Type"] == "IMPORTED"
    days = (datetime.fromisoformat(fax["Certificate"]["NotAfter"]) - datetime.now(timezone.utc)).days
    assert 10 <= days <= 13


# --- failures, in moto ---------------------------------------------------------------------------


def _errors_of(r: Any) -> list[tuple[str, str]]:
    return [(e.api, e.code) for e in r.errors]


def test_denied_per_region_reads_are_errors_on_the_setting_never_a_missing_region(telehealth: Seeded) -> None:
    session = new_session()
    fail_call(session, "before-call.guardduty.ListDetectors", "AccessDeniedException", region=EUW1)
    fail_call(session, "before-call.guardduty.GetDetector", "AccessDeniedException", region=USW2)
    fail_call(session, "before-call.securityhub.DescribeHub", "AccessDeniedException", region=USW2)
    fail_call(session, "before-call.config.DescribeConfigurationRecorderStatus", "AccessDeniedException", region=USE1)
    collected = collect(session)
    assert collected.errors == []
    detectors = _by_region(collected, "AWS::GuardDuty::Detector")
    assert set(detectors) == set(REGIONS)
    assert "Detectors" not in detectors[EUW1].config
    assert _errors_of(detectors[EUW1]) == [("guardduty:ListDetectors", "AccessDeniedException")]
    assert "Detectors" not in detectors[USW2].config
    assert _errors_of(detectors[USW2]) == [("guardduty:GetDetector", "AccessDeniedException")]
    assert detectors[USE1].errors == [] and detectors[USE1].config["Detectors"]
    hubs = _by_region(collected, "AWS::SecurityHub::Hub")
    assert hubs[USW2].config == {} and _errors_of(hubs[USW2]) == [("securityhub:DescribeHub", "AccessDeniedException")]
    assert hubs[EUW1].config == {"Hub": None} and hubs[EUW1].errors == []  # not subscribed: a fact, not an error
    recorder = _by_region(collected, "AWS::Config::ConfigurationRecorder")[USE1]
    assert "ConfigurationRecordersStatus" not in recorder.config and recorder.config["ConfigurationRecorders"]


def test_denied_per_item_reads_leave_their_key_absent_with_the_error(telehealth: Seeded) -> None:
    session = new_session()
    failing = {
        "lambda.GetPolicy": ("AWS::Lambda::Function", "Policy"),
        "ec2.DescribeSnapshotAttribute": ("AWS::EC2::Snapshot", "CreateVolumePermissions"),
        "opensearch.DescribeDomain": ("AWS::OpenSearchService::Domain", "DomainStatus"),
        "acm.DescribeCertificate": ("AWS::CertificateManager::Certificate", "Certificate"),
        "iam.GetPolicyVersion": ("AWS::IAM::ManagedPolicy", "PolicyVersion"),
        "ecs.DescribeTaskDefinition": ("AWS::ECS::TaskDefinition", "taskDefinition"),
        "ecr.GetRegistryScanningConfiguration": ("AWS::ECR::Repository", "scanningConfiguration"),
    }
    for event in failing:
        fail_call(session, f"before-call.{event}", "AccessDeniedException")
    collected = collect(session)
    assert collected.errors == []
    for event, (rtype, key) in failing.items():
        api = event.replace(".", ":")
        resources = collected.of_type(rtype)
        assert resources, rtype
        for r in resources:
            assert key not in r.config, (r.id, key)
            assert _errors_of(r) == [(api, "AccessDeniedException")], r.id
    # what the listing gave is still there, and the resource is not dropped
    assert {r.config["family"] for r in collected.of_type("AWS::ECS::TaskDefinition")} == {
        "carebridge-patient-portal",
        "carebridge-video-transcoder",
    }


def test_a_denied_listing_is_a_collection_error_for_its_types_only(telehealth: Seeded) -> None:
    session = new_session()
    fail_call(session, "before-call.ec2.DescribeInstances", "UnauthorizedOperation", region=USE1)
    fail_call(session, "before-call.elasticache.DescribeCacheClusters", "AccessDenied", region=EUW1)
    fail_call(session, "before-call.iam.ListPolicies", "AccessDenied")
    collected = collect(session)
    failed = {(e.service, e.region, e.api, tuple(e.resource_types)) for e in collected.errors}
    assert failed == {
        ("ec2", USE1, "ec2:DescribeInstances", ("AWS::EC2::Instance",)),
        ("elasticache", EUW1, "elasticache:DescribeCacheClusters", ("AWS::ElastiCache::CacheCluster",)),
        ("iam", "global", "iam:ListPolicies", ("AWS::IAM::ManagedPolicy",)),
    }
    assert {r.region for r in collected.of_type("AWS::EC2::Instance")} == set()  # all seeded in us-east-1
    assert USE1 in {r.region for r in collected.of_type("AWS::EC2::Snapshot")}  # same task, other listing
    assert EUW1 not in {r.region for r in collected.of_type("AWS::ElastiCache::CacheCluster")}
    assert {r.region for r in collected.of_type("AWS::ElastiCache::ReplicationGroup")} == {USE1, USW2}
    assert collected.of_type("AWS::IAM::ManagedPolicy") == []
    assert collected.of_type("AWS::IAM::User")  # the other IAM module is untouched


# --- real AWS answers, through botocore's Stubber -----------------------------------------------


class _Stubber(Stubber):
    """A Stubber taking operation names as the API writes them (DescribeHub, not describe_hub)."""

    def add_response(self, method: str, *args: Any, **kwargs: Any) -> None:
        super().add_response(xform_name(method), *args, **kwargs)

    def add_client_error(self, method: str, *args: Any, **kwargs: Any) -> None:
        super().add_client_error(xform_name(method), *args, **kwargs)


class _Stubbed:
    """`stubbed(service)` -> (client, Stubber), activated, from the real ClientFactory the
    collector is handed (`stubbed.clients`)."""

    def __init__(self) -> None:
        self.clients = ClientFactory(new_session(USE1))
        self.stubs: list[Stubber] = []

    def __call__(self, service: str) -> tuple[Any, Stubber]:
        client = self.clients(service, USE1)
        stubber = _Stubber(client)
        stubber.activate()
        self.stubs.append(stubber)
        return client, stubber


@pytest.fixture
def stubbed(aws_env: None) -> Iterator[_Stubbed]:
    """Stubbed clients for one region; every queued response must be consumed by the end."""
    stubs = _Stubbed()
    yield stubs
    for stubber in stubs.stubs:
        stubber.assert_no_pending_responses()
        stubber.deactivate()


def _run(service: Service, clients: ClientFactory, region: str = USE1) -> ListSink:
    """One (service, region) task, per-item reads in order (the Stubber answers in order)."""
    sink = ListSink()
    with ThreadPoolExecutor(1) as items:
        ctx = Context(
            service=service,
            region=region,
            account=ACCOUNT,
            partition="aws",
            regions=(region,),
            clients=clients,
            recorder=Recorder(sink, ACCOUNT),
            items=items,
        )
        service.collect(ctx)
    return sink


def test_stub_security_hub_not_subscribed_denied_and_subscribed(stubbed: Any) -> None:
    client, stub = stubbed("securityhub")
    stub.add_client_error(
        "DescribeHub",
        service_error_code="InvalidAccessException",
        service_message=f"Account {ACCOUNT} is not subscribed to AWS Security Hub",
        http_status_code=401,
    )
    stub.add_client_error("DescribeHub", service_error_code="AccessDeniedException", http_status_code=403)
    stub.add_response(
        "DescribeHub",
        {
            "HubArn": f"arn:aws:securityhub:{USE1}:{ACCOUNT}:hub/default",
            "SubscribedAt": "2024-03-01T12:00:00.000Z",
            "AutoEnableControls": True,
            "ControlFindingGenerator": "SECURITY_CONTROL",
        },
    )
    (off,) = _run(securityhub.SERVICE, stubbed.clients).resources
    assert off.config == {"Hub": None} and off.errors == []
    (denied,) = _run(securityhub.SERVICE, stubbed.clients).resources
    assert denied.config == {} and _errors_of(denied) == [("securityhub:DescribeHub", "AccessDeniedException")]
    (on,) = _run(securityhub.SERVICE, stubbed.clients).resources
    assert on.config["Hub"]["SubscribedAt"] == "2024-03-01T12:00:00Z"
    assert on.id == f"arn:aws:securityhub:{USE1}:{ACCOUNT}:hub/default"


def test_stub_guardduty_pages_of_detectors(stubbed: Any) -> None:
    client, stub = stubbed("guardduty")
    stub.add_response("ListDetectors", {"DetectorIds": ["d1"], "NextToken": "page-2"})
    stub.add_response("ListDetectors", {"DetectorIds": ["d2"]}, {"NextToken": "page-2"})
    for detector, status in (("d1", "DISABLED"), ("d2", "ENABLED")):
        stub.add_response(
            "GetDetector",
            {"ServiceRole": "arn:aws:iam::123456789012:role/gd", "Status": status, "Tags": {"Owner": "secops"}},
            {"DetectorId": detector},
        )
    (setting,) = _run(guardduty.SERVICE, stubbed.clients).resources
    assert [(d["DetectorId"], d["Status"]) for d in setting.config["Detectors"]] == [
        ("d1", "DISABLED"),
        ("d2", "ENABLED"),
    ]
    assert setting.tags == {"Owner": "secops"}
    assert all("Tags" not in d for d in setting.config["Detectors"])


def test_stub_config_recorder_with_a_failed_delivery(stubbed: Any) -> None:
    client, stub = stubbed("config")
    recorder = {
        "name": "default",
        "roleARN": "arn:aws:iam::123456789012:role/config",
        "recordingGroup": {"allSupported": True},
    }
    stub.add_response("DescribeConfigurationRecorders", {"ConfigurationRecorders": [recorder]})
    stub.add_response(
        "DescribeConfigurationRecorderStatus",
        {
            "ConfigurationRecordersStatus": [
                {"name": "default", "recording": True, "lastStatus": "Failure", "lastErrorCode": "AccessDenied"}
            ]
        },
    )
    (setting,) = _run(awsconfig.SERVICE, stubbed.clients).resources
    assert setting.config["ConfigurationRecordersStatus"][0]["lastStatus"] == "Failure"
    assert setting.config["ConfigurationRecorders"] == [recorder]


def test_stub_acm_asks_for_every_key_type(stubbed: Any) -> None:
    client, stub = stubbed("acm")
    arn = f"arn:aws:acm:{USE1}:{ACCOUNT}:certificate/0f0e0d0c-0000-4000-8000-000000000001"
    stub.add_response(
        "ListCertificates",
        {
            "CertificateSummaryList": [
                {"CertificateArn": arn, "DomainName": "api.example.com", "KeyAlgorithm": "EC_prime256v1"}
            ]
        },
        {"Includes": {"keyTypes": list(acm.KEY_TYPES)}},
    )
    stub.add_response(
        "DescribeCertificate",
        {
            "Certificate": {
                "CertificateArn": arn,
                "Status": "ISSUED",
                "NotAfter": datetime(2027, 1, 1, tzinfo=timezone.utc),
                "InUseBy": ["arn:lb"],
            }
        },
        {"CertificateArn": arn},
    )
    (certificate,) = _run(acm.SERVICE, stubbed.clients).resources
    assert certificate.config["Certificate"]["NotAfter"] == "2027-01-01T00:00:00Z"
    assert certificate.config["Certificate"]["InUseBy"] == ["arn:lb"]


def test_stub_lambda_environment_error_and_policy(stubbed: Any) -> None:
    client, stub = stubbed("lambda")
    arn = f"arn:aws:lambda:{USE1}:{ACCOUNT}:function:intake"
    stub.add_response(
        "ListFunctions",
        {
            "Functions": [
                {
                    "FunctionName": "intake",
                    "FunctionArn": arn,
                    "Runtime": "nodejs22.x",
                    "Environment": {
                        "Variables": {"STRIPE_SECRET": "sk_live_never_in_a_bundle", "REGION": "us-east-1"},
                        "Error": {
                            "ErrorCode": "AccessDeniedException",
                            "Message": "Lambda was unable to decrypt sk_live_never_in_a_bundle",
                        },
                    },
                }
            ]
        },
    )
    policy = {
        "Version": "2012-10-17",
        "Statement": [{"Sid": "url", "Effect": "Allow", "Principal": "*", "Action": "lambda:InvokeFunctionUrl"}],
    }
    stub.add_response("GetPolicy", {"Policy": json.dumps(policy), "RevisionId": "r1"}, {"FunctionName": arn})
    (function,) = _run(awslambda.SERVICE, stubbed.clients).resources
    assert function.config["Environment"] == {
        "VariableNames": ["REGION", "STRIPE_SECRET"],
        "Error": {"ErrorCode": "AccessDeniedException"},
    }
    assert "sk_live_never_in_a_bundle" not in function.model_dump_json()
    assert function.config["Policy"] == policy


def test_stub_elasticache_member_clusters_are_judged_through_their_group(stubbed: Any) -> None:
    client, stub = stubbed("elasticache")
    stub.add_response(
        "DescribeReplicationGroups",
        {
            "ReplicationGroups": [
                {
                    "ReplicationGroupId": "sessions",
                    "TransitEncryptionEnabled": True,
                    "TransitEncryptionMode": "preferred",
                    "AtRestEncryptionEnabled": True,
                }
            ]
        },
    )
    stub.add_response(
        "DescribeCacheClusters",
        {
            "CacheClusters": [
                {"CacheClusterId": "sessions-001", "ReplicationGroupId": "sessions", "Engine": "redis"},
                {
                    "CacheClusterId": "ratelimit",
                    "Engine": "memcached",
                    "TransitEncryptionEnabled": False,
                    "AtRestEncryptionEnabled": False,
                },
            ]
        },
    )
    resources = {r.name: r for r in _run(elasticache.SERVICE, stubbed.clients).resources}
    assert set(resources) == {"sessions", "ratelimit"}
    assert resources["sessions"].config["TransitEncryptionMode"] == "preferred"
    assert resources["ratelimit"].id == f"arn:aws:elasticache:{USE1}:{ACCOUNT}:cluster:ratelimit"


def test_stub_ecr_enhanced_registry_scanning_reaches_every_repository(stubbed: Any) -> None:
    client, stub = stubbed("ecr")
    repos = [
        {
            "repositoryArn": f"arn:aws:ecr:{USE1}:{ACCOUNT}:repository/{name}",
            "repositoryName": name,
            "imageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
            "imageScanningConfiguration": {"scanOnPush": False},
        }
        for name in ("prod/api", "dev/api")
    ]
    stub.add_response("DescribeRepositories", {"repositories": repos})
    scanning = {
        "scanType": "ENHANCED",
        "rules": [
            {"scanFrequency": "CONTINUOUS_SCAN", "repositoryFilters": [{"filter": "prod/*", "filterType": "WILDCARD"}]}
        ],
    }
    stub.add_response("GetRegistryScanningConfiguration", {"registryId": ACCOUNT, "scanningConfiguration": scanning})
    resources = _run(ecr.SERVICE, stubbed.clients).resources
    assert [r.config["scanningConfiguration"] for r in resources] == [scanning, scanning]


def test_stub_ecr_without_repositories_reads_no_registry_configuration(stubbed: Any) -> None:
    client, stub = stubbed("ecr")
    stub.add_response("DescribeRepositories", {"repositories": []})
    assert _run(ecr.SERVICE, stubbed.clients).resources == []


def test_stub_ecs_pages_of_families_and_an_inactive_latest_revision(stubbed: Any) -> None:
    client, stub = stubbed("ecs")
    stub.add_response("ListTaskDefinitionFamilies", {"families": ["api"], "nextToken": "t2"}, {"status": "ACTIVE"})
    stub.add_response("ListTaskDefinitionFamilies", {"families": ["retired"]}, {"status": "ACTIVE", "nextToken": "t2"})
    container = {
        "name": "app",
        "image": "app:1",
        "environment": [
            {"name": "DB_PASSWORD", "value": "hunter2-never-in-a-bundle"},
            {"name": "LOG_LEVEL", "value": "info"},
        ],
        "secrets": [{"name": "TOKEN", "valueFrom": f"arn:aws:ssm:{USE1}:{ACCOUNT}:parameter/api/token"}],
        "environmentFiles": [{"value": "arn:aws:s3:::config/app.env", "type": "s3"}],
    }
    stub.add_response(
        "DescribeTaskDefinition",
        {
            "taskDefinition": {
                "taskDefinitionArn": f"arn:aws:ecs:{USE1}:{ACCOUNT}:task-definition/api:7",
                "family": "api",
                "revision": 7,
                "status": "ACTIVE",
                "containerDefinitions": [container],
            }
        },
        {"taskDefinition": "api"},
    )
    stub.add_response(
        "DescribeTaskDefinition",
        {"taskDefinition": {"family": "retired", "revision": 3, "status": "INACTIVE", "containerDefinitions": []}},
        {"taskDefinition": "retired"},
    )
    (task,) = _run(ecs.SERVICE, stubbed.clients).resources
    (written,) = task.config["taskDefinition"]["containerDefinitions"]
    assert written["environment"] == [{"name": "DB_PASSWORD"}, {"name": "LOG_LEVEL"}]
    assert written["secrets"] == container["secrets"] and written["environmentFiles"] == container["environmentFiles"]
    assert "hunter2-never-in-a-bundle" not in task.model_dump_json()


def test_stub_iam_policy_document_given_as_url_encoded_text(stubbed: Any) -> None:
    client, stub = stubbed("iam")
    arn = f"arn:aws:iam::{ACCOUNT}:policy/admin"
    stub.add_response(
        "ListPolicies",
        {"Policies": [{"PolicyName": "admin", "Arn": arn, "DefaultVersionId": "v3", "AttachmentCount": 2}]},
        {"Scope": "Local"},
    )
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
    stub.add_response(
        "GetPolicyVersion",
        {"PolicyVersion": {"Document": quote(json.dumps(document)), "VersionId": "v3", "IsDefaultVersion": True}},
        {"PolicyArn": arn, "VersionId": "v3"},
    )
    (policy,) = _run(iam_policies.SERVICE, stubbed.clients).resources
    assert policy.region == "global" and policy.config["PolicyVersion"]["Document"] == document


def test_stub_terminated_instances_are_left_out_and_snapshots_are_read_per_item(stubbed: Any) -> None:
    client, stub = stubbed("ec2")
    instances = [
        {
            "InstanceId": "i-0aaa",
            "State": {"Name": "running"},
            "MetadataOptions": {"HttpTokens": "required"},
            "Tags": [{"Key": "Name", "Value": "web"}],
        },
        {"InstanceId": "i-0bbb", "State": {"Name": "terminated"}},
    ]
    stub.add_response("DescribeInstances", {"Reservations": [{"Instances": instances}]})
    stub.add_response(
        "DescribeSnapshots", {"Snapshots": [{"SnapshotId": "snap-0abc", "OwnerId": ACCOUNT}]}, {"OwnerIds": ["self"]}
    )
    stub.add_response(
        "DescribeSnapshotAttribute",
        {"SnapshotId": "snap-0abc", "CreateVolumePermissions": [{"Group": "all"}]},
        {"SnapshotId": "snap-0abc", "Attribute": "createVolumePermission"},
    )
    stub.add_response(
        "DescribeImages", {"Images": [{"ImageId": "ami-0abc", "Public": False, "Name": "golden"}]}, {"Owners": ["self"]}
    )
    resources = {r.id.rsplit(":", 1)[-1]: r for r in _run(ec2_compute.SERVICE, stubbed.clients).resources}
    assert set(resources) == {"instance/i-0aaa", "snapshot/snap-0abc", "image/ami-0abc"}
    assert resources["instance/i-0aaa"].name == "web" and resources["instance/i-0aaa"].tags == {"Name": "web"}
    assert resources["snapshot/snap-0abc"].config == {
        "SnapshotId": "snap-0abc",
        "OwnerId": ACCOUNT,
        "CreateVolumePermissions": [{"Group": "all"}],
    }
    assert resources["image/ami-0abc"].name == "golden"


def test_stubbed_calls_match_the_declared_operations() -> None:
    """Every operation the Stubber tests answer is one the modules declare (and vice versa)."""
    stubbed_ops = {
        "securityhub:DescribeHub", "guardduty:ListDetectors", "guardduty:GetDetector",
        "config:DescribeConfigurationRecorders", "config:DescribeConfigurationRecorderStatus",
        "acm:ListCertificates", "acm:DescribeCertificate", "lambda:ListFunctions", "lambda:GetPolicy",
        "elasticache:DescribeReplicationGroups", "elasticache:DescribeCacheClusters",
        "ecr:DescribeRepositories", "ecr:GetRegistryScanningConfiguration",
        "ecs:ListTaskDefinitionFamilies", "ecs:DescribeTaskDefinition", "iam:ListPolicies", "iam:GetPolicyVersion",
        "ec2:DescribeInstances", "ec2:DescribeSnapshots", "ec2:DescribeSnapshotAttribute", "ec2:DescribeImages",
    }  # fmt: skip
    declared = {
        op
        for module in (
            securityhub,
            guardduty,
            awsconfig,
            acm,
            awslambda,
            elasticache,
            ecr,
            ecs,
            iam_policies,
            ec2_compute,
        )
        for op in module.SERVICE.operations
    }
    assert stubbed_ops == declared
