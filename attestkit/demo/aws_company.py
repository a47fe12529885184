"""Simulated AWS accounts for `attest demo` and the end-to-end tests, seeded in moto.

`seed_telehealth_company()` builds a realistic small telehealth company (Carebridge Health)
in three regions, with compliant and deliberately non-compliant resources;
`seed_compliant_company()` builds one (Meridian Virtual Care) where every check passes.
Both return `SeededExpectation`s: for every deliberate resource, which check should judge
it how, so an end-to-end test can assert each result by resource id.

Seed only a moto backend: inside `moto.mock_aws()`, or a boto3 Session pointed at a moto
server (`AWS_ENDPOINT_URL`; S3 Control prefixes the account id to the endpoint host, so
route it through the server as `HTTP_PROXY` instead). Set `MOTO_EC2_LOAD_DEFAULT_AMIS=false` before the mock starts, or
every region's EC2 backend loads about 1,300 stock AMIs. The seeders refuse to run against
anything but moto: they write.

Everything is seeded through ordinary boto3 calls, except what moto cannot express; those
few tweaks of moto's in-process state are commented where they happen (`_moto_iam_backend`).
They only work when moto runs in this process (`mock_aws` or `ThreadedMotoServer`); with an
out-of-process server they are skipped, and the expectations say what will be seen instead.
Account-wide settings (password policy, root MFA, account public access block, the
multi-region trail) exist once per account, so the telehealth company can only fail them;
the compliant company passes them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

import boto3

from attestkit.demo.aws_company_data_services import seed_data_services
from attestkit.demo.aws_company_platform_services import seed_platform_services

log = logging.getLogger(__name__)

REGIONS: tuple[str, ...] = ("us-east-1", "us-west-2", "eu-west-1")
"""The regions both companies are seeded in (collect these)."""

ALL_BLOCKED = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}
OPEN_PORTS_PUBLIC = ("0.0.0.0/0", "::/0")
ADMIN_PORTS = (22, 3389)
STALE_KEY_AGE = timedelta(days=200)
"""How old the deliberately unrotated access keys are made (the check allows 90 days)."""

Status = Literal["pass", "fail"]


@dataclass(frozen=True)
class SeededExpectation:
    """`check_id` should judge `resource_id` as `status`; `reason` says what was seeded."""

    check_id: str
    resource_id: str
    status: Status
    reason: str = ""


@dataclass
class _Bucket:
    """What a seeded bucket was made to be."""

    region: str
    encryption: tuple[str, str | None] | None
    block: dict[str, bool]
    acl: str
    public_policy: bool
    versioning: str | None
    log_to: str | None = None


@dataclass(frozen=True)
class Rule:
    """One security group ingress rule: protocol ("tcp", "udp", "-1"), ports, CIDR."""

    protocol: str
    from_port: int | None
    to_port: int | None
    cidr: str

    def is_public_admin(self) -> bool:
        if self.cidr not in OPEN_PORTS_PUBLIC:
            return False
        if self.protocol == "-1":
            return True
        return self.protocol == "tcp" and any(
            (self.from_port or 0) <= port <= (self.to_port if self.to_port is not None else 65535)
            for port in ADMIN_PORTS
        )


def seed_telehealth_company(session: boto3.Session | None = None) -> list[SeededExpectation]:
    """Carebridge Health: a small telehealth company with realistic findings, in REGIONS."""
    s = _Seeder(session or boto3.Session(), REGIONS[0])
    kms = {region: s.kms_key(region, "carebridge-phi") for region in REGIONS}
    use1, usw2, euw1 = REGIONS

    # S3 -------------------------------------------------------------------------------------
    s.log_bucket("carebridge-access-logs-use1", use1, tags={"Purpose": "s3-access-logs"})
    s.log_bucket("carebridge-access-logs-usw2", usw2, tags={"Purpose": "s3-access-logs"})
    s.bucket(
        "carebridge-phi-patient-records",
        use1,
        encryption=("aws:kms", kms[use1]),
        block=ALL_BLOCKED,
        versioning="Enabled",
        log_to="carebridge-access-logs-use1",
        tags={"DataClassification": "PHI", "Team": "clinical-platform"},
    )
    s.bucket(
        "carebridge-telehealth-video-recordings",
        usw2,
        encryption=("aws:kms", kms[usw2]),
        block=ALL_BLOCKED,
        versioning="Enabled",
        log_to="carebridge-access-logs-usw2",
        tags={"DataClassification": "PHI", "Team": "video"},
    )
    s.bucket(
        "carebridge-cloudtrail-logs",
        use1,
        encryption=("aws:kms", kms[use1]),
        block=ALL_BLOCKED,
        versioning="Enabled",
        log_to="carebridge-access-logs-use1",
        policy=_service_write_policy("carebridge-cloudtrail-logs", "cloudtrail.amazonaws.com"),
        tags={"Purpose": "audit-logs"},
    )
    # Findings: an application log bucket nobody hardened ...
    s.bucket("carebridge-clinic-app-logs", use1, tags={"Team": "clinic-app"})
    # ... a marketing site made public with an ACL, versioning switched off again ...
    s.bucket(
        "carebridge-marketing-site",
        use1,
        encryption=("AES256", None),
        acl="public-read",
        versioning="Suspended",
        log_to="carebridge-access-logs-use1",
        tags={"Team": "marketing"},
    )
    # ... and an EU intake bucket opened to the world by a bucket policy.
    s.bucket(
        "carebridge-eu-patient-intake",
        euw1,
        encryption=("aws:kms", kms[euw1]),
        block={**ALL_BLOCKED, "BlockPublicPolicy": False, "RestrictPublicBuckets": False},
        versioning="Enabled",
        policy=_public_read_policy("carebridge-eu-patient-intake", "uploads/*"),
        tags={"DataClassification": "PHI", "Team": "eu-clinics"},
    )
    # Account-level block only half on (a realistic finding); set last, as it happened.
    s.account_public_access_block({**ALL_BLOCKED, "BlockPublicPolicy": False, "RestrictPublicBuckets": False})

    # EC2 ------------------------------------------------------------------------------------
    vpc = s.vpc(use1, "carebridge-prod-use1", "10.10.0.0/16")
    s.security_group(
        use1,
        vpc,
        "carebridge-web-alb",
        "Public HTTPS to the patient portal",
        [Rule("tcp", 443, 443, "0.0.0.0/0"), Rule("tcp", 443, 443, "::/0")],
    )
    s.security_group(
        use1, vpc, "carebridge-bastion-ssh", "SSH bastion (open to the internet)", [Rule("tcp", 22, 22, "0.0.0.0/0")]
    )
    s.security_group(
        use1,
        vpc,
        "carebridge-legacy-emr-integration",
        "Legacy EMR vendor link, every TCP port",
        [Rule("tcp", 0, 65535, "0.0.0.0/0")],
    )
    s.volume(use1, "ehr-db-data", 200, kms_key=kms[use1])
    s.volume(use1, "legacy-emr-data", 100, kms_key=None)
    vpc = s.vpc(usw2, "carebridge-video-usw2", "10.20.0.0/16")
    s.security_group(
        usw2, vpc, "carebridge-video-relay-media", "WebRTC media relay", [Rule("udp", 10000, 20000, "0.0.0.0/0")]
    )
    s.security_group(
        usw2,
        vpc,
        "carebridge-video-admin-rdp",
        "Windows transcoder admin (RDP over IPv6)",
        [Rule("tcp", 3389, 3389, "::/0")],
    )
    s.volume(usw2, "video-transcode-scratch", 500, kms_key=None)
    s.volume(usw2, "video-archive-index", 50, kms_key=kms[usw2])
    vpc = s.vpc(euw1, "carebridge-eu-clinic", "10.30.0.0/16")
    s.security_group(
        euw1,
        vpc,
        "carebridge-eu-clinic-app",
        "EU clinic app: HTTPS public, SSH from the VPC",
        [Rule("tcp", 443, 443, "0.0.0.0/0"), Rule("tcp", 22, 22, "10.30.0.0/16")],
    )
    s.security_group(
        euw1,
        vpc,
        "carebridge-eu-debug-all-traffic",
        "Temporary debugging, never removed",
        [Rule("-1", None, None, "0.0.0.0/0")],
    )
    s.volume(euw1, "eu-clinic-db-data", 100, kms_key=kms[euw1])
    s.ebs_encryption_by_default(use1, True)
    s.ebs_encryption_by_default(usw2, False)
    s.ebs_encryption_by_default(euw1, True)

    # IAM ------------------------------------------------------------------------------------
    s.password_policy(
        MinimumPasswordLength=8,
        RequireNumbers=True,
        RequireSymbols=False,
        RequireUppercaseCharacters=False,
        RequireLowercaseCharacters=True,
        AllowUsersToChangePassword=True,
    )
    s.user("dr-amelia-chen", console=True, mfa=True)
    s.user("jordan-reyes-billing", console=True, mfa=False)
    s.user("ci-deploy-pipeline", keys=[("Active", None), ("Inactive", timedelta(days=400))])
    s.user("legacy-etl-service", keys=[("Active", STALE_KEY_AGE)])
    s.root(mfa=False, access_keys=True)

    # CloudTrail -----------------------------------------------------------------------------
    s.trail(
        use1,
        "carebridge-management-events",
        bucket="carebridge-cloudtrail-logs",
        multi_region=True,
        validation=False,
        kms_key=kms[use1],
    )
    s.trail(
        euw1,
        "carebridge-eu-clinic-audit",
        bucket="carebridge-eu-audit-trail",
        multi_region=False,
        validation=True,
        kms_key=None,
    )
    seed_platform_services(s, REGIONS, kms, compliant=False)
    seed_data_services(s, REGIONS, kms, compliant=False)
    return s.finish()


def seed_compliant_company(
    session: boto3.Session | None = None, regions: Sequence[str] = REGIONS
) -> list[SeededExpectation]:
    """Meridian Virtual Care: an account where every check passes in every one of `regions`."""
    regions = tuple(regions)
    home = regions[0]
    s = _Seeder(session or boto3.Session(), home)
    kms = {region: s.kms_key(region, "meridian-data") for region in regions}

    # Two log buckets log into each other, so even the log targets have access logs.
    s.log_bucket("meridian-access-logs", home)
    s.log_bucket("meridian-access-logs-archive", home)
    s.access_logging("meridian-access-logs", "meridian-access-logs-archive")
    s.access_logging("meridian-access-logs-archive", "meridian-access-logs")
    s.bucket(
        "meridian-phi-records",
        home,
        encryption=("aws:kms", kms[home]),
        block=ALL_BLOCKED,
        versioning="Enabled",
        log_to="meridian-access-logs",
        tags={"DataClassification": "PHI"},
    )
    s.bucket(
        "meridian-cloudtrail-logs",
        home,
        encryption=("aws:kms", kms[home]),
        block=ALL_BLOCKED,
        versioning="Enabled",
        log_to="meridian-access-logs",
        policy=_service_write_policy("meridian-cloudtrail-logs", "cloudtrail.amazonaws.com"),
    )
    s.account_public_access_block(ALL_BLOCKED)

    for index, region in enumerate(regions):
        vpc = s.vpc(region, f"meridian-{region}", f"10.{40 + index}.0.0/16")
        s.security_group(
            region,
            vpc,
            f"meridian-web-{region}",
            "Public HTTPS only",
            [Rule("tcp", 443, 443, "0.0.0.0/0"), Rule("tcp", 22, 22, f"10.{40 + index}.0.0/16")],
        )
        s.volume(region, f"meridian-app-data-{region}", 50, kms_key=kms[region])
        s.ebs_encryption_by_default(region, True)

    s.password_policy(
        MinimumPasswordLength=16,
        RequireNumbers=True,
        RequireSymbols=True,
        RequireUppercaseCharacters=True,
        RequireLowercaseCharacters=True,
        AllowUsersToChangePassword=True,
        PasswordReusePrevention=24,
        MaxPasswordAge=90,
    )
    s.user("priya-natarajan", console=True, mfa=True)
    s.user("ops-backup-runner", keys=[("Active", timedelta(days=30))])
    s.root(mfa=True, access_keys=False)

    s.trail(
        home,
        "meridian-organization-audit",
        bucket="meridian-cloudtrail-logs",
        multi_region=True,
        validation=True,
        kms_key=kms[home],
    )
    seed_platform_services(s, regions, kms, compliant=True)
    seed_data_services(s, regions, kms, compliant=True)
    return s.finish()


# ----------------------------------------------------------------------------------------


def _public_read_policy(bucket: str, prefix: str) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "PublicRead",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/{prefix}",
            }
        ],
    }


def _service_write_policy(bucket: str, service: str) -> dict[str, Any]:
    """Lets an AWS service (S3 server access logging, CloudTrail) write; not public."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ServiceWrite",
                "Effect": "Allow",
                "Principal": {"Service": service},
                "Action": ["s3:PutObject"],
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


class _Seeder:
    """Creates resources through boto3 and records what each check should make of them."""

    def __init__(self, session: boto3.Session, home: str) -> None:
        self.session = session
        self.home = home
        identity = session.client("sts", region_name=home).get_caller_identity()
        if not identity["Arn"].endswith(":user/moto"):
            raise RuntimeError(
                f"refusing to seed {identity['Arn']}: the demo companies are written into moto only "
                "(run inside moto.mock_aws() or against a moto server)"
            )
        self.account: str = identity["Account"]
        self.partition: str = identity["Arn"].split(":")[1]
        self.expectations: list[SeededExpectation] = []
        self.account_block: dict[str, bool] | None = None
        self._buckets: dict[str, _Bucket] = {}
        self._trails: list[tuple[str, bool, bool, bool]] = []
        self._users: list[str] = []
        self._clients: dict[tuple[str, str], Any] = {}

    def client(self, service: str, region: str | None = None) -> Any:
        key = (service, region or self.home)
        if key not in self._clients:
            self._clients[key] = self.session.client(service, region_name=key[1])
        return self._clients[key]

    def expect(self, check: str, resource_id: str, passes: bool, reason: str) -> None:
        self.expectations.append(SeededExpectation(check, resource_id, "pass" if passes else "fail", reason))

    # KMS --------------------------------------------------------------------------------
    def kms_key(self, region: str, alias: str) -> str:
        kms = self.client("kms", region)
        key = kms.create_key(Description=f"{alias} data key", Tags=[{"TagKey": "Name", "TagValue": alias}])
        kms.create_alias(AliasName=f"alias/{alias}", TargetKeyId=key["KeyMetadata"]["KeyId"])
        return str(key["KeyMetadata"]["Arn"])

    # S3 ---------------------------------------------------------------------------------
    def log_bucket(self, name: str, region: str, *, tags: dict[str, str] | None = None) -> None:
        """A server-access-log target: hardened, writable by the S3 logging service."""
        self.bucket(
            name,
            region,
            encryption=("AES256", None),
            block=ALL_BLOCKED,
            versioning="Enabled",
            policy=_service_write_policy(name, "logging.s3.amazonaws.com"),
            tags=tags,
        )

    def bucket(
        self,
        name: str,
        region: str,
        *,
        encryption: tuple[str, str | None] | None = None,
        block: dict[str, bool] | None = None,
        acl: str = "private",
        policy: dict[str, Any] | None = None,
        versioning: str | None = None,
        log_to: str | None = None,
        tags: dict[str, str] | None = None,
    ) -> None:
        s3 = self.client("s3", region)
        if region == "us-east-1":
            s3.create_bucket(Bucket=name)
        else:
            s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
        if encryption:
            algorithm, key = encryption
            default: dict[str, str] = {"SSEAlgorithm": algorithm}
            if key:
                default["KMSMasterKeyID"] = key
            s3.put_bucket_encryption(
                Bucket=name,
                ServerSideEncryptionConfiguration={
                    "Rules": [{"ApplyServerSideEncryptionByDefault": default, "BucketKeyEnabled": bool(key)}]
                },
            )
        if acl != "private":
            s3.put_bucket_acl(Bucket=name, ACL=acl)
        if policy:
            s3.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))
        if block:
            s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=block)
        if versioning:
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": versioning})
        if tags:
            s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": [{"Key": k, "Value": v} for k, v in tags.items()]})
        public_policy = bool(policy) and any(st.get("Principal") == "*" for st in (policy or {})["Statement"])
        self._buckets[name] = _Bucket(region, encryption, block or {}, acl, public_policy, versioning)
        if log_to:
            self.access_logging(name, log_to)

    def access_logging(self, name: str, target: str) -> None:
        """Server access logs of `name` into `target` (same region, created before)."""
        self.client("s3", self._buckets[name].region).put_bucket_logging(
            Bucket=name,
            BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": target, "TargetPrefix": f"{name}/"}},
        )
        self._buckets[name].log_to = target

    def account_public_access_block(self, block: dict[str, bool]) -> None:
        self.client("s3control").put_public_access_block(AccountId=self.account, PublicAccessBlockConfiguration=block)
        self.account_block = block

    def _judge_buckets(self) -> None:
        account_all = all((self.account_block or {}).get(k) for k in ALL_BLOCKED)
        self.expect(
            "aws.s3.account_public_access_blocked",
            f"arn:{self.partition}:s3::{self.account}:account-public-access-block",
            account_all,
            f"account block {self.account_block}",
        )
        for name, b in self._buckets.items():
            rid = f"arn:{self.partition}:s3:::{name}"
            self.expect(
                "aws.s3.bucket_encryption_at_rest",
                rid,
                b.encryption is not None,
                f"default encryption {b.encryption[0]}" if b.encryption else "no default encryption",
            )
            bucket_all = all(b.block.get(k) for k in ALL_BLOCKED)
            self.expect(
                "aws.s3.bucket_public_access_blocked",
                rid,
                bucket_all or account_all,
                "all four flags on the bucket"
                if bucket_all
                else "all four flags on the account"
                if account_all
                else "neither the bucket nor the account blocks all four",
            )
            self.expect(
                "aws.s3.bucket_acl_and_policy_not_public",
                rid,
                b.acl == "private" and not b.public_policy,
                f"ACL {b.acl}, {'a public' if b.public_policy else 'no public'} bucket policy",
            )
            self.expect(
                "aws.s3.bucket_versioning_enabled",
                rid,
                b.versioning == "Enabled",
                f"versioning {b.versioning or 'never enabled'}",
            )
            self.expect(
                "aws.s3.bucket_access_logging_enabled",
                rid,
                b.log_to is not None,
                f"access logs to {b.log_to}" if b.log_to else "no server access logging",
            )

    # EC2 --------------------------------------------------------------------------------
    def vpc(self, region: str, name: str, cidr: str) -> str:
        ec2 = self.client("ec2", region)
        return str(
            ec2.create_vpc(
                CidrBlock=cidr, TagSpecifications=[{"ResourceType": "vpc", "Tags": [{"Key": "Name", "Value": name}]}]
            )["Vpc"]["VpcId"]
        )

    def security_group(self, region: str, vpc: str, name: str, description: str, rules: list[Rule]) -> None:
        ec2 = self.client("ec2", region)
        group = ec2.create_security_group(
            GroupName=name,
            Description=description,
            VpcId=vpc,
            TagSpecifications=[{"ResourceType": "security-group", "Tags": [{"Key": "Name", "Value": name}]}],
        )["GroupId"]
        permissions = []
        for rule in rules:
            permission: dict[str, Any] = {"IpProtocol": rule.protocol}
            if rule.from_port is not None:
                permission.update(FromPort=rule.from_port, ToPort=rule.to_port)
            if ":" in rule.cidr:
                permission["Ipv6Ranges"] = [{"CidrIpv6": rule.cidr}]
            else:
                permission["IpRanges"] = [{"CidrIp": rule.cidr}]
            permissions.append(permission)
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=permissions)
        open_admin = [r for r in rules if r.is_public_admin()]
        self.expect(
            "aws.ec2.security_group_no_public_admin_ports",
            f"arn:{self.partition}:ec2:{region}:{self.account}:security-group/{group}",
            not open_admin,
            f"{name}: "
            + (
                "; ".join(f"{r.protocol} {r.from_port}-{r.to_port} from {r.cidr}" for r in open_admin)
                or "no admin port open to the internet"
            ),
        )

    def volume(self, region: str, name: str, size: int, *, kms_key: str | None) -> None:
        ec2 = self.client("ec2", region)
        extra: dict[str, Any] = {"Encrypted": True, "KmsKeyId": kms_key} if kms_key else {"Encrypted": False}
        volume = ec2.create_volume(
            AvailabilityZone=f"{region}a",
            Size=size,
            VolumeType="gp3",
            TagSpecifications=[{"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": name}]}],
            **extra,
        )["VolumeId"]
        self.expect(
            "aws.ec2.ebs_volume_encrypted",
            f"arn:{self.partition}:ec2:{region}:{self.account}:volume/{volume}",
            kms_key is not None,
            f"{name}: {'encrypted with KMS' if kms_key else 'unencrypted'}",
        )

    def ebs_encryption_by_default(self, region: str, enabled: bool) -> None:
        ec2 = self.client("ec2", region)
        if enabled:
            ec2.enable_ebs_encryption_by_default()
        else:
            ec2.disable_ebs_encryption_by_default()
        self.expect(
            "aws.ec2.ebs_encryption_by_default",
            f"arn:{self.partition}:ec2:{region}:{self.account}:ebs-encryption-by-default",
            enabled,
            f"{'on' if enabled else 'off'} in {region}",
        )

    # IAM --------------------------------------------------------------------------------
    def password_policy(self, **policy: Any) -> None:
        self.client("iam").update_account_password_policy(**policy)
        strong = (
            policy.get("MinimumPasswordLength", 0) >= 14
            and policy.get("PasswordReusePrevention", 0) >= 24
            and all(
                policy.get(k)
                for k in (
                    "RequireSymbols",
                    "RequireNumbers",
                    "RequireUppercaseCharacters",
                    "RequireLowercaseCharacters",
                )
            )
        )
        self.expect(
            "aws.iam.password_policy_strong",
            f"arn:{self.partition}:iam::{self.account}:account-password-policy",
            strong,
            f"minimum length {policy.get('MinimumPasswordLength')}, "
            f"reuse prevention {policy.get('PasswordReusePrevention', 'off')}",
        )

    def user(
        self,
        name: str,
        *,
        console: bool = False,
        mfa: bool = False,
        keys: Sequence[tuple[str, timedelta | None]] = (),
    ) -> None:
        iam = self.client("iam")
        arn = iam.create_user(UserName=name)["User"]["Arn"]
        self._users.append(name)
        if console:
            iam.create_login_profile(UserName=name, Password="Demo-Passw0rd!-not-secret", PasswordResetRequired=False)
        if mfa:
            serial = iam.create_virtual_mfa_device(VirtualMFADeviceName=name)["VirtualMFADevice"]["SerialNumber"]
            iam.enable_mfa_device(
                UserName=name, SerialNumber=serial, AuthenticationCode1="123456", AuthenticationCode2="654321"
            )
        if console:
            self.expect(
                "aws.iam.console_user_mfa", arn, mfa, f"{name}: console password {'with' if mfa else 'without'} MFA"
            )
        if not keys:
            return
        stale_active = False
        for status, age in keys:
            key = iam.create_access_key(UserName=name)["AccessKey"]["AccessKeyId"]
            if status != "Active":
                iam.update_access_key(UserName=name, AccessKeyId=key, Status=status)
            if (
                age is not None
                and self._age_access_key(name, key, age)
                and status == "Active"
                and age > timedelta(days=90)
            ):
                stale_active = True
        self.expect(
            "aws.iam.access_keys_rotated_90_days",
            arn,
            not stale_active,
            f"{name}: " + ", ".join(f"{st} key {(ag or timedelta()).days} days old" for st, ag in keys),
        )

    def root(self, *, mfa: bool, access_keys: bool) -> None:
        """Root MFA and root access keys exist only as account-summary flags (moto: both 0)."""
        backend = self._moto_iam_backend()
        if backend is not None:
            # moto tweak: the root user cannot be given an MFA device or access keys through any
            # API, and moto's GetAccountSummary reports AccountMFAEnabled and
            # AccountAccessKeysPresent from these two attributes (both 0 by default).
            backend.account_summary._account_mfa_enabled = int(mfa)
            backend.account_summary._account_access_keys_present = int(access_keys)
        else:
            mfa, access_keys = False, False
        account = f"arn:{self.partition}:iam::{self.account}:root"
        self.expect("aws.iam.root_mfa_enabled", account, mfa, f"root MFA {'on' if mfa else 'off'}")
        self.expect(
            "aws.iam.root_no_access_keys",
            account,
            not access_keys,
            "root has access keys" if access_keys else "no root access keys",
        )

    def _moto_iam_backend(self) -> Any | None:
        """moto's in-process IAM backend of this account, if it is the one we seeded."""
        try:
            from moto.iam.models import iam_backends
        except ImportError:  # pragma: no cover - moto is a dependency
            return None
        backend = iam_backends[self.account][self.partition]
        if not all(name in backend.users for name in self._users):
            log.warning("moto runs out of process: root MFA/keys and access key ages cannot be seeded")
            return None
        return backend

    def _age_access_key(self, user: str, key_id: str, age: timedelta) -> bool:
        backend = self._moto_iam_backend()
        if backend is None:
            return False
        # moto tweak: AWS sets CreateDate when a key is created and no API changes it, so a
        # key is aged by moving moto's record of it into the past (ListAccessKeys reads it).
        for key in backend.users[user].access_keys:
            if key.access_key_id == key_id:
                key.create_date = datetime.now(timezone.utc).replace(tzinfo=None) - age
                return True
        return False

    # CloudTrail -------------------------------------------------------------------------
    def trail(
        self, region: str, name: str, *, bucket: str, multi_region: bool, validation: bool, kms_key: str | None
    ) -> None:
        if bucket not in self._buckets:
            # A trail bucket of its own, hardened but for access logging.
            self.bucket(
                bucket,
                region,
                encryption=("AES256", None),
                block=ALL_BLOCKED,
                versioning="Enabled",
                policy=_service_write_policy(bucket, "cloudtrail.amazonaws.com"),
            )
        cloudtrail = self.client("cloudtrail", region)
        extra = {"KmsKeyId": kms_key} if kms_key else {}
        arn = cloudtrail.create_trail(
            Name=name,
            S3BucketName=bucket,
            IsMultiRegionTrail=multi_region,
            IncludeGlobalServiceEvents=multi_region,
            EnableLogFileValidation=validation,
            **extra,
        )["TrailARN"]
        cloudtrail.put_event_selectors(
            TrailName=arn,
            EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": True, "DataResources": []}],
        )
        cloudtrail.start_logging(Name=arn)
        self._trails.append((name, multi_region, validation, True))
        self.expect(
            "aws.cloudtrail.trail_encrypted_with_kms",
            arn,
            kms_key is not None,
            f"{name}: {'KMS' if kms_key else 'SSE-S3 only'}",
        )

    def finish(self) -> list[SeededExpectation]:
        """The expectations, once every resource is seeded (some depend on account settings)."""
        self._judge_buckets()
        self._judge_trails()
        return self.expectations

    def _judge_trails(self) -> None:
        good = [n for n, multi, validation, logging_ in self._trails if multi and validation and logging_]
        self.expect(
            "aws.cloudtrail.multi_region_trail_logging",
            f"arn:{self.partition}:iam::{self.account}:root",
            bool(good),
            f"multi-region trail {good[0]} logging with validation"
            if good
            else "no multi-region trail that logs with log file validation",
        )
