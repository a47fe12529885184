"""The demo companies' platform services (issue 3, part B), seeded in moto.

`seed_platform_services(seeder, regions, kms, compliant)` adds to a company being seeded by
`attestkit.demo.aws_company`: GuardDuty, AWS Config and Security Hub in each region, ACM
certificates, Lambda functions, EFS, ECR, ElastiCache, OpenSearch, Redshift, EC2 instances,
EBS snapshots and AMIs, IAM customer managed policies, the use of the company's IAM
credentials, SSM parameters and ECS task definitions. Every deliberate resource gets a
`SeededExpectation` through `seeder.expect`.

With `compliant=False` (Carebridge Health, at least three regions) every check meets both
compliant and deliberately non-compliant resources; with `compliant=True` (Meridian
Virtual Care) every resource passes. Nothing here creates an S3 bucket, a VPC (whose
default security group the foundation's tests count), an EBS volume that outlives the
seeding, or an IAM user: those inventories belong to the foundation's expectations.

Secret-looking strings seeded here (Lambda environment values, EC2 user data, SSM String
values, ECS environment values) are fake; the collector must never write any of them, and
`SECRET_MARKERS` lists them so tests can look for them in a bundle.

moto cannot express a few things; those tweaks of its in-process state are commented where
they happen and skipped with an out-of-process moto server (the expectations then say what
will be seen instead).
"""

from __future__ import annotations

import io
import json
import logging
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # aws_company imports this module; the seeder is only passed in
    from attestkit.demo.aws_company import _Seeder

log = logging.getLogger(__name__)

SECRET_MARKERS: tuple[str, ...] = (
    "demo-lambda-env-secret-7f3a",
    "demo-user-data-secret-91c2",
    "demo-ssm-string-secret-4b8e",
    "demo-ecs-env-secret-d05f",
)
"""Fake secret values seeded into places the collector must never copy into a bundle."""

UNUSED_DAYS = 90
"""The unused-credentials check disables credentials unused for longer than this."""

EXPIRY_WARNING_DAYS = 30
"""The ACM check fails certificates expiring within this many days."""

OTHER_ACCOUNT = "210987654321"
"""An account snapshots are shared with (sharing with one account is not public)."""

DEPRECATED_RUNTIME = "python3.8"  # deprecated by Lambda on 2024-10-14
SUPPORTED_RUNTIME = "python3.13"  # supported until 2029-06-30

_CREDENTIAL_USE: dict[str, dict[str, int]] = {
    # user -> days since the console password was last used / since the user (and so its
    # login profile) was created; moto records neither, see _credentials().
    "dr-amelia-chen": {"password_used_days_ago": 2},
    "jordan-reyes-billing": {"password_used_days_ago": 130, "created_days_ago": 400},
    "priya-natarajan": {"password_used_days_ago": 1},
}


def seed_platform_services(seeder: _Seeder, regions: Sequence[str], kms: dict[str, str], compliant: bool) -> None:
    """Seed the platform services of the company `seeder` is building, in `regions`."""
    regions = tuple(regions)
    if not compliant and len(regions) < 3:
        raise ValueError("the non-compliant company needs three regions to spread its findings over")
    p = _Platform(seeder, regions, kms, compliant)
    p.detection()
    p.certificates()
    p.functions()
    p.storage()
    p.containers()
    p.caches_and_search()
    p.warehouse()
    p.compute()
    p.iam_policies()
    p.credentials()
    p.parameters()


class _Platform:
    def __init__(self, seeder: _Seeder, regions: tuple[str, ...], kms: dict[str, str], compliant: bool) -> None:
        self.s = seeder
        self.regions = regions
        self.home = regions[0]
        self.kms = kms
        self.compliant = compliant
        self.prefix = "meridian" if compliant else "carebridge"
        self.account = seeder.account
        self.partition = seeder.partition

    def arn(self, service: str, region: str, resource: str) -> str:
        return f"arn:{self.partition}:{service}:{region}:{self.account}:{resource}"

    def region(self, index: int) -> str:
        """The index-th region of a non-compliant company, the home region of a compliant one."""
        return self.home if self.compliant else self.regions[index]

    # GuardDuty, AWS Config, Security Hub ------------------------------------------------
    def detection(self) -> None:
        for index, region in enumerate(self.regions):
            # Non-compliant: on in the first region, suspended in the second, absent after.
            state = "on" if self.compliant or index == 0 else ("suspended" if index == 1 else "absent")
            self.guardduty(region, state)
            recorder = "all" if self.compliant or index == 0 else ("some" if index == 1 else "absent")
            self.config_recorder(region, recorder)
            self.security_hub(region, self.compliant or index == 0)

    def guardduty(self, region: str, state: str) -> None:
        if state != "absent":
            self.s.client("guardduty", region).create_detector(
                Enable=state == "on", FindingPublishingFrequency="FIFTEEN_MINUTES", Tags={"Team": "security"}
            )
        self.s.expect(
            "aws.guardduty.detector_enabled",
            self.arn("guardduty", region, "detector"),
            state == "on",
            f"GuardDuty {'enabled' if state == 'on' else 'detector suspended' if state == 'suspended' else 'never enabled'} in {region}",
        )

    def config_recorder(self, region: str, recorder: str) -> None:
        config = self.s.client("config", region)
        if recorder != "absent":
            group: dict[str, Any] = (
                {"allSupported": True, "includeGlobalResourceTypes": region == self.home}
                if recorder == "all"
                else {
                    "allSupported": False,
                    "includeGlobalResourceTypes": False,
                    "resourceTypes": ["AWS::S3::Bucket", "AWS::EC2::Volume"],
                }
            )
            config.put_configuration_recorder(
                ConfigurationRecorder={
                    "name": "default",
                    "roleARN": f"arn:{self.partition}:iam::{self.account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
                    "recordingGroup": group,
                }
            )
            # moto does not check that the delivery bucket exists; none is created, so the
            # foundation's bucket inventory stays as it is.
            config.put_delivery_channel(
                DeliveryChannel={"name": "default", "s3BucketName": f"{self.prefix}-config-history"}
            )
            config.start_configuration_recorder(ConfigurationRecorderName="default")
        self.s.expect(
            "aws.config.recorder_recording_all_resources",
            self.arn("config", region, "configuration-recorder"),
            recorder == "all",
            {
                "all": f"recorder recording all supported resource types in {region}",
                "some": f"recorder limited to two resource types in {region}",
                "absent": f"no configuration recorder in {region}",
            }[recorder],
        )

    def security_hub(self, region: str, enabled: bool) -> None:
        if enabled:
            self.s.client("securityhub", region).enable_security_hub(EnableDefaultStandards=True)
        self.s.expect(
            "aws.securityhub.hub_enabled",
            self.arn("securityhub", region, "hub/default"),
            enabled,
            f"Security Hub {'enabled' if enabled else 'not enabled'} in {region}",
        )

    # ACM ----------------------------------------------------------------------------------
    def certificates(self) -> None:
        self.certificate(self.home, f"portal.{self.prefix}.example", valid_days=365)
        if not self.compliant:
            # An imported certificate nobody renewed: ACM renews only the certificates it issued.
            self.certificate(self.home, f"fax-gateway.{self.prefix}.example", valid_days=12)

    def certificate(self, region: str, domain: str, *, valid_days: int) -> None:
        body, key = _self_signed(domain, valid_days)
        arn = self.s.client("acm", region).import_certificate(
            Certificate=body, PrivateKey=key, Tags=[{"Key": "Name", "Value": domain}]
        )["CertificateArn"]
        self.s.expect(
            "aws.acm.certificate_not_expiring_30_days",
            arn,
            valid_days > EXPIRY_WARNING_DAYS,
            f"{domain}: expires in {valid_days} days",
        )

    # Lambda -------------------------------------------------------------------------------
    def functions(self) -> None:
        role = self.s.client("iam").create_role(
            RoleName=f"{self.prefix}-lambda-execution",
            AssumeRolePolicyDocument=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "lambda.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                        }
                    ],
                }
            ),
        )["Role"]["Arn"]
        self.function(
            self.home,
            f"{self.prefix}-appointment-reminders",
            role,
            SUPPORTED_RUNTIME,
            env={"SMS_API_TOKEN": SECRET_MARKERS[0], "REMINDER_WINDOW_HOURS": "24"},
            kms_key=self.kms[self.home],
            policy="service",
        )
        if self.compliant:
            return
        self.function(
            self.region(0),
            f"{self.prefix}-hl7-legacy-parser",
            role,
            DEPRECATED_RUNTIME,
            env={"DB_PASSWORD": SECRET_MARKERS[0]},
            kms_key=None,
            policy=None,
        )
        self.function(
            self.region(1), f"{self.prefix}-video-webhook", role, "python3.12", env=None, kms_key=None, policy="public"
        )
        self.function(
            self.region(2),
            f"{self.prefix}-eu-intake-processor",
            role,
            SUPPORTED_RUNTIME,
            env={"INTAKE_QUEUE": "eu-intake"},
            kms_key=self.kms[self.region(2)],
            policy="service",
        )

    def function(
        self,
        region: str,
        name: str,
        role: str,
        runtime: str,
        *,
        env: dict[str, str] | None,
        kms_key: str | None,
        policy: str | None,
    ) -> None:
        client = self.s.client("lambda", region)
        extra: dict[str, Any] = {}
        if env is not None:
            extra["Environment"] = {"Variables": env}
        if kms_key is not None:
            extra["KMSKeyArn"] = kms_key
        arn = client.create_function(
            FunctionName=name,
            Runtime=runtime,
            Role=role,
            Handler="handler.handle",
            Code={"ZipFile": _zip({"handler.py": "def handle(event, context):\n    return {}\n"})},
            Tags={"Team": "platform"},
            **extra,
        )["FunctionArn"]
        if policy == "public":
            # A webhook opened to anyone: the classic "Principal *" without a condition.
            client.add_permission(
                FunctionName=name, StatementId="AnyoneMayInvoke", Action="lambda:InvokeFunction", Principal="*"
            )
        elif policy == "service":
            client.add_permission(
                FunctionName=name,
                StatementId="S3Notifications",
                Action="lambda:InvokeFunction",
                Principal="s3.amazonaws.com",
                SourceArn=f"arn:{self.partition}:s3:::{self.prefix}-uploads",
                SourceAccount=self.account,
            )
        supported = runtime != DEPRECATED_RUNTIME
        self.s.expect("aws.lambda.function_runtime_supported", arn, supported, f"{name}: {runtime}")
        if env:
            self.s.expect(
                "aws.lambda.function_environment_encrypted_with_cmk",
                arn,
                kms_key is not None,
                f"{name}: {len(env)} environment variable(s), {'customer managed key' if kms_key else 'AWS managed key'}",
            )
        self.s.expect(
            "aws.lambda.function_not_public",
            arn,
            policy != "public",
            f"{name}: {'invocable by anyone' if policy == 'public' else 'service principal with source conditions' if policy else 'no resource policy'}",
        )

    # EFS ----------------------------------------------------------------------------------
    def storage(self) -> None:
        self.file_system(self.home, f"{self.prefix}-clinical-documents", self.kms[self.home])
        if not self.compliant:
            self.file_system(self.region(1), f"{self.prefix}-video-scratch", None)

    def file_system(self, region: str, name: str, kms_key: str | None) -> None:
        extra: dict[str, Any] = {"Encrypted": True, "KmsKeyId": kms_key} if kms_key else {"Encrypted": False}
        fs = self.s.client("efs", region).create_file_system(
            CreationToken=name, PerformanceMode="generalPurpose", Tags=[{"Key": "Name", "Value": name}], **extra
        )
        arn = fs.get("FileSystemArn") or self.arn("elasticfilesystem", region, f"file-system/{fs['FileSystemId']}")
        self.s.expect(
            "aws.efs.file_system_encrypted", arn, kms_key is not None, f"{name}: {'KMS' if kms_key else 'unencrypted'}"
        )

    # ECR, ECS -----------------------------------------------------------------------------
    def containers(self) -> None:
        self.repository(self.home, f"{self.prefix}/patient-portal", scan=True, immutable=True)
        self.task_definition(
            self.home,
            f"{self.prefix}-patient-portal",
            env={"LOG_LEVEL": "info", "PORTAL_BASE_URL": "https://portal.example"},
            secrets=["DB_PASSWORD", "SESSION_SIGNING_KEY"],
            earlier_env={"DB_PASSWORD": SECRET_MARKERS[3]},
        )
        if self.compliant:
            return
        self.repository(self.region(0), f"{self.prefix}/legacy-hl7", scan=False, immutable=False)
        self.task_definition(
            self.region(1),
            f"{self.prefix}-video-transcoder",
            env={"VIDEO_API_TOKEN": SECRET_MARKERS[3], "OUTPUT_FORMAT": "h264"},
            secrets=[],
        )

    def repository(self, region: str, name: str, *, scan: bool, immutable: bool) -> None:
        arn = self.s.client("ecr", region).create_repository(
            repositoryName=name,
            imageScanningConfiguration={"scanOnPush": scan},
            imageTagMutability="IMMUTABLE" if immutable else "MUTABLE",
        )["repository"]["repositoryArn"]
        self.s.expect("aws.ecr.repository_scan_on_push", arn, scan, f"{name}: scan on push {'on' if scan else 'off'}")
        self.s.expect(
            "aws.ecr.repository_tag_immutability",
            arn,
            immutable,
            f"{name}: tags {'immutable' if immutable else 'mutable'}",
        )

    def task_definition(
        self,
        region: str,
        family: str,
        *,
        env: dict[str, str],
        secrets: list[str],
        earlier_env: dict[str, str] | None = None,
    ) -> None:
        ecs = self.s.client("ecs", region)

        def register(environment: dict[str, str], secret_names: list[str]) -> None:
            ecs.register_task_definition(
                family=family,
                containerDefinitions=[
                    {
                        "name": "app",
                        "image": f"{self.account}.dkr.ecr.{region}.amazonaws.com/{family}:1.0.0",
                        "memory": 512,
                        "environment": [{"name": k, "value": v} for k, v in environment.items()],
                        "secrets": [
                            {
                                "name": n,
                                "valueFrom": f"arn:{self.partition}:secretsmanager:{region}:{self.account}:secret:{family}/{n.lower()}",
                            }
                            for n in secret_names
                        ],
                    }
                ],
            )

        if earlier_env is not None:
            # An earlier revision with the password in plain environment: only the latest
            # ACTIVE revision is judged.
            register(earlier_env, [])
        register(env, secrets)
        exposed = [k for k in env if _sensitive(k)]
        self.s.expect(
            "aws.ecs.task_definition_secrets_not_in_environment",
            self.arn("ecs", region, f"task-definition/{family}"),
            not exposed,
            f"{family}: "
            + (f"{', '.join(exposed)} in plain environment" if exposed else f"secrets {secrets or 'none'}"),
        )

    # ElastiCache, OpenSearch --------------------------------------------------------------
    def caches_and_search(self) -> None:
        self.replication_group(self.home, f"{self.prefix}-sessions", at_rest=True, in_transit=True)
        self.domain(self.home, f"{self.prefix}-clinical-search", at_rest=True, node_to_node=True, tls="1.2")
        if self.compliant:
            return
        self.replication_group(self.region(1), f"{self.prefix}-video-signaling", at_rest=True, in_transit=False)
        self.memcached(self.region(2), f"{self.prefix}-eu-rate-limiter")
        self.domain(self.region(1), f"{self.prefix}-video-analytics", at_rest=False, node_to_node=True, tls=None)
        self.domain(self.region(2), f"{self.prefix}-eu-audit-logs", at_rest=True, node_to_node=False, tls="1.0")

    def replication_group(self, region: str, name: str, *, at_rest: bool, in_transit: bool) -> None:
        self.s.client("elasticache", region).create_replication_group(
            ReplicationGroupId=name,
            ReplicationGroupDescription=f"{name} (Redis OSS)",
            Engine="redis",
            CacheNodeType="cache.t4g.small",
            NumCacheClusters=2,
            AtRestEncryptionEnabled=at_rest,
            TransitEncryptionEnabled=in_transit,
        )
        rid = self.arn("elasticache", region, f"replicationgroup:{name}")
        self.s.expect(
            "aws.elasticache.encryption_at_rest", rid, at_rest, f"{name}: at rest {'on' if at_rest else 'off'}"
        )
        self.s.expect(
            "aws.elasticache.encryption_in_transit",
            rid,
            in_transit,
            f"{name}: in transit {'on' if in_transit else 'off'}",
        )

    def memcached(self, region: str, name: str) -> None:
        """A standalone Memcached cluster: Memcached has no encryption at rest at all."""
        self.s.client("elasticache", region).create_cache_cluster(
            CacheClusterId=name, Engine="memcached", CacheNodeType="cache.t4g.small", NumCacheNodes=1
        )
        rid = self.arn("elasticache", region, f"cluster:{name}")
        self.s.expect("aws.elasticache.encryption_at_rest", rid, False, f"{name}: Memcached, no encryption at rest")
        self.s.expect("aws.elasticache.encryption_in_transit", rid, False, f"{name}: in transit off")

    def domain(self, region: str, name: str, *, at_rest: bool, node_to_node: bool, tls: str | None) -> None:
        endpoint: dict[str, Any] = {"EnforceHTTPS": tls is not None}
        if tls is not None:
            endpoint["TLSSecurityPolicy"] = (
                "Policy-Min-TLS-1-2-PFS-2023-10" if tls == "1.2" else "Policy-Min-TLS-1-0-2019-07"
            )
        self.s.client("opensearch", region).create_domain(
            DomainName=name,
            EngineVersion="OpenSearch_2.13",
            EncryptionAtRestOptions={"Enabled": at_rest, **({"KmsKeyId": self.kms[region]} if at_rest else {})},
            NodeToNodeEncryptionOptions={"Enabled": node_to_node},
            DomainEndpointOptions=endpoint,
        )
        rid = self.arn("es", region, f"domain/{name}")
        self.s.expect(
            "aws.opensearch.domain_encryption_at_rest", rid, at_rest, f"{name}: at rest {'on' if at_rest else 'off'}"
        )
        self.s.expect(
            "aws.opensearch.domain_node_to_node_encryption",
            rid,
            node_to_node,
            f"{name}: node-to-node {'on' if node_to_node else 'off'}",
        )
        self.s.expect(
            "aws.opensearch.domain_https_tls12",
            rid,
            tls == "1.2",
            f"{name}: " + (f"HTTPS enforced, TLS {tls} minimum" if tls else "HTTP allowed"),
        )

    # Redshift -----------------------------------------------------------------------------
    def warehouse(self) -> None:
        self.redshift(self.home, f"{self.prefix}-analytics", kms_key=self.kms[self.home], public=False)
        if not self.compliant:
            self.redshift(self.region(1), f"{self.prefix}-bi-sandbox", kms_key=None, public=True)

    def redshift(self, region: str, name: str, *, kms_key: str | None, public: bool) -> None:
        extra: dict[str, Any] = {"Encrypted": True, "KmsKeyId": kms_key} if kms_key else {"Encrypted": False}
        self.s.client("redshift", region).create_cluster(
            ClusterIdentifier=name,
            NodeType="ra3.xlplus",
            MasterUsername="warehouse_admin",
            MasterUserPassword="Demo-Passw0rd-not-secret",
            PubliclyAccessible=public,
            Tags=[{"Key": "Team", "Value": "data"}],
            **extra,
        )
        rid = self.arn("redshift", region, f"cluster:{name}")
        self.s.expect(
            "aws.redshift.cluster_encrypted", rid, kms_key is not None, f"{name}: {'KMS' if kms_key else 'unencrypted'}"
        )
        self.s.expect(
            "aws.redshift.cluster_not_public", rid, not public, f"{name}: {'public' if public else 'private'}"
        )

    # EC2 instances, snapshots, AMIs -------------------------------------------------------
    def compute(self) -> None:
        self.instance(self.home, f"{self.prefix}-hl7-worker", imds_v2=True, public_ip=False)
        self.snapshot(self.home, f"{self.prefix}-ehr-db-nightly", share=None)
        self.image(self.home, f"{self.prefix}-portal-golden", public=False)
        if self.compliant:
            return
        self.instance(self.region(0), f"{self.prefix}-portal-web", imds_v2=True, public_ip=True)
        self.instance(self.region(0), f"{self.prefix}-fax-relay", imds_v2=False, public_ip=False)
        self.snapshot(self.region(0), f"{self.prefix}-dr-copy", share=OTHER_ACCOUNT)
        self.snapshot(self.region(1), f"{self.prefix}-video-index-export", share="all")
        self.image(self.region(1), f"{self.prefix}-transcoder-base", public=True)

    def instance(self, region: str, name: str, *, imds_v2: bool, public_ip: bool) -> None:
        ec2 = self.s.client("ec2", region)
        subnet = _default_subnet(ec2)
        instance = ec2.run_instances(
            ImageId="ami-12345678",
            InstanceType="t3.small",
            MinCount=1,
            MaxCount=1,
            # moto tweak: "NoDevice" keeps moto from creating a root volume, so the EBS volume
            # inventory stays the foundation's (every volume there carries an expectation).
            BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8}, "NoDevice": ""}],
            NetworkInterfaces=[{"DeviceIndex": 0, "SubnetId": subnet, "AssociatePublicIpAddress": public_ip}],
            MetadataOptions={"HttpTokens": "required" if imds_v2 else "optional", "HttpEndpoint": "enabled"},
            UserData=f"#!/bin/sh\nexport DB_PASSWORD={SECRET_MARKERS[1]}\n",
            TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": name}]}],
        )["Instances"][0]
        rid = self.arn("ec2", region, f"instance/{instance['InstanceId']}")
        self.s.expect(
            "aws.ec2.instance_imdsv2_required",
            rid,
            imds_v2,
            f"{name}: IMDS tokens {'required' if imds_v2 else 'optional (IMDSv1 allowed)'}",
        )
        self.s.expect(
            "aws.ec2.instance_no_public_ip",
            rid,
            not public_ip,
            f"{name}: {'public IPv4 address' if public_ip else 'private addresses only'}",
        )

    def snapshot(self, region: str, name: str, *, share: str | None) -> None:
        ec2 = self.s.client("ec2", region)
        # The volume is deleted once snapshotted (a decommissioned disk's last copy), so the
        # foundation's volume inventory stays as it was.
        volume = ec2.create_volume(AvailabilityZone=f"{region}a", Size=20, Encrypted=False)["VolumeId"]
        snapshot = ec2.create_snapshot(
            VolumeId=volume,
            Description=name,
            TagSpecifications=[{"ResourceType": "snapshot", "Tags": [{"Key": "Name", "Value": name}]}],
        )["SnapshotId"]
        ec2.delete_volume(VolumeId=volume)
        if share is not None:
            who: dict[str, Any] = {"GroupNames": ["all"]} if share == "all" else {"UserIds": [share]}
            ec2.modify_snapshot_attribute(
                SnapshotId=snapshot, Attribute="createVolumePermission", OperationType="add", **who
            )
        self.s.expect(
            "aws.ec2.snapshot_not_public",
            self.arn("ec2", region, f"snapshot/{snapshot}"),
            share != "all",
            f"{name}: "
            + ("restorable by anyone" if share == "all" else f"shared with {share}" if share else "private"),
        )

    def image(self, region: str, name: str, *, public: bool) -> None:
        ec2 = self.s.client("ec2", region)
        image = ec2.register_image(
            Name=name,
            Architecture="x86_64",
            RootDeviceName="/dev/xvda",
            VirtualizationType="hvm",
            BlockDeviceMappings=[{"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8, "Encrypted": True}}],
        )["ImageId"]
        if public:
            ec2.modify_image_attribute(ImageId=image, LaunchPermission={"Add": [{"Group": "all"}]})
        self.s.expect(
            "aws.ec2.ami_not_public",
            self.arn("ec2", region, f"image/{image}"),
            not public,
            f"{name}: {'launchable by anyone' if public else 'private'}",
        )

    # IAM ----------------------------------------------------------------------------------
    def iam_policies(self) -> None:
        self.policy(
            f"{self.prefix}-phi-bucket-read",
            [_statement(["s3:GetObject", "s3:ListBucket"], [f"arn:{self.partition}:s3:::{self.prefix}-phi-*"])],
            admin=False,
            reason="read access to the PHI buckets only",
        )
        if self.compliant:
            return
        self.policy(
            f"{self.prefix}-break-glass-admin",
            [_statement("*", "*")],
            admin=True,
            reason='Allow "*" on "*"',
        )
        # Admin once, scoped since: only the default version counts.
        self.policy(
            f"{self.prefix}-deploy-pipeline",
            [_statement("*", "*")],
            admin=False,
            reason="v1 allowed everything; the default version v2 is scoped to ECS and ECR",
            then=[_statement(["ecs:UpdateService", "ecr:PutImage"], "*")],
        )

    def policy(
        self,
        name: str,
        statements: list[dict[str, Any]],
        *,
        admin: bool,
        reason: str,
        then: list[dict[str, Any]] | None = None,
    ) -> None:
        iam = self.s.client("iam")
        arn = iam.create_policy(
            PolicyName=name, PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements})
        )["Policy"]["Arn"]
        if then is not None:
            iam.create_policy_version(
                PolicyArn=arn,
                PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": then}),
                SetAsDefault=True,
            )
        self.s.expect("aws.iam.no_full_admin_customer_policy", arn, not admin, f"{name}: {reason}")

    def credentials(self) -> None:
        """When each of the company's IAM users last used a credential; see _CREDENTIAL_USE."""
        backend = self.s._moto_iam_backend()
        iam = self.s.client("iam")
        now = datetime.now(timezone.utc)
        for name in self.s._users:
            use = _CREDENTIAL_USE.get(name, {})
            if backend is not None and use:
                # moto tweak: no API sets when a password was last used, and moto dates a login
                # profile by its user's creation; both are moved on moto's record of the user.
                user = backend.users[name]
                naive_now = now.replace(tzinfo=None)
                if "password_used_days_ago" in use:
                    user.password_last_used = naive_now - timedelta(days=use["password_used_days_ago"])
                if "created_days_ago" in use:
                    user.create_date = naive_now - timedelta(days=use["created_days_ago"])
            self._expect_credentials(iam, name, now)

    def _expect_credentials(self, iam: Any, name: str, now: datetime) -> None:
        """The expectation for one user, from what was seeded (read back through IAM, since
        the foundation seeded the users and aged their keys)."""
        user = iam.get_user(UserName=name)["User"]
        found: list[tuple[str, int]] = []  # (credential, days since last use or creation)
        try:
            profile = iam.get_login_profile(UserName=name)["LoginProfile"]
        except iam.exceptions.NoSuchEntityException:
            profile = None
        if profile is not None:
            since = user.get("PasswordLastUsed") or profile["CreateDate"]
            found.append(("console password", (now - since).days))
        for key in iam.list_access_keys(UserName=name)["AccessKeyMetadata"]:
            if key["Status"] != "Active":
                continue
            used = iam.get_access_key_last_used(AccessKeyId=key["AccessKeyId"])["AccessKeyLastUsed"]
            since = used.get("LastUsedDate") or key["CreateDate"]
            found.append((f"access key {key['AccessKeyId'][-4:]}", (now - since).days))
        if not found:
            return  # no enabled credential: not judged
        stale = [f"{what} unused for {days} days" for what, days in found if days > UNUSED_DAYS]
        self.s.expect(
            "aws.iam.credentials_unused_90_days_disabled",
            user["Arn"],
            not stale,
            f"{name}: " + ("; ".join(stale) if stale else "every enabled credential used or created within 90 days"),
        )

    # SSM ----------------------------------------------------------------------------------
    def parameters(self) -> None:
        self.parameter(self.home, f"/{self.prefix}/prod/sms/api-token", "SecureString", self.kms[self.home])
        if self.compliant:
            return
        self.parameter(self.region(0), f"/{self.prefix}/prod/ehr/db-password", "String", None)
        self.parameter(self.region(0), f"/{self.prefix}/prod/portal/base-url", "String", None)
        self.parameter(self.region(2), f"/{self.prefix}/eu/intake/signing-key", "SecureString", None)

    def parameter(self, region: str, name: str, type: str, kms_key: str | None) -> None:
        extra = {"KeyId": kms_key} if kms_key else {}
        value = SECRET_MARKERS[2] if type == "String" else "not-the-secret-you-are-looking-for"
        if not _sensitive(name):
            value = "https://portal.example"
        self.s.client("ssm", region).put_parameter(Name=name, Value=value, Type=type, **extra)
        if _sensitive(name):
            self.s.expect(
                "aws.ssm.sensitive_parameter_secure_string",
                self.arn("ssm", region, f"parameter/{name.lstrip('/')}"),
                type == "SecureString",
                f"{name}: {type}",
            )


# ------------------------------------------------------------------------------------------


def _sensitive(name: str) -> bool:
    """The demo's reading of the checks' sensitive-name rule (the Rego pattern is authoritative)."""
    lowered = name.lower()
    if re.search(
        r"(key|token|secret|password|credentials?)[-_.]?(id|arn|alias|name|url|uri|endpoint|type|length|ttl)$", lowered
    ):
        return False
    return bool(
        re.search(
            r"passw(or)?d|passphrase|secret|token|credential|private[-_.]?key|api[-_.]?key|access[-_.]?key|(^|[^a-z0-9])key([^a-z0-9]|$)",
            lowered,
        )
    )


def _statement(action: str | list[str], resource: str | list[str]) -> dict[str, Any]:
    return {"Effect": "Allow", "Action": action, "Resource": resource}


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _default_subnet(ec2: Any) -> str:
    subnets = ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]
    return str(min(subnets, key=lambda s: s["AvailabilityZone"])["SubnetId"])


def _self_signed(domain: str, valid_days: int) -> tuple[bytes, bytes]:
    """A self-signed certificate for `domain` valid from yesterday for `valid_days` days."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = datetime.now(timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=valid_days, hours=12))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    return (
        certificate.public_bytes(serialization.Encoding.PEM),
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        ),
    )
