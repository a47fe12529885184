"""What the collector writes, type by type, held to docs/resources/aws.md (seeded demo company)."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from attestkit.bundle import Bundle, BundleWriter
from attestkit.collectors.aws import AwsCollector
from attestkit.collectors.interface import SilentProgress
from attestkit.demo.aws_company import REGIONS
from attestkit.models import CollectorInfo
from tests.collectors.conftest import Collected, Seeded, collect, new_session
from tests.collectors.test_aws_data_services import ID_PATTERNS as DATA_ID_PATTERNS
from tests.collectors.test_aws_platform_services import ID_PATTERNS as PLATFORM_ID_PATTERNS

ACCOUNT = "123456789012"
DOC = Path(__file__).resolve().parents[2] / "docs" / "resources" / "aws.md"
RFC3339_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
ISO_ISH = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d")

ID_PATTERNS = {
    "AWS::Account": rf"^arn:aws:iam::{ACCOUNT}:root$",
    "AWS::S3::AccountPublicAccessBlock": rf"^arn:aws:s3::{ACCOUNT}:account-public-access-block$",
    "AWS::S3::Bucket": r"^arn:aws:s3:::[a-z0-9.-]+$",
    "AWS::EC2::SecurityGroup": rf"^arn:aws:ec2:(?P<region>[a-z0-9-]+):{ACCOUNT}:security-group/sg-[0-9a-f]+$",
    "AWS::EC2::Volume": rf"^arn:aws:ec2:(?P<region>[a-z0-9-]+):{ACCOUNT}:volume/vol-[0-9a-f]+$",
    "AWS::EC2::EBSEncryptionByDefault": rf"^arn:aws:ec2:(?P<region>[a-z0-9-]+):{ACCOUNT}:ebs-encryption-by-default$",
    "AWS::IAM::AccountPasswordPolicy": rf"^arn:aws:iam::{ACCOUNT}:account-password-policy$",
    "AWS::IAM::User": rf"^arn:aws:iam::{ACCOUNT}:user/[\w+=,.@-]+$",
    "AWS::CloudTrail::Trail": rf"^arn:aws:cloudtrail:(?P<region>[a-z0-9-]+):{ACCOUNT}:trail/[\w.-]+$",
}
ID_PATTERNS.update(PLATFORM_ID_PATTERNS)
ID_PATTERNS.update(DATA_ID_PATTERNS)
GLOBAL_TYPES = {
    "AWS::IAM::ManagedPolicy",
    "AWS::CloudFront::Distribution",
    "AWS::Account",
    "AWS::S3::AccountPublicAccessBlock",
    "AWS::IAM::AccountPasswordPolicy",
    "AWS::IAM::User",
}


@pytest.fixture(scope="module")
def collected(telehealth: Seeded) -> Collected:
    return collect()


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def test_the_documented_types_are_exactly_the_collector_types() -> None:
    documented = set(re.findall(r"^\| `(AWS::[\w:]+)`", DOC.read_text(encoding="utf-8"), flags=re.M))
    assert documented == set(AwsCollector.resource_types)


def test_every_resource_has_the_common_fields_and_no_errors(collected: Collected) -> None:
    assert collected.errors == []
    assert {r.type for r in collected.resources.values()} == set(AwsCollector.resource_types)
    for r in collected.resources.values():
        assert (r.provider, r.source, r.account) == ("aws", "aws", ACCOUNT), r.id
        assert r.errors == [], r.id
        match = re.match(ID_PATTERNS[r.type], r.id)
        assert match, f"{r.type} id {r.id}"
        if r.type in GLOBAL_TYPES:
            assert r.region == "global", r.id
        elif "region" in match.groupdict():
            assert r.region == match["region"], r.id
        assert "Tags" not in r.config and "TagSet" not in r.config, r.id
        assert "ResponseMetadata" not in json.dumps(r.config), r.id


def test_datetimes_are_rfc3339_utc_with_z(collected: Collected) -> None:
    stamps = [s for r in collected.resources.values() for s in _strings(r.config) if ISO_ISH.match(s)]
    assert stamps, "the seeded account has timestamps"
    assert [s for s in stamps if not RFC3339_Z.match(s)] == []


def test_scope(collected: Collected) -> None:
    assert collected.scope.accounts == [ACCOUNT]
    assert collected.scope.regions == sorted(REGIONS)
    assert collected.scope.resource_types == list(AwsCollector.resource_types)
    assert collected.scope.options == {"region": sorted(REGIONS), "profile": []}


def test_account(collected: Collected) -> None:
    account = collected.resources[f"arn:aws:iam::{ACCOUNT}:root"]
    assert account.type == "AWS::Account"
    assert account.config["AccountId"] == ACCOUNT
    summary = account.config["AccountSummary"]
    assert summary["AccountMFAEnabled"] == 0
    assert summary["AccountAccessKeysPresent"] == 1
    assert summary["Users"] == 4


def test_account_public_access_block(collected: Collected) -> None:
    block = collected.resources[f"arn:aws:s3::{ACCOUNT}:account-public-access-block"]
    assert block.region == "global"
    assert block.config == {
        "PublicAccessBlockConfiguration": {
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": False,
            "RestrictPublicBuckets": False,
        }
    }


def test_buckets_are_in_their_own_regions_with_tags_moved(collected: Collected) -> None:
    buckets = {r.name: r for r in collected.of_type("AWS::S3::Bucket")}
    assert buckets["carebridge-phi-patient-records"].region == "us-east-1"
    assert buckets["carebridge-telehealth-video-recordings"].region == "us-west-2"
    assert buckets["carebridge-eu-patient-intake"].region == "eu-west-1"
    assert buckets["carebridge-phi-patient-records"].tags == {"DataClassification": "PHI", "Team": "clinical-platform"}
    assert buckets["carebridge-eu-audit-trail"].tags == {}


def test_a_hardened_bucket(collected: Collected) -> None:
    bucket = collected.resources["arn:aws:s3:::carebridge-phi-patient-records"]
    config = bucket.config
    assert set(config) == {
        "Name",
        "CreationDate",
        "ServerSideEncryptionConfiguration",
        "PublicAccessBlockConfiguration",
        "PolicyStatus",
        "Grants",
        "Owner",
        "Versioning",
        "LoggingEnabled",
    }
    assert config["Name"] == "carebridge-phi-patient-records"
    rule = config["ServerSideEncryptionConfiguration"]["Rules"][0]
    assert rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    assert rule["ApplyServerSideEncryptionByDefault"]["KMSMasterKeyID"].startswith("arn:aws:kms:us-east-1:")
    assert all(config["PublicAccessBlockConfiguration"].values())
    assert config["PolicyStatus"] is None  # no bucket policy
    assert config["Versioning"] == {"Status": "Enabled"}
    assert config["LoggingEnabled"] == {
        "TargetBucket": "carebridge-access-logs-use1",
        "TargetPrefix": "carebridge-phi-patient-records/",
    }
    assert "DisplayName" not in config["Owner"] and config["Owner"]["ID"]
    assert [g["Permission"] for g in config["Grants"]] == ["FULL_CONTROL"]


def test_a_bucket_with_nothing_configured_has_explicit_nulls(collected: Collected) -> None:
    config = collected.resources["arn:aws:s3:::carebridge-clinic-app-logs"].config
    assert config["ServerSideEncryptionConfiguration"] is None
    assert config["PublicAccessBlockConfiguration"] is None
    assert config["PolicyStatus"] is None
    assert config["Versioning"] == {}
    assert config["LoggingEnabled"] is None


def test_public_buckets(collected: Collected) -> None:
    marketing = collected.resources["arn:aws:s3:::carebridge-marketing-site"].config
    assert {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"} in [
        g["Grantee"] for g in marketing["Grants"]
    ]
    assert marketing["Versioning"]["Status"] == "Suspended"
    intake = collected.resources["arn:aws:s3:::carebridge-eu-patient-intake"].config
    assert intake["PolicyStatus"] == {"IsPublic": True}
    assert intake["PublicAccessBlockConfiguration"]["BlockPublicPolicy"] is False
    trail_bucket = collected.resources["arn:aws:s3:::carebridge-cloudtrail-logs"].config
    assert trail_bucket["PolicyStatus"] == {"IsPublic": False}


def test_security_groups(collected: Collected) -> None:
    groups = {r.name: r for r in collected.of_type("AWS::EC2::SecurityGroup")}
    ssh = groups["carebridge-bastion-ssh"]
    assert ssh.region == "us-east-1"
    assert ssh.tags == {"Name": "carebridge-bastion-ssh"}
    assert ssh.id.endswith(f"security-group/{ssh.config['GroupId']}")
    assert {"GroupId", "GroupName", "Description", "VpcId", "OwnerId", "IpPermissions", "IpPermissionsEgress"} <= set(
        ssh.config
    )
    (permission,) = ssh.config["IpPermissions"]
    assert (permission["IpProtocol"], permission["FromPort"], permission["ToPort"]) == ("tcp", 22, 22)
    assert permission["IpRanges"] == [{"CidrIp": "0.0.0.0/0"}]
    rdp = groups["carebridge-video-admin-rdp"]
    assert rdp.region == "us-west-2"
    assert rdp.config["IpPermissions"][0]["Ipv6Ranges"] == [{"CidrIpv6": "::/0"}]
    everything = groups["carebridge-eu-debug-all-traffic"].config["IpPermissions"][0]
    assert everything["IpProtocol"] == "-1" and "FromPort" not in everything
    # each region's default VPC group is collected too
    assert sorted(r.region for r in collected.of_type("AWS::EC2::SecurityGroup") if r.name == "default") == sorted(
        REGIONS * 2  # the default VPC and the company's VPC in each region
    )


def test_volumes(collected: Collected) -> None:
    volumes = {r.name: r for r in collected.of_type("AWS::EC2::Volume")}
    assert set(volumes) == {
        "ehr-db-data",
        "legacy-emr-data",
        "video-transcode-scratch",
        "video-archive-index",
        "eu-clinic-db-data",
    }
    encrypted = volumes["ehr-db-data"]
    assert encrypted.tags == {"Name": "ehr-db-data"}
    assert encrypted.config["Encrypted"] is True and encrypted.config["KmsKeyId"].startswith("arn:aws:kms:us-east-1:")
    assert {
        "VolumeId",
        "Encrypted",
        "State",
        "Size",
        "VolumeType",
        "AvailabilityZone",
        "Attachments",
        "CreateTime",
    } <= set(encrypted.config)
    assert volumes["legacy-emr-data"].config["Encrypted"] is False
    assert volumes["video-transcode-scratch"].region == "us-west-2"


def test_ebs_encryption_by_default_once_per_region(collected: Collected) -> None:
    settings = {r.region: r.config for r in collected.of_type("AWS::EC2::EBSEncryptionByDefault")}
    assert settings == {
        "us-east-1": {"EbsEncryptionByDefault": True},
        "us-west-2": {"EbsEncryptionByDefault": False},
        "eu-west-1": {"EbsEncryptionByDefault": True},
    }


def test_password_policy(collected: Collected) -> None:
    policy = collected.resources[f"arn:aws:iam::{ACCOUNT}:account-password-policy"]
    assert policy.region == "global"
    assert policy.config["PasswordPolicy"]["MinimumPasswordLength"] == 8
    assert policy.config["PasswordPolicy"]["RequireSymbols"] is False


def test_users(collected: Collected) -> None:
    users = {r.name: r for r in collected.of_type("AWS::IAM::User")}
    assert set(users) == {"dr-amelia-chen", "jordan-reyes-billing", "ci-deploy-pipeline", "legacy-etl-service"}
    amelia = users["dr-amelia-chen"].config
    assert users["dr-amelia-chen"].id == amelia["Arn"] == f"arn:aws:iam::{ACCOUNT}:user/dr-amelia-chen"
    assert set(amelia["LoginProfile"]) == {"CreateDate", "PasswordResetRequired"}
    assert amelia["MFADevices"] == [
        {
            "SerialNumber": f"arn:aws:iam::{ACCOUNT}:mfa/dr-amelia-chen",
            "EnableDate": amelia["MFADevices"][0]["EnableDate"],
        }
    ]
    assert amelia["AccessKeys"] == []
    service = users["ci-deploy-pipeline"].config
    assert service["LoginProfile"] is None
    assert [k["Status"] for k in service["AccessKeys"]] == ["Active", "Inactive"]
    for key in service["AccessKeys"]:
        assert set(key) == {"AccessKeyId", "Status", "CreateDate", "AccessKeyLastUsed"}
        assert "LastUsedDate" not in key["AccessKeyLastUsed"]  # never used
    stale = users["legacy-etl-service"].config["AccessKeys"][0]
    created = datetime.fromisoformat(stale["CreateDate"].replace("Z", "+00:00"))
    assert datetime.now(timezone.utc) - created > timedelta(days=90)


def test_trails_once_each_in_their_home_region(collected: Collected) -> None:
    trails = {r.name: r for r in collected.of_type("AWS::CloudTrail::Trail")}
    assert set(trails) == {"carebridge-management-events", "carebridge-eu-clinic-audit"}
    main = trails["carebridge-management-events"]
    assert main.region == "us-east-1" and main.id == main.config["TrailARN"]
    assert main.config["IsMultiRegionTrail"] is True and main.config["LogFileValidationEnabled"] is False
    assert main.config["KmsKeyId"].startswith("arn:aws:kms:us-east-1:")
    assert main.config["Status"]["IsLogging"] is True
    assert main.config["EventSelectors"] == [
        {"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": []}
    ]
    assert main.config["AdvancedEventSelectors"] is None
    eu = trails["carebridge-eu-clinic-audit"]
    assert eu.region == "eu-west-1"
    assert "KmsKeyId" not in eu.config


def _without_moto_clock(lines: list[str]) -> list[str]:
    """moto answers GetTrailStatus with the current time as the latest delivery; drop those."""
    out = []
    for line in lines:
        resource = json.loads(line)
        status = resource["config"].get("Status")
        if resource["type"] == "AWS::CloudTrail::Trail" and isinstance(status, dict):
            resource["config"]["Status"] = {k: v for k, v in status.items() if not k.startswith("Latest")}
        resource["config"].pop("LatestRestorableTime", None)  # RDS: moto's clock too
        out.append(json.dumps(resource, sort_keys=True))
    return out


def test_collection_is_deterministic_and_independent_of_concurrency(collected: Collected) -> None:
    serial = collect(max_workers=1)
    parallel = collect(max_workers=8)
    assert len(serial.lines) == len(collected.lines) > 30
    assert (
        _without_moto_clock(serial.lines) == _without_moto_clock(parallel.lines) == _without_moto_clock(collected.lines)
    )
    assert serial.errors == parallel.errors == []


def test_the_bundle_writer_is_a_sink(telehealth: Seeded, tmp_path: Path) -> None:
    path = tmp_path / "bundle"
    collector = AwsCollector(new_session(), regions=list(REGIONS))
    with BundleWriter(path, CollectorInfo(name="aws", version=AwsCollector.version, provider="aws")) as writer:
        scope = collector.collect(writer, SilentProgress())
        manifest = writer.finish(scope)
    bundle = Bundle.open(path)
    resources = list(bundle.resources())
    assert sum(manifest.resource_counts.values()) == len(resources) > 30
    assert manifest.errors == []
    assert bundle.manifest.scope.regions == sorted(REGIONS)


def test_given_regions_narrow_regional_types_and_buckets(telehealth: Seeded) -> None:
    eu = collect(regions=["eu-west-1"])
    assert eu.errors == []
    assert eu.scope.regions == ["eu-west-1"]
    assert eu.scope.options["region"] == ["eu-west-1"]
    regional = {r.region for r in eu.resources.values() if r.type not in GLOBAL_TYPES}
    assert regional == {"eu-west-1"}
    assert {r.name for r in eu.of_type("AWS::S3::Bucket")} == {
        "carebridge-eu-patient-intake",
        "carebridge-eu-audit-trail",
    }
    # global types are collected whatever the regions
    assert {r.type for r in eu.resources.values()} >= GLOBAL_TYPES
