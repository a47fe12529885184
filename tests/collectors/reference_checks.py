"""A plain-Python reading of each AWS check, independent of the Rego policies.

The demo tests judge collected resources with it, so a seeding mistake or a collector
regression shows up before Rego is involved.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from attestkit.demo.aws_company import SeededExpectation
from attestkit.models import Resource
from tests.collectors import reference_checks_data_services as data_services
from tests.collectors.conftest import Collected
from tests.collectors.test_aws_platform_services_reference import platform_checks

ALL_FOUR = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
PUBLIC_GROUPS = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)
ONE_PER_ACCOUNT = {
    "aws.s3.account_public_access_blocked",
    "aws.iam.password_policy_strong",
    "aws.iam.root_mfa_enabled",
    "aws.iam.root_no_access_keys",
    "aws.cloudtrail.multi_region_trail_logging",
} | data_services.ONE_PER_ACCOUNT


def _types(rtype: str | tuple[str, ...]) -> tuple[str, ...]:
    return rtype if isinstance(rtype, tuple) else (rtype,)


def _all_four(block: dict[str, Any] | None) -> bool:
    return block is not None and all(block.get(k) is True for k in ALL_FOUR)


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _public_admin(permission: dict[str, Any]) -> bool:
    cidrs = [r["CidrIp"] for r in permission.get("IpRanges", [])] + [
        r["CidrIpv6"] for r in permission.get("Ipv6Ranges", [])
    ]
    if not {"0.0.0.0/0", "::/0"} & set(cidrs):
        return False
    if permission["IpProtocol"] == "-1":
        return True
    low, high = permission.get("FromPort", 0), permission.get("ToPort", 65535)
    return permission["IpProtocol"] == "tcp" and any(low <= port <= high for port in (22, 3389))


def _management_events(trail: dict[str, Any]) -> bool:
    return any(
        s.get("ReadWriteType") == "All" and s.get("IncludeManagementEvents") for s in trail.get("EventSelectors") or []
    )


class Judge:
    """Each check as a plain function of one resource (and the rest of the inventory)."""

    def __init__(self, collected: Collected) -> None:
        self.c = collected
        (self.account_block,) = collected.of_type("AWS::S3::AccountPublicAccessBlock")
        self.now = datetime.now(timezone.utc)
        self.checks: dict[str, tuple[str, Callable[[Resource], bool | None]]] = {
            "aws.s3.bucket_encryption_at_rest": (
                "AWS::S3::Bucket",
                lambda r: bool(
                    r.config["ServerSideEncryptionConfiguration"]
                    and r.config["ServerSideEncryptionConfiguration"]["Rules"][0]["ApplyServerSideEncryptionByDefault"][
                        "SSEAlgorithm"
                    ]
                    in ("AES256", "aws:kms", "aws:kms:dsse")
                ),
            ),
            "aws.s3.bucket_public_access_blocked": (
                "AWS::S3::Bucket",
                lambda r: (
                    _all_four(r.config["PublicAccessBlockConfiguration"])
                    or _all_four(self.account_block.config["PublicAccessBlockConfiguration"])
                ),
            ),
            "aws.s3.account_public_access_blocked": (
                "AWS::S3::AccountPublicAccessBlock",
                lambda r: _all_four(r.config["PublicAccessBlockConfiguration"]),
            ),
            "aws.s3.bucket_acl_and_policy_not_public": (
                "AWS::S3::Bucket",
                lambda r: (
                    not any(g["Grantee"].get("URI") in PUBLIC_GROUPS for g in r.config["Grants"])
                    and not (r.config["PolicyStatus"] or {}).get("IsPublic")
                ),
            ),
            "aws.s3.bucket_versioning_enabled": (
                "AWS::S3::Bucket",
                lambda r: r.config["Versioning"].get("Status") == "Enabled",
            ),
            "aws.s3.bucket_access_logging_enabled": (
                "AWS::S3::Bucket",
                lambda r: r.config["LoggingEnabled"] is not None,
            ),
            "aws.ec2.ebs_volume_encrypted": ("AWS::EC2::Volume", lambda r: r.config["Encrypted"] is True),
            "aws.ec2.ebs_encryption_by_default": (
                "AWS::EC2::EBSEncryptionByDefault",
                lambda r: r.config["EbsEncryptionByDefault"] is True,
            ),
            "aws.ec2.security_group_no_public_admin_ports": (
                "AWS::EC2::SecurityGroup",
                lambda r: not any(_public_admin(p) for p in r.config["IpPermissions"]),
            ),
            "aws.iam.password_policy_strong": ("AWS::IAM::AccountPasswordPolicy", self._password_policy),
            "aws.iam.console_user_mfa": (
                "AWS::IAM::User",
                lambda r: None if r.config["LoginProfile"] is None else bool(r.config["MFADevices"]),
            ),
            "aws.iam.root_mfa_enabled": (
                "AWS::Account",
                lambda r: r.config["AccountSummary"]["AccountMFAEnabled"] == 1,
            ),
            "aws.iam.root_no_access_keys": (
                "AWS::Account",
                lambda r: r.config["AccountSummary"]["AccountAccessKeysPresent"] == 0,
            ),
            "aws.iam.access_keys_rotated_90_days": (
                "AWS::IAM::User",
                lambda r: (
                    None  # users without an active key are not judged
                    if not [k for k in r.config["AccessKeys"] if k["Status"] == "Active"]
                    else all(
                        self.now - _when(k["CreateDate"]) < timedelta(days=90)
                        for k in r.config["AccessKeys"]
                        if k["Status"] == "Active"
                    )
                ),
            ),
            "aws.cloudtrail.multi_region_trail_logging": (
                "AWS::Account",
                lambda r: any(
                    t.config["IsMultiRegionTrail"]
                    and t.config["Status"]["IsLogging"]
                    and t.config["LogFileValidationEnabled"]
                    and _management_events(t.config)
                    for t in self.c.of_type("AWS::CloudTrail::Trail")
                ),
            ),
            "aws.cloudtrail.trail_encrypted_with_kms": (
                "AWS::CloudTrail::Trail",
                lambda r: bool(r.config.get("KmsKeyId")),
            ),
        }

        self.checks.update(data_services.checks(collected))
        self.checks.update(platform_checks(self.now))

    @staticmethod
    def _password_policy(r: Resource) -> bool:
        p = r.config["PasswordPolicy"]
        return (
            bool(p)
            and p["MinimumPasswordLength"] >= 14
            and p.get("PasswordReusePrevention", 0) >= 24
            and all(
                p[k]
                for k in (
                    "RequireSymbols",
                    "RequireNumbers",
                    "RequireUppercaseCharacters",
                    "RequireLowercaseCharacters",
                )
            )
        )

    def status(self, check: str, resource: Resource) -> str | None:
        rtype, passes = self.checks[check]
        assert resource.type in _types(rtype), f"{check} judges {rtype}, not {resource.type}"
        verdict = passes(resource)
        return None if verdict is None else ("pass" if verdict else "fail")

    def everything(self) -> dict[tuple[str, str], str]:
        """Every applicable (check, resource) pair of the inventory and its status."""
        out = {}
        for check, (rtype, _) in self.checks.items():
            for r in [r for t in _types(rtype) for r in self.c.of_type(t)]:
                status = self.status(check, r)
                if status is not None:
                    out[(check, r.id)] = status
        return out


def assert_expectations(expectations: list[SeededExpectation], collected: Collected) -> None:
    judge = Judge(collected)
    assert collected.errors == []
    wrong = []
    for e in expectations:
        assert e.check_id in judge.checks, e.check_id
        assert e.resource_id in collected.resources, f"{e.check_id}: {e.resource_id} was not collected"
        actual = judge.status(e.check_id, collected.resources[e.resource_id])
        if actual != e.status:
            wrong.append(
                f"{e.check_id} {e.resource_id}: expected {e.status}, collected data says {actual} ({e.reason})"
            )
    assert wrong == []
