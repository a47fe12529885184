"""The demo companies' databases, keys, logs, networks, load balancers, CDN, messaging,
secrets and backups, seeded in moto (RDS, DynamoDB, KMS, CloudWatch Logs, VPC flow logs and
default security groups, ELBv2, CloudFront, SNS, SQS, Secrets Manager, AWS Backup).

`seed_data_services(seeder, regions, kms, compliant)` is called by `seed_telehealth_company`
(compliant=False: Carebridge Health's realistic mix, every check both passing and failing
somewhere, the account-wide backup plan check failing) and by `seed_compliant_company`
(compliant=True: everything of these services passes, moto's default VPCs and every KMS key
of the company included). It runs after the company's VPCs and KMS keys exist, and records a
`SeededExpectation` for every resource it makes or changes.

Everything is seeded through ordinary boto3 calls, so it works in-process and against a moto
server alike. TLS certificates are self-signed ones imported into ACM (valid for a year, so
the ACM checks pass them). Secrets rotate without a rotation Lambda (moto applies
RotateSecret directly; AWS would run the Lambda). Secret strings are obviously fake.
"""

from __future__ import annotations

import ipaddress
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # aws_company imports this module; the seeder is only passed in
    from attestkit.demo.aws_company import _Seeder

BACKUP_RETENTION_DAYS = 7
"""What the RDS and AWS Backup checks ask for (rego/checks/aws/{rds,backup}/...)."""
LOG_RETENTION_DAYS = 365
"""What aws.logs.log_group_retention_365_days asks for (never expiring passes too)."""
TLS12_POLICIES = ("ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS-1-2-2017-01")
OLD_TLS_POLICY = "ELBSecurityPolicy-2016-08"
"""Still the console's default for older setups: allows TLS 1.0 and 1.1."""
PARTNER_ACCOUNT = "210987654321"
"""A business associate's account a snapshot is shared with (not public)."""


def seed_data_services(seeder: _Seeder, regions: tuple[str, ...], kms: dict[str, str], compliant: bool) -> None:
    """Seed the data services of a demo company into moto; expectations go to `seeder`."""
    _DataServices(seeder, tuple(regions), kms, compliant).seed()


@dataclass(frozen=True)
class _Instance:
    """An RDS DB instance as seeded."""

    name: str
    region: str
    engine: str
    encrypted: bool
    public: bool
    backup_days: int
    deletion_protection: bool
    multi_az: bool
    minor_upgrade: bool
    iam_auth: bool


@dataclass(frozen=True)
class _Cluster:
    name: str
    region: str
    engine: str
    encrypted: bool
    deletion_protection: bool
    backup_days: int


class _DataServices:
    def __init__(self, seeder: _Seeder, regions: tuple[str, ...], kms: dict[str, str], compliant: bool) -> None:
        self.s = seeder
        self.regions = regions
        self.home = regions[0]
        self.kms = kms
        self.compliant = compliant
        self.prefix = "meridian" if compliant else "carebridge"
        self._certificates: dict[tuple[str, str], str] = {}

    def seed(self) -> None:
        logs_bucket = self._network_logs_bucket()
        self._kms()
        self._vpcs(logs_bucket)
        self._rds()
        self._dynamodb()
        self._logs()
        portal = self._load_balancers(logs_bucket)
        self._cloudfront(portal)
        self._messaging()
        self._secrets()
        self._backup()

    # helpers ----------------------------------------------------------------------------
    def arn(self, service: str, region: str, resource: str) -> str:
        return f"arn:{self.s.partition}:{service}:{region}:{self.s.account}:{resource}"

    def certificate(self, region: str, domain: str) -> str:
        """An ACM certificate for `domain` in `region` (imported, self-signed, valid a year), once."""
        if (region, domain) not in self._certificates:
            from attestkit.demo.aws_company_platform_services import _self_signed

            body, key = _self_signed(domain, 365)
            self._certificates[(region, domain)] = self.s.client("acm", region).import_certificate(
                Certificate=body, PrivateKey=key, Tags=[{"Key": "Name", "Value": domain}]
            )["CertificateArn"]
        return self._certificates[(region, domain)]

    def pick(self, telehealth: bool) -> bool:
        """The compliant company always gets the compliant setting."""
        return True if self.compliant else telehealth

    # S3 target of VPC flow logs and load balancer access logs ----------------------------
    def _network_logs_bucket(self) -> str:
        """The company's log bucket in the home region (the target of its S3 access logs).

        No bucket is created here: the S3 inventory belongs to the foundation's expectations.
        (Creating an S3 flow log lets AWS add the delivery statement to the bucket policy.)
        """
        targets = sorted({b.log_to for b in self.s._buckets.values() if b.log_to})
        return next(t for t in targets if self.s._buckets[t].region == self.home)

    # KMS --------------------------------------------------------------------------------
    def _kms(self) -> None:
        # The company's data keys: rotation on, but Carebridge forgot the video region's key.
        for region, key in sorted(self.kms.items()):
            rotate = self.pick(region != "us-west-2")
            if rotate:
                self.s.client("kms", region).enable_key_rotation(KeyId=key)
            self.s.expect(
                "aws.kms.key_rotation_enabled", key, rotate, f"{region} data key: rotation {'on' if rotate else 'off'}"
            )
            self.s.expect("aws.kms.key_not_pending_deletion", key, True, f"{region} data key in use (Enabled)")
        if self.compliant:
            # Meridian rotates every key it has, whoever created it (seeded after the others).
            for region in self.regions:
                kms = self.s.client("kms", region)
                for listed in kms.list_keys()["Keys"]:
                    meta = kms.describe_key(KeyId=listed["KeyId"])["KeyMetadata"]
                    rotatable = meta["KeySpec"] == "SYMMETRIC_DEFAULT" and meta.get("Origin") == "AWS_KMS"
                    if meta["KeyManager"] == "CUSTOMER" and rotatable and meta["KeyState"] in ("Enabled", "Disabled"):
                        kms.enable_key_rotation(KeyId=listed["KeyId"])
            return
        kms = self.s.client("kms", self.home)
        # A key retired with the legacy EMR integration, scheduled for deletion although the
        # legacy volume it encrypted still exists somewhere: a finding to review.
        legacy = kms.create_key(Description="legacy EMR integration key")["KeyMetadata"]
        kms.create_alias(AliasName="alias/carebridge-legacy-emr", TargetKeyId=legacy["KeyId"])
        kms.schedule_key_deletion(KeyId=legacy["KeyId"], PendingWindowInDays=30)
        self.s.expect(
            "aws.kms.key_not_pending_deletion", legacy["Arn"], False, "legacy EMR key scheduled for deletion in 30 days"
        )
        # An asymmetric signing key: automatic rotation does not exist for it (not judged).
        signing = kms.create_key(Description="e-prescription signing", KeySpec="RSA_2048", KeyUsage="SIGN_VERIFY")
        self.s.expect(
            "aws.kms.key_not_pending_deletion",
            signing["KeyMetadata"]["Arn"],
            True,
            "e-prescription signing key (asymmetric, in use)",
        )

    # VPCs: flow logs and default security groups ---------------------------------------
    def _vpcs(self, logs_bucket: str) -> None:
        destination = f"arn:{self.s.partition}:s3:::{logs_bucket}"
        for region in self.regions:
            ec2 = self.s.client("ec2", region)
            for vpc in ec2.describe_vpcs()["Vpcs"]:
                vpc_id, default = vpc["VpcId"], bool(vpc.get("IsDefault"))
                # Carebridge logs all traffic of its production VPC, only rejected traffic in the
                # EU, nothing in the video region or in the default VPCs nobody uses.
                traffic = "ALL" if self.compliant else None
                if not self.compliant and not default:
                    traffic = {self.home: "ALL", "eu-west-1": "REJECT"}.get(region)
                if traffic:
                    ec2.create_flow_logs(
                        ResourceIds=[vpc_id],
                        ResourceType="VPC",
                        TrafficType=traffic,
                        LogDestinationType="s3",
                        LogDestination=destination,
                    )
                what = "default VPC" if default else _name(vpc) or vpc_id
                self.s.expect(
                    "aws.vpc.flow_logs_enabled",
                    self.arn("ec2", region, f"vpc/{vpc_id}"),
                    traffic is not None,
                    f"{what} in {region}: " + (f"flow log of {traffic} traffic to S3" if traffic else "no flow log"),
                )
                self._default_group(region, vpc_id, what, closed=self.pick(region == self.home and not default))

    def _default_group(self, region: str, vpc_id: str, what: str, *, closed: bool) -> None:
        ec2 = self.s.client("ec2", region)
        (group,) = ec2.describe_security_groups(
            Filters=[{"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "group-name", "Values": ["default"]}]
        )["SecurityGroups"]
        group_id = group["GroupId"]
        if closed:
            if group["IpPermissions"]:
                ec2.revoke_security_group_ingress(GroupId=group_id, IpPermissions=group["IpPermissions"])
            if group["IpPermissionsEgress"]:
                ec2.revoke_security_group_egress(GroupId=group_id, IpPermissions=group["IpPermissionsEgress"])
        elif region == "eu-west-1":
            # As AWS creates it: members of the group may reach each other on every port.
            ec2.authorize_security_group_ingress(
                GroupId=group_id, IpPermissions=[{"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": group_id}]}]
            )
        self.s.expect(
            "aws.vpc.default_security_group_restricts_all",
            self.arn("ec2", region, f"security-group/{group_id}"),
            closed,
            f"default group of {what} in {region}: " + ("no rules" if closed else "rules left in place"),
        )

    def _subnets(self, region: str) -> tuple[str, list[str]]:
        """The company's (non-default) VPC in `region` and two new subnets in two zones of it."""
        ec2 = self.s.client("ec2", region)
        vpc = next(v for v in ec2.describe_vpcs()["Vpcs"] if not v.get("IsDefault"))
        blocks = list(ipaddress.ip_network(vpc["CidrBlock"]).subnets(new_prefix=24))[-2:]
        subnets = [
            ec2.create_subnet(VpcId=vpc["VpcId"], CidrBlock=str(block), AvailabilityZone=f"{region}{zone}")["Subnet"][
                "SubnetId"
            ]
            for block, zone in zip(blocks, "ab")
        ]
        return vpc["VpcId"], subnets

    # RDS --------------------------------------------------------------------------------
    def _rds(self) -> None:
        p = self.prefix
        instances = [_Instance(f"{p}-ehr-primary", self.home, "postgres", True, False, 35, True, True, True, True)]
        clusters = [_Cluster(f"{p}-scheduling-aurora", self.home, "aurora-postgresql", True, True, 14)]
        if not self.compliant:
            # A reporting copy a contractor set up in a hurry, and an EU database without standby.
            instances.append(
                _Instance(f"{p}-reporting-db", self.home, "mysql", False, True, 1, False, False, False, False)
            )
            instances.append(
                _Instance(f"{p}-eu-clinic-db", "eu-west-1", "postgres", True, False, 7, True, False, True, False)
            )
            clusters.append(_Cluster(f"{p}-video-metadata", "us-west-2", "aurora-mysql", False, False, 1))
        for db in instances:
            self._instance(db)
        for cluster in clusters:
            self._cluster(cluster)
        # Manual snapshots: private, shared with one business associate, or (Carebridge) public.
        self._snapshot(instances[0], f"{p}-ehr-pre-migration", share=[])
        self._snapshot(instances[0], f"{p}-ehr-for-billing-partner", share=[PARTNER_ACCOUNT])
        self._cluster_snapshot(clusters[0], f"{p}-scheduling-before-upgrade", share=[])
        if not self.compliant:
            self._snapshot(instances[1], f"{p}-reporting-export", share=["all"])
            self._cluster_snapshot(clusters[1], f"{p}-video-metadata-share", share=["all"])

    def _instance(self, db: _Instance) -> None:
        rds = self.s.client("rds", db.region)
        extra: dict[str, Any] = {"KmsKeyId": self.kms[db.region]} if db.encrypted else {}
        arn = rds.create_db_instance(
            DBInstanceIdentifier=db.name,
            DBInstanceClass="db.t3.medium",
            Engine=db.engine,
            MasterUsername="dbadmin",
            MasterUserPassword="demo-only-not-a-real-password",
            AllocatedStorage=100,
            StorageEncrypted=db.encrypted,
            PubliclyAccessible=db.public,
            BackupRetentionPeriod=db.backup_days,
            DeletionProtection=db.deletion_protection,
            MultiAZ=db.multi_az,
            AutoMinorVersionUpgrade=db.minor_upgrade,
            EnableIAMDatabaseAuthentication=db.iam_auth,
            Tags=[{"Key": "Team", "Value": "data-platform"}],
            **extra,
        )["DBInstance"]["DBInstanceArn"]
        judged = [
            (
                "aws.rds.instance_storage_encrypted",
                db.encrypted,
                "storage encrypted" if db.encrypted else "unencrypted",
            ),
            ("aws.rds.instance_not_publicly_accessible", not db.public, "public" if db.public else "private"),
            (
                "aws.rds.instance_backup_retention_7_days",
                db.backup_days >= BACKUP_RETENTION_DAYS,
                f"backups kept {db.backup_days} day(s)",
            ),
            (
                "aws.rds.instance_deletion_protection",
                db.deletion_protection,
                f"deletion protection {db.deletion_protection}",
            ),
            ("aws.rds.instance_multi_az", db.multi_az, "Multi-AZ" if db.multi_az else "single-AZ"),
            ("aws.rds.instance_auto_minor_version_upgrade", db.minor_upgrade, f"auto minor upgrade {db.minor_upgrade}"),
            ("aws.rds.instance_iam_authentication", db.iam_auth, f"IAM authentication {db.iam_auth}"),
        ]
        for check, passes, reason in judged:
            self.s.expect(check, arn, passes, f"{db.name} ({db.engine}): {reason}")

    def _cluster(self, cluster: _Cluster) -> None:
        rds = self.s.client("rds", cluster.region)
        extra: dict[str, Any] = {"KmsKeyId": self.kms[cluster.region]} if cluster.encrypted else {}
        arn = rds.create_db_cluster(
            DBClusterIdentifier=cluster.name,
            Engine=cluster.engine,
            MasterUsername="dbadmin",
            MasterUserPassword="demo-only-not-a-real-password",
            StorageEncrypted=cluster.encrypted,
            DeletionProtection=cluster.deletion_protection,
            BackupRetentionPeriod=cluster.backup_days,
            **extra,
        )["DBCluster"]["DBClusterArn"]
        judged = [
            ("aws.rds.cluster_storage_encrypted", cluster.encrypted, f"storage encrypted {cluster.encrypted}"),
            (
                "aws.rds.cluster_deletion_protection",
                cluster.deletion_protection,
                f"deletion protection {cluster.deletion_protection}",
            ),
            (
                "aws.rds.cluster_backup_retention_7_days",
                cluster.backup_days >= BACKUP_RETENTION_DAYS,
                f"backups kept {cluster.backup_days} day(s)",
            ),
        ]
        for check, passes, reason in judged:
            self.s.expect(check, arn, passes, f"{cluster.name} ({cluster.engine}): {reason}")

    def _snapshot(self, db: _Instance, name: str, *, share: list[str]) -> None:
        rds = self.s.client("rds", db.region)
        arn = rds.create_db_snapshot(DBSnapshotIdentifier=name, DBInstanceIdentifier=db.name)["DBSnapshot"][
            "DBSnapshotArn"
        ]
        if share:
            rds.modify_db_snapshot_attribute(DBSnapshotIdentifier=name, AttributeName="restore", ValuesToAdd=share)
        self.s.expect(
            "aws.rds.snapshot_not_public", arn, "all" not in share, f"{name}: restorable by {share or 'owner only'}"
        )

    def _cluster_snapshot(self, cluster: _Cluster, name: str, *, share: list[str]) -> None:
        rds = self.s.client("rds", cluster.region)
        arn = rds.create_db_cluster_snapshot(DBClusterSnapshotIdentifier=name, DBClusterIdentifier=cluster.name)[
            "DBClusterSnapshot"
        ]["DBClusterSnapshotArn"]
        if share:
            rds.modify_db_cluster_snapshot_attribute(
                DBClusterSnapshotIdentifier=name, AttributeName="restore", ValuesToAdd=share
            )
        self.s.expect(
            "aws.rds.cluster_snapshot_not_public",
            arn,
            "all" not in share,
            f"{name}: restorable by {share or 'owner only'}",
        )

    # DynamoDB ---------------------------------------------------------------------------
    def _dynamodb(self) -> None:
        p = self.prefix
        tables = [(f"{p}-appointments", self.home, True, True)]
        if not self.compliant:
            tables += [
                (f"{p}-session-cache", self.home, False, False),  # AWS owned key (the default), no PITR
                (f"{p}-eu-consent-records", "eu-west-1", True, False),
            ]
        for name, region, kms_key, pitr in tables:
            dynamodb = self.s.client("dynamodb", region)
            sse: dict[str, Any] = (
                {"SSESpecification": {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": self.kms[region]}}
                if kms_key
                else {}
            )
            arn = dynamodb.create_table(
                TableName=name,
                KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                BillingMode="PAY_PER_REQUEST",
                **sse,
            )["TableDescription"]["TableArn"]
            if pitr:
                dynamodb.update_continuous_backups(
                    TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
                )
            self.s.expect(
                "aws.dynamodb.table_encrypted_with_kms",
                arn,
                kms_key,
                f"{name}: " + ("customer managed KMS key" if kms_key else "AWS owned key (default)"),
            )
            self.s.expect(
                "aws.dynamodb.table_point_in_time_recovery", arn, pitr, f"{name}: PITR {'on' if pitr else 'off'}"
            )

    # CloudWatch Logs --------------------------------------------------------------------
    def _logs(self) -> None:
        p = self.prefix
        groups: list[tuple[str, str, int | None, bool]] = [(f"/{p}/ehr/audit", self.home, 2192, True)]
        if self.compliant:
            groups.append((f"/{p}/portal/application", self.home, 731, True))
        else:
            groups += [
                (f"/{p}/clinic-app/application", self.home, 30, False),
                (f"/{p}/video/transcoder", "us-west-2", None, False),  # never expires
                (f"/{p}/eu/api-gateway", "eu-west-1", LOG_RETENTION_DAYS, True),
            ]
        for name, region, days, kms_key in groups:
            logs = self.s.client("logs", region)
            logs.create_log_group(logGroupName=name, **({"kmsKeyId": self.kms[region]} if kms_key else {}))
            if days is not None:
                logs.put_retention_policy(logGroupName=name, retentionInDays=days)
            arn = self.arn("logs", region, f"log-group:{name}")
            kept = "never expire" if days is None else f"kept {days} days"
            self.s.expect(
                "aws.logs.log_group_retention_365_days",
                arn,
                days is None or days >= LOG_RETENTION_DAYS,
                f"{name}: events {kept}",
            )
            self.s.expect(
                "aws.logs.log_group_encrypted_with_kms",
                arn,
                kms_key,
                f"{name}: {'KMS key' if kms_key else 'no KMS key'}",
            )

    # ELBv2 ------------------------------------------------------------------------------
    def _load_balancers(self, logs_bucket: str) -> str:
        """Returns the patient portal load balancer's DNS name (the CDN's origin)."""
        p = self.prefix
        vpc, subnets = self._subnets(self.home)
        portal = self._alb(
            f"{p}-patient-portal",
            vpc,
            subnets,
            https_policy=TLS12_POLICIES[0],
            http="redirect",
            access_logs=logs_bucket,
        )
        if not self.compliant:
            # The clinic admin site: plain HTTP forwarded, an old TLS policy, no access logs.
            self._alb(f"{p}-clinic-admin", vpc, subnets, https_policy=OLD_TLS_POLICY, http="forward", access_logs=None)
            # An EU HL7 feed on a network load balancer terminating TLS 1.2+.
            eu_vpc, eu_subnets = self._subnets("eu-west-1")
            eu = self.s.client("elbv2", "eu-west-1")
            nlb = eu.create_load_balancer(
                Name=f"{p}-eu-hl7-gateway", Subnets=eu_subnets, Type="network", Scheme="internal"
            )["LoadBalancers"][0]
            group = eu.create_target_group(Name=f"{p}-hl7-engines", Protocol="TCP", Port=2575, VpcId=eu_vpc)[
                "TargetGroups"
            ][0]
            eu.create_listener(
                LoadBalancerArn=nlb["LoadBalancerArn"],
                Protocol="TLS",
                Port=6661,
                SslPolicy=TLS12_POLICIES[1],
                Certificates=[{"CertificateArn": self.certificate("eu-west-1", f"hl7.eu.{p}.example")}],
                DefaultActions=[{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}],
            )
            self.s.expect(
                "aws.elbv2.tls_policy_tls12",
                nlb["LoadBalancerArn"],
                True,
                f"{p}-eu-hl7-gateway: TLS listener with {TLS12_POLICIES[1]}",
            )
        return portal

    def _alb(
        self, name: str, vpc: str, subnets: list[str], *, https_policy: str, http: str, access_logs: str | None
    ) -> str:
        elbv2 = self.s.client("elbv2", self.home)
        lb = elbv2.create_load_balancer(Name=name, Subnets=subnets, Type="application", Scheme="internet-facing")[
            "LoadBalancers"
        ][0]
        arn = lb["LoadBalancerArn"]
        group = elbv2.create_target_group(Name=f"{name}-app"[:32], Protocol="HTTP", Port=8080, VpcId=vpc)[
            "TargetGroups"
        ][0]
        forward = [{"Type": "forward", "TargetGroupArn": group["TargetGroupArn"]}]
        elbv2.create_listener(
            LoadBalancerArn=arn,
            Protocol="HTTPS",
            Port=443,
            SslPolicy=https_policy,
            Certificates=[{"CertificateArn": self.certificate(self.home, f"{name}.{self.prefix}.example")}],
            DefaultActions=forward,
        )
        redirect = [
            {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}
        ]
        elbv2.create_listener(
            LoadBalancerArn=arn, Protocol="HTTP", Port=80, DefaultActions=redirect if http == "redirect" else forward
        )
        if access_logs:
            elbv2.modify_load_balancer_attributes(
                LoadBalancerArn=arn,
                Attributes=[
                    {"Key": "access_logs.s3.enabled", "Value": "true"},
                    {"Key": "access_logs.s3.bucket", "Value": access_logs},
                    {"Key": "access_logs.s3.prefix", "Value": name},
                ],
            )
        tls12 = https_policy in TLS12_POLICIES
        self.s.expect(
            "aws.elbv2.listeners_use_tls",
            arn,
            http == "redirect",
            f"{name}: HTTPS on 443, HTTP on 80 "
            + ("redirects to HTTPS" if http == "redirect" else "forwards plain HTTP"),
        )
        self.s.expect("aws.elbv2.tls_policy_tls12", arn, tls12, f"{name}: HTTPS listener with {https_policy}")
        self.s.expect(
            "aws.elbv2.access_logging_enabled",
            arn,
            access_logs is not None,
            f"{name}: " + (f"access logs to {access_logs}" if access_logs else "no access logs"),
        )
        return str(lb["DNSName"])

    # CloudFront -------------------------------------------------------------------------
    def _cloudfront(self, portal_origin: str) -> None:
        p = self.prefix
        self._distribution(
            f"portal.{p}.example",
            origin=("custom", portal_origin, "https-only"),
            viewer=("redirect-to-https", "https-only"),
            tls="TLSv1.2_2021",
        )
        if self.compliant:
            return
        self._distribution(
            f"www.{p}.example",
            origin=("custom", f"{p}-marketing-site.s3-website-us-east-1.amazonaws.com", "http-only"),
            viewer=("allow-all", None),
            tls=None,  # the default *.cloudfront.net certificate
        )
        self._distribution(
            f"video.{p}.example",
            origin=("s3", f"{p}-telehealth-video-recordings.s3.amazonaws.com", None),
            viewer=("redirect-to-https", "redirect-to-https"),
            tls="TLSv1_2016",
        )

    def _distribution(
        self, alias: str, *, origin: tuple[str, str, str | None], viewer: tuple[str, str | None], tls: str | None
    ) -> None:
        kind, domain, origin_policy = origin
        item: dict[str, Any] = {"Id": "primary", "DomainName": domain}
        if kind == "custom":
            item["CustomOriginConfig"] = {"HTTPPort": 80, "HTTPSPort": 443, "OriginProtocolPolicy": origin_policy}
        else:
            item["S3OriginConfig"] = {"OriginAccessIdentity": ""}
        behaviour = {"ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}}, "MinTTL": 0}
        default_policy, api_policy = viewer
        config: dict[str, Any] = {
            "CallerReference": alias,
            "Comment": alias,
            "Enabled": True,
            "Origins": {"Quantity": 1, "Items": [item]},
            "DefaultCacheBehavior": {"TargetOriginId": "primary", "ViewerProtocolPolicy": default_policy, **behaviour},
        }
        if api_policy:
            config["CacheBehaviors"] = {
                "Quantity": 1,
                "Items": [
                    {
                        "PathPattern": "/api/*",
                        "TargetOriginId": "primary",
                        "ViewerProtocolPolicy": api_policy,
                        **behaviour,
                    }
                ],
            }
        if tls:
            config["Aliases"] = {"Quantity": 1, "Items": [alias]}
            config["ViewerCertificate"] = {
                "CloudFrontDefaultCertificate": False,
                "ACMCertificateArn": self.certificate("us-east-1", alias),
                "SSLSupportMethod": "sni-only",
                "MinimumProtocolVersion": tls,
            }
        else:
            config["ViewerCertificate"] = {"CloudFrontDefaultCertificate": True}
        arn = self.s.client("cloudfront", "us-east-1").create_distribution(DistributionConfig=config)["Distribution"][
            "ARN"
        ]
        policies = [v for v in viewer if v]
        https = all(v in ("redirect-to-https", "https-only") for v in policies)
        self.s.expect("aws.cloudfront.viewer_https", arn, https, f"{alias}: viewer protocol policies {policies}")
        modern = tls is not None and tls.startswith(("TLSv1.2", "TLSv1.3"))
        self.s.expect(
            "aws.cloudfront.minimum_tls_12",
            arn,
            modern,
            f"{alias}: " + (f"minimum {tls}" if tls else "default CloudFront certificate (TLSv1)"),
        )
        if kind == "custom":
            self.s.expect(
                "aws.cloudfront.origin_https", arn, origin_policy == "https-only", f"{alias}: origin {origin_policy}"
            )

    # SNS and SQS ------------------------------------------------------------------------
    def _messaging(self) -> None:
        p = self.prefix
        topics = [(f"{p}-appointment-reminders", self.home, self.kms[self.home])]
        queues = [(f"{p}-lab-results-inbound", self.home, {"KmsMasterKeyId": self.kms[self.home]})]
        if not self.compliant:
            topics += [(f"{p}-ops-alerts", self.home, None), (f"{p}-video-events", "us-west-2", "alias/aws/sns")]
            queues += [
                (f"{p}-fax-ingest", self.home, {"SqsManagedSseEnabled": "false"}),
                (f"{p}-eu-intake-jobs", "eu-west-1", {"SqsManagedSseEnabled": "true"}),
            ]
        for name, region, key in topics:
            attributes = {"KmsMasterKeyId": key} if key else {}
            arn = self.s.client("sns", region).create_topic(Name=name, Attributes=attributes)["TopicArn"]
            self.s.expect("aws.sns.topic_encrypted", arn, key is not None, f"{name}: KMS key {key or 'none'}")
        for name, region, attributes in queues:
            self.s.client("sqs", region).create_queue(QueueName=name, Attributes=attributes)
            encrypted = "KmsMasterKeyId" in attributes or attributes.get("SqsManagedSseEnabled") == "true"
            self.s.expect(
                "aws.sqs.queue_encrypted", self.arn("sqs", region, name), encrypted, f"{name}: {json.dumps(attributes)}"
            )

    # Secrets Manager --------------------------------------------------------------------
    def _secrets(self) -> None:
        p = self.prefix
        secrets = [(f"{p}/ehr-db/master", self.home, True)]
        if not self.compliant:
            secrets += [(f"{p}/fax-vendor/api-key", self.home, False), (f"{p}/eu/partner-sftp", "eu-west-1", False)]
        for name, region, rotate in secrets:
            manager = self.s.client("secretsmanager", region)
            arn = manager.create_secret(Name=name, SecretString=f"demo-secret-value-{name}", KmsKeyId=self.kms[region])[
                "ARN"
            ]
            if rotate:
                manager.rotate_secret(SecretId=arn, RotationRules={"AutomaticallyAfterDays": 30})
            self.s.expect(
                "aws.secretsmanager.secret_rotation_enabled",
                arn,
                rotate,
                f"{name}: " + ("rotated every 30 days" if rotate else "never rotated"),
            )

    # AWS Backup -------------------------------------------------------------------------
    def _backup(self) -> None:
        p = self.prefix
        vaults = [(f"{p}-phi-vault", self.home, True, True)]
        if not self.compliant:
            vaults.append(("Default", "us-west-2", False, False))  # as the console creates it
        for name, region, customer_key, locked in vaults:
            backup = self.s.client("backup", region)
            arn = backup.create_backup_vault(
                BackupVaultName=name, **({"EncryptionKeyArn": self.kms[region]} if customer_key else {})
            )["BackupVaultArn"]
            if locked:
                backup.put_backup_vault_lock_configuration(BackupVaultName=name, MinRetentionDays=BACKUP_RETENTION_DAYS)
            self.s.expect(
                "aws.backup.vault_encrypted_with_customer_key",
                arn,
                customer_key,
                f"{name}: " + ("customer managed KMS key" if customer_key else "AWS managed key (aws/backup)"),
            )
            self.s.expect(
                "aws.backup.vault_lock_enabled", arn, locked, f"{name}: vault lock {'on' if locked else 'off'}"
            )
        # Meridian backs up daily and keeps 35 days; Carebridge only has a developer's plan that
        # keeps its recovery points for one day, so the account has no real backup plan.
        keep = 35 if self.compliant else 1
        self.s.client("backup", self.home).create_backup_plan(
            BackupPlan={
                "BackupPlanName": f"{p}-daily" if self.compliant else f"{p}-dev-scratch",
                "Rules": [
                    {
                        "RuleName": "daily",
                        "TargetBackupVaultName": vaults[0][0],
                        "ScheduleExpression": "cron(0 5 * * ? *)",
                        "Lifecycle": {"DeleteAfterDays": keep},
                    }
                ],
            }
        )
        self.s.expect(
            "aws.backup.account_has_backup_plan",
            f"arn:{self.s.partition}:iam::{self.s.account}:root",
            keep >= BACKUP_RETENTION_DAYS,
            f"backup plan keeping recovery points {keep} day(s)",
        )


def _name(item: dict[str, Any]) -> str | None:
    return next((t["Value"] for t in item.get("Tags", []) if t["Key"] == "Name"), None)
