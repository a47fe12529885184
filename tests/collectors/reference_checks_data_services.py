"""A plain-Python reading of the data-service checks (RDS, DynamoDB, KMS, CloudWatch Logs,
VPC, ELBv2, CloudFront, SNS, SQS, Secrets Manager, AWS Backup), independent of the Rego.

`checks(collected)` returns them in the shape of `reference_checks.Judge.checks`
(check id -> (resource type, function of one resource: True pass, False fail, None not
judged)); `Judge` adds them so the demo tests judge every seeded expectation.
`ONE_PER_ACCOUNT` are the checks with one resource per account.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attestkit.models import Resource
from tests.collectors.conftest import Collected

ONE_PER_ACCOUNT = {"aws.backup.account_has_backup_plan"}

MIN_BACKUP_DAYS = 7
MIN_LOG_DAYS = 365
IAM_AUTH_ENGINES = {"mysql", "mariadb", "postgres"}
HTTPS_VIEWER = {"https-only", "redirect-to-https"}
MODERN_TLS = {"TLSv1.2", "TLSv1.3"}
LEAVING = {"PendingDeletion", "PendingReplicaDeletion"}

Verdict = Callable[[Resource], "bool | None"]


def _c(r: Resource) -> dict[str, Any]:
    return r.config


def _standalone(r: Resource) -> bool:
    return not _c(r).get("DBClusterIdentifier")


def _replica(r: Resource) -> bool:
    return bool(_c(r).get("ReadReplicaSourceDBInstanceIdentifier"))


def _only(applies: bool, verdict: Callable[[], bool]) -> bool | None:
    return verdict() if applies else None


def _restore(attributes: dict[str, Any] | None, key: str) -> list[str]:
    return [
        v
        for a in (attributes or {}).get(key) or []
        if a.get("AttributeName") == "restore"
        for v in a.get("AttributeValues") or []
    ]


def _rotation(r: Resource) -> bool | None:
    m = _c(r).get("KeyMetadata") or {}
    applies = (
        m.get("KeyManager") == "CUSTOMER"
        and m.get("KeySpec") == "SYMMETRIC_DEFAULT"
        and m.get("Origin") == "AWS_KMS"
        and m.get("KeyState") not in LEAVING
    )
    return _only(applies, lambda: (_c(r).get("KeyRotationStatus") or {}).get("KeyRotationEnabled") is True)


def _flow_logs(r: Resource) -> bool:
    return any(
        f.get("FlowLogStatus") == "ACTIVE"
        and f.get("TrafficType") in ("ALL", "REJECT")
        and f.get("DeliverLogsStatus") != "FAILED"
        for f in _c(r)["FlowLogs"]
    )


def _redirects_to_https(listener: dict[str, Any]) -> bool:
    return any(
        a.get("Type") == "redirect" and (a.get("RedirectConfig") or {}).get("Protocol") == "HTTPS"
        for a in listener.get("DefaultActions") or []
    )


def _tls_policy(r: Resource) -> bool | None:
    tls = [x for x in _c(r)["Listeners"] if x.get("Protocol") in ("HTTPS", "TLS")]
    if not tls:
        return None
    described = {p["Name"]: p.get("SslProtocols") or [] for p in _c(r)["SslPolicies"]}
    return all(described.get(x.get("SslPolicy")) and set(described[x["SslPolicy"]]) <= MODERN_TLS for x in tls)


def _attribute(r: Resource, key: str) -> str | None:
    return next((a["Value"] for a in _c(r)["Attributes"] if a["Key"] == key), None)


def _viewer_policies(r: Resource) -> list[str | None]:
    ordered = (_c(r).get("CacheBehaviors") or {}).get("Items") or []
    return [(_c(r).get("DefaultCacheBehavior") or {}).get("ViewerProtocolPolicy")] + [
        b.get("ViewerProtocolPolicy") for b in ordered
    ]


def _origin_https(r: Resource) -> bool | None:
    custom = [o for o in (_c(r).get("Origins") or {}).get("Items") or [] if o.get("CustomOriginConfig")]
    if not custom:
        return None
    viewers_https = all(p in HTTPS_VIEWER for p in _viewer_policies(r))
    return all(
        o["CustomOriginConfig"].get("OriginProtocolPolicy") == "https-only"
        or (o["CustomOriginConfig"].get("OriginProtocolPolicy") == "match-viewer" and viewers_https)
        for o in custom
    )


def _minimum_tls(r: Resource) -> bool:
    certificate = _c(r).get("ViewerCertificate") or {}
    version = certificate.get("MinimumProtocolVersion") or ""
    return certificate.get("CloudFrontDefaultCertificate") is not True and version.startswith(("TLSv1.2", "TLSv1.3"))


def _retained(rule: dict[str, Any]) -> bool:
    days = (rule.get("Lifecycle") or {}).get("DeleteAfterDays")
    return days is None or days >= MIN_BACKUP_DAYS


def checks(collected: Collected) -> dict[str, tuple[str, Verdict]]:
    """Every data-service check as (resource type, verdict)."""

    def has_backup_plan(account: Resource) -> bool:
        return any(
            any(_retained(rule) for rule in (p.config.get("BackupPlan") or {}).get("Rules") or [])
            for p in collected.of_type("AWS::Backup::BackupPlan")
            if p.account == account.account
        )

    def vault_customer_key(vault: Resource) -> bool:
        key = vault.config.get("EncryptionKeyArn")
        if not key:
            return False
        if key.split(":")[4] != vault.account:
            return True
        return any(
            (k.config.get("KeyMetadata") or {}).get("KeyManager") == "CUSTOMER" and key in (k.id, k.config["KeyArn"])
            for k in collected.of_type("AWS::KMS::Key")
        )

    db, cluster = "AWS::RDS::DBInstance", "AWS::RDS::DBCluster"
    return {
        "aws.rds.instance_storage_encrypted": (db, lambda r: _c(r).get("StorageEncrypted") is True),
        "aws.rds.instance_not_publicly_accessible": (db, lambda r: _c(r).get("PubliclyAccessible") is False),
        "aws.rds.instance_backup_retention_7_days": (
            db,
            lambda r: _only(
                _standalone(r) and not _replica(r), lambda: (_c(r).get("BackupRetentionPeriod") or 0) >= MIN_BACKUP_DAYS
            ),
        ),
        "aws.rds.instance_deletion_protection": (
            db,
            lambda r: _only(_standalone(r), lambda: _c(r).get("DeletionProtection") is True),
        ),
        "aws.rds.instance_multi_az": (
            db,
            lambda r: _only(_standalone(r) and not _replica(r), lambda: _c(r).get("MultiAZ") is True),
        ),
        "aws.rds.instance_auto_minor_version_upgrade": (db, lambda r: _c(r).get("AutoMinorVersionUpgrade") is True),
        "aws.rds.instance_iam_authentication": (
            db,
            lambda r: _only(
                _standalone(r) and _c(r).get("Engine") in IAM_AUTH_ENGINES,
                lambda: _c(r).get("IAMDatabaseAuthenticationEnabled") is True,
            ),
        ),
        "aws.rds.cluster_storage_encrypted": (cluster, lambda r: _c(r).get("StorageEncrypted") is True),
        "aws.rds.cluster_deletion_protection": (cluster, lambda r: _c(r).get("DeletionProtection") is True),
        "aws.rds.cluster_backup_retention_7_days": (
            cluster,
            lambda r: (_c(r).get("BackupRetentionPeriod") or 0) >= MIN_BACKUP_DAYS,
        ),
        "aws.rds.snapshot_not_public": (
            "AWS::RDS::DBSnapshot",
            lambda r: "all" not in _restore(_c(r)["DBSnapshotAttributesResult"], "DBSnapshotAttributes"),
        ),
        "aws.rds.cluster_snapshot_not_public": (
            "AWS::RDS::DBClusterSnapshot",
            lambda r: "all" not in _restore(_c(r)["DBClusterSnapshotAttributesResult"], "DBClusterSnapshotAttributes"),
        ),
        "aws.dynamodb.table_point_in_time_recovery": (
            "AWS::DynamoDB::Table",
            lambda r: (
                _c(r)["ContinuousBackupsDescription"]["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]
                == "ENABLED"
            ),
        ),
        "aws.dynamodb.table_encrypted_with_kms": (
            "AWS::DynamoDB::Table",
            lambda r: (
                (_c(r)["Table"].get("SSEDescription") or {}).get("SSEType") == "KMS"
                and _c(r)["Table"]["SSEDescription"].get("Status") in ("ENABLED", "UPDATING")
            ),
        ),
        "aws.kms.key_rotation_enabled": ("AWS::KMS::Key", _rotation),
        "aws.kms.key_not_pending_deletion": (
            "AWS::KMS::Key",
            lambda r: _only(
                _c(r)["KeyMetadata"].get("KeyManager") == "CUSTOMER",
                lambda: _c(r)["KeyMetadata"].get("KeyState") not in LEAVING,
            ),
        ),
        "aws.logs.log_group_retention_365_days": (
            "AWS::Logs::LogGroup",
            lambda r: _c(r).get("retentionInDays") is None or _c(r)["retentionInDays"] >= MIN_LOG_DAYS,
        ),
        "aws.logs.log_group_encrypted_with_kms": ("AWS::Logs::LogGroup", lambda r: bool(_c(r).get("kmsKeyId"))),
        "aws.vpc.flow_logs_enabled": ("AWS::EC2::VPC", _flow_logs),
        "aws.vpc.default_security_group_restricts_all": (
            "AWS::EC2::SecurityGroup",
            lambda r: _only(
                _c(r).get("GroupName") == "default",
                lambda: _c(r)["IpPermissions"] == [] and _c(r)["IpPermissionsEgress"] == [],
            ),
        ),
        "aws.elbv2.listeners_use_tls": (
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            lambda r: _only(
                _c(r).get("Type") == "application",
                lambda: all(x.get("Protocol") == "HTTPS" or _redirects_to_https(x) for x in _c(r)["Listeners"]),
            ),
        ),
        "aws.elbv2.tls_policy_tls12": ("AWS::ElasticLoadBalancingV2::LoadBalancer", _tls_policy),
        "aws.elbv2.access_logging_enabled": (
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            lambda r: _only(
                _c(r).get("Type") == "application", lambda: _attribute(r, "access_logs.s3.enabled") == "true"
            ),
        ),
        "aws.cloudfront.viewer_https": (
            "AWS::CloudFront::Distribution",
            lambda r: all(p in HTTPS_VIEWER for p in _viewer_policies(r)),
        ),
        "aws.cloudfront.minimum_tls_12": ("AWS::CloudFront::Distribution", _minimum_tls),
        "aws.cloudfront.origin_https": ("AWS::CloudFront::Distribution", _origin_https),
        "aws.sns.topic_encrypted": ("AWS::SNS::Topic", lambda r: bool(_c(r)["Attributes"].get("KmsMasterKeyId"))),
        "aws.sqs.queue_encrypted": (
            "AWS::SQS::Queue",
            lambda r: (
                bool(_c(r)["Attributes"].get("KmsMasterKeyId"))
                or _c(r)["Attributes"].get("SqsManagedSseEnabled") == "true"
            ),
        ),
        "aws.secretsmanager.secret_rotation_enabled": (
            "AWS::SecretsManager::Secret",
            lambda r: _c(r).get("RotationEnabled") is True,
        ),
        "aws.backup.account_has_backup_plan": ("AWS::Account", has_backup_plan),
        "aws.backup.vault_encrypted_with_customer_key": ("AWS::Backup::BackupVault", vault_customer_key),
        "aws.backup.vault_lock_enabled": ("AWS::Backup::BackupVault", lambda r: _c(r).get("Locked") is True),
    }
