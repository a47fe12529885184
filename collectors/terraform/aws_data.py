"""Data services: RDS, DynamoDB, ElastiCache, OpenSearch, Redshift, EFS, AWS Backup, KMS,
CloudWatch Logs, SNS, SQS, Secrets Manager and Parameter Store."""

from __future__ import annotations

from typing import Any

from attestkit.collectors.terraform import aws_common as c
from attestkit.collectors.terraform.draft import Context, Draft
from attestkit.collectors.terraform.plan import Planned
from attestkit.collectors.terraform.values import UNKNOWN, compact, known, strings, text

reg = c.registry

KMS_TYPES = ("aws_kms_key", "aws_kms_external_key", "aws_kms_replica_key")


# RDS -----------------------------------------------------------------------------------------
@reg.translator("aws_db_instance", "aws_rds_cluster_instance", produces="AWS::RDS::DBInstance")
def db_instance(ctx: Context, r: Planned) -> list[Draft]:
    member = r.type == "aws_rds_cluster_instance"
    d = c.new(ctx, r, "AWS::RDS::DBInstance", {})
    replica_of = text(r.get("replicate_source_db"))
    encrypted = r.get("storage_encrypted")
    if encrypted in (None, UNKNOWN) and (member or replica_of):
        source = _storage_source(ctx, r, member)
        if source is not None and source.get("storage_encrypted") in (True, False):
            encrypted = source.get("storage_encrypted")
            d.derive("StorageEncrypted")
    if encrypted is None and not member and not replica_of:
        encrypted = False  # the argument's default
    d.need(encrypted, "storage_encrypted", None, path="StorageEncrypted")
    retention = r.get("backup_retention_period")
    if retention == UNKNOWN and not member and not replica_of and not r.configured("backup_retention_period"):
        retention = 1  # CreateDBInstance's default
        d.derive("BackupRetentionPeriod")
    if not member:
        d.need(retention, "backup_retention_period", None, path="BackupRetentionPeriod")
    engine = r.get("engine")
    d.need(engine, "engine", None, path="Engine")
    flags = {
        path: _instance_flag(d, r, attr, path, default)
        for attr, path, default in (
            ("publicly_accessible", "PubliclyAccessible", False),
            ("deletion_protection", "DeletionProtection", False),
            ("multi_az", "MultiAZ", False),
            ("auto_minor_version_upgrade", "AutoMinorVersionUpgrade", True),
            ("iam_database_authentication_enabled", "IAMDatabaseAuthenticationEnabled", False),
        )
        if not member or path in ("PubliclyAccessible", "AutoMinorVersionUpgrade")
    }
    d.config.update(
        compact(
            {
                "DBInstanceIdentifier": r.get("identifier"),
                "DBInstanceArn": r.get("arn"),
                "Engine": engine,
                "EngineVersion": r.get("engine_version_actual") or r.get("engine_version"),
                "StorageEncrypted": encrypted,
                "KmsKeyId": text(r.get("kms_key_id")),
                "BackupRetentionPeriod": None if member else retention,
                **flags,
                "AvailabilityZone": r.get("availability_zone"),
                "DBClusterIdentifier": r.get("cluster_identifier") if member else None,
                "ReadReplicaSourceDBInstanceIdentifier": replica_of,
                "Endpoint": compact({"Address": r.get("address"), "Port": r.get("port")}) if not member else None,
            }
        )
    )
    return [d]


def _instance_flag(d: Draft, r: Planned, attr: str, path: str, default: bool) -> Any:
    """A flag of CreateDBInstance: its default when the configuration leaves it out (the provider
    computes some of them, so the plan says "known after apply"), else the planned value."""
    value = r.get(attr)
    if value is None or (value == UNKNOWN and not r.configured(attr)):
        if value == UNKNOWN:
            d.derive(path)
        return default
    return d.need(value, attr, None, path=path)


def _storage_source(ctx: Context, r: Planned, member: bool) -> Planned | None:
    if member:
        found = ctx.parents(r, "cluster_identifier", ["aws_rds_cluster"], ("id", "cluster_identifier"))
    else:
        found = ctx.parents(r, "replicate_source_db", ["aws_db_instance"], ("id", "identifier", "arn"))
    return found[0] if found else None


@reg.translator("aws_rds_cluster", produces="AWS::RDS::DBCluster")
def db_cluster(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::RDS::DBCluster", {})
    encrypted = r.get("storage_encrypted")
    if encrypted in (None, UNKNOWN) and not r.configured("storage_encrypted"):
        encrypted = r.get("engine_mode") == "serverless"  # CreateDBCluster's default
        d.derive("StorageEncrypted")
    d.need(encrypted, "storage_encrypted", None, path="StorageEncrypted")
    d.config.update(
        compact(
            {
                "DBClusterIdentifier": r.get("cluster_identifier"),
                "DBClusterArn": r.get("arn"),
                "Engine": r.get("engine"),
                "EngineMode": r.get("engine_mode"),
                "StorageEncrypted": encrypted,
                "KmsKeyId": text(r.get("kms_key_id")),
                "DeletionProtection": r.get("deletion_protection", default=False),
                "BackupRetentionPeriod": d.need(
                    r.get("backup_retention_period", default=1),
                    "backup_retention_period",
                    None,
                    path="BackupRetentionPeriod",
                ),
                "IAMDatabaseAuthenticationEnabled": r.get("iam_database_authentication_enabled", default=False),
            }
        )
    )
    return [d]


@reg.translator("aws_db_snapshot", produces="AWS::RDS::DBSnapshot")
def db_snapshot(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::RDS::DBSnapshot", {})
    shared = _shared(d, r, "rds:DescribeDBSnapshotAttributes")
    d.config.update(
        compact(
            {
                "DBSnapshotIdentifier": r.get("db_snapshot_identifier"),
                "DBSnapshotArn": r.get("db_snapshot_arn"),
                "DBInstanceIdentifier": r.get("db_instance_identifier"),
                "SnapshotType": "manual",
                "Encrypted": r.get("encrypted"),
                "KmsKeyId": text(r.get("kms_key_id")),
                "DBSnapshotAttributesResult": {
                    "DBSnapshotIdentifier": r.get("db_snapshot_identifier"),
                    "DBSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": shared}],
                },
            }
        )
    )
    return [d]


@reg.translator("aws_db_cluster_snapshot", produces="AWS::RDS::DBClusterSnapshot")
def db_cluster_snapshot(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::RDS::DBClusterSnapshot", {})
    shared = _shared(d, r, "rds:DescribeDBClusterSnapshotAttributes")
    d.config.update(
        compact(
            {
                "DBClusterSnapshotIdentifier": r.get("db_cluster_snapshot_identifier"),
                "DBClusterSnapshotArn": r.get("db_cluster_snapshot_arn"),
                "DBClusterIdentifier": r.get("db_cluster_identifier"),
                "SnapshotType": "manual",
                "StorageEncrypted": r.get("storage_encrypted"),
                "DBClusterSnapshotAttributesResult": {
                    "DBClusterSnapshotIdentifier": r.get("db_cluster_snapshot_identifier"),
                    "DBClusterSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": shared}],
                },
            }
        )
    )
    return [d]


def _shared(d: Draft, r: Planned, api: str) -> list[Any]:
    value = r.get("shared_accounts")
    d.need(value, "shared_accounts", api)
    return sorted(strings(value))


# DynamoDB ------------------------------------------------------------------------------------
@reg.translator("aws_dynamodb_table", produces="AWS::DynamoDB::Table")
def dynamodb_table(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::DynamoDB::Table", {})
    table: dict[str, Any] = compact(
        {
            "TableName": r.get("name"),
            "TableArn": r.get("arn"),
            "TableStatus": "CREATING" if r.created else "ACTIVE",
            "BillingModeSummary": {"BillingMode": r.get("billing_mode")} if r.get("billing_mode") else None,
        }
    )
    sse = r.block("server_side_encryption")
    enabled = sse.get("enabled") if sse else False
    d.need(enabled, "server_side_encryption.enabled", "dynamodb:DescribeTable")
    if enabled is True:
        table["SSEDescription"] = compact(
            {"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": text(sse.get("kms_key_arn"))}
        )
    elif enabled == UNKNOWN:
        table["SSEDescription"] = {"Status": UNKNOWN, "SSEType": UNKNOWN}
    pitr = r.block("point_in_time_recovery")
    on = pitr.get("enabled") if pitr else False
    d.need(on, "point_in_time_recovery.enabled", "dynamodb:DescribeContinuousBackups")
    status = "ENABLED" if on is True else UNKNOWN if on == UNKNOWN else "DISABLED"
    description: dict[str, Any] = {"PointInTimeRecoveryStatus": status}
    if on is True:
        description["RecoveryPeriodInDays"] = pitr.get("recovery_period_in_days") or 35
    d.config.update(
        {
            "TableName": r.get("name"),
            "Table": table,
            "ContinuousBackupsDescription": {
                "ContinuousBackupsStatus": "ENABLED" if on is True else status,
                "PointInTimeRecoveryDescription": description,
            },
        }
    )
    return [d]


# ElastiCache, OpenSearch, Redshift, EFS ------------------------------------------------------
@reg.translator("aws_elasticache_replication_group", produces="AWS::ElastiCache::ReplicationGroup")
def replication_group(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::ElastiCache::ReplicationGroup", {})
    at_rest = r.get("at_rest_encryption_enabled", default=False)
    d.need(at_rest, "at_rest_encryption_enabled", None, path="AtRestEncryptionEnabled")
    transit = r.get("transit_encryption_enabled", default=False)
    d.need(transit, "transit_encryption_enabled", None, path="TransitEncryptionEnabled")
    mode = r.get("transit_encryption_mode")
    if transit is True and mode == UNKNOWN and not r.configured("transit_encryption_mode"):
        mode = None  # CreateReplicationGroup with TLS and no mode: required
        d.derive("TransitEncryptionMode")
    if transit is True:
        d.need(mode, "transit_encryption_mode", None, path="TransitEncryptionMode")
    d.config.update(
        compact(
            {
                "ReplicationGroupId": r.get("replication_group_id"),
                "ARN": r.get("arn"),
                "Engine": r.get("engine", default="redis"),
                "AtRestEncryptionEnabled": at_rest,
                "TransitEncryptionEnabled": transit,
                "TransitEncryptionMode": mode if transit is True else None,
                "KmsKeyId": text(r.get("kms_key_id")),
                "AuthTokenEnabled": r.get("auth_token") not in (None, ""),
            }
        )
    )
    return [d]


@reg.translator("aws_elasticache_cluster", produces="AWS::ElastiCache::CacheCluster")
def cache_cluster(ctx: Context, r: Planned) -> list[Draft]:
    if text(r.get("replication_group_id")):
        return []  # a member: judged through its replication group, as the live collector does
    d = c.new(ctx, r, "AWS::ElastiCache::CacheCluster", {})
    transit = r.get("transit_encryption_enabled", default=False)
    d.need(transit, "transit_encryption_enabled", None, path="TransitEncryptionEnabled")
    d.config.update(
        compact(
            {
                "CacheClusterId": r.get("cluster_id"),
                "ARN": r.get("arn"),
                "Engine": r.get("engine"),
                "AtRestEncryptionEnabled": False,  # aws_elasticache_cluster has no at-rest option
                "TransitEncryptionEnabled": transit,
                "NumCacheNodes": r.get("num_cache_nodes"),
            }
        )
    )
    return [d]


@reg.translator("aws_opensearch_domain", "aws_elasticsearch_domain", produces="AWS::OpenSearchService::Domain")
def domain(ctx: Context, r: Planned) -> list[Draft]:
    api = "opensearch:DescribeDomain"
    d = c.new(ctx, r, "AWS::OpenSearchService::Domain", {})
    version = r.get("engine_version") or r.get("elasticsearch_version")
    engine = (
        "Elasticsearch"
        if r.type == "aws_elasticsearch_domain" or str(version).startswith("Elasticsearch")
        else "OpenSearch"
    )
    at_rest = _block_or_unknown(r, "encrypt_at_rest")
    node = _block_or_unknown(r, "node_to_node_encryption")
    endpoint = _block_or_unknown(r, "domain_endpoint_options")
    rest_on = d.need(at_rest.get("enabled", False), "encrypt_at_rest.enabled", api)
    node_on = d.need(node.get("enabled", False), "node_to_node_encryption.enabled", api)
    https = d.need(endpoint.get("enforce_https", False), "domain_endpoint_options.enforce_https", api)
    policy = endpoint.get("tls_security_policy")
    if https is True:
        d.need(policy, "domain_endpoint_options.tls_security_policy", api)
    d.config.update(
        {
            "DomainName": r.get("domain_name"),
            "EngineType": engine,
            "DomainStatus": compact(
                {
                    "ARN": r.get("arn"),
                    "EngineVersion": version,
                    "EncryptionAtRestOptions": compact(
                        {"Enabled": rest_on, "KmsKeyId": text(at_rest.get("kms_key_id"))}
                    ),
                    "NodeToNodeEncryptionOptions": {"Enabled": node_on},
                    "DomainEndpointOptions": compact({"EnforceHTTPS": https, "TLSSecurityPolicy": text(policy)}),
                }
            ),
        }
    )
    return [d]


def _block_or_unknown(r: Planned, key: str) -> dict[str, Any]:
    """A nested block; when the whole block is known only after apply, every field is UNKNOWN."""
    if r.get(key) == UNKNOWN:
        return {"enabled": UNKNOWN, "enforce_https": UNKNOWN, "tls_security_policy": UNKNOWN}
    return r.block(key)


@reg.translator("aws_redshift_cluster", produces="AWS::Redshift::Cluster")
def redshift(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::Redshift::Cluster", {})
    encrypted = d.need(r.get("encrypted"), "encrypted", None, path="Encrypted")
    public = d.need(r.get("publicly_accessible"), "publicly_accessible", None, path="PubliclyAccessible")
    d.config.update(
        compact(
            {
                "ClusterIdentifier": r.get("cluster_identifier"),
                "Encrypted": encrypted,
                "KmsKeyId": text(r.get("kms_key_id")),
                "PubliclyAccessible": public,
                "VpcId": r.get("vpc_id"),
                "ClusterStatus": "creating" if r.created else "available",
            }
        )
    )
    return [d]


@reg.translator("aws_efs_file_system", produces="AWS::EFS::FileSystem")
def file_system(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::EFS::FileSystem", {})
    encrypted = r.get("encrypted")
    if encrypted in (None, UNKNOWN) and not r.configured("encrypted"):
        encrypted = False  # CreateFileSystem's default
        d.derive("Encrypted")
    d.need(encrypted, "encrypted", None, path="Encrypted")
    d.config.update(
        compact(
            {
                "FileSystemId": r.get("id"),
                "FileSystemArn": r.get("arn"),
                "Encrypted": encrypted,
                "KmsKeyId": text(r.get("kms_key_id")),
                "PerformanceMode": r.get("performance_mode"),
                "ThroughputMode": r.get("throughput_mode"),
                "LifeCycleState": "creating" if r.created else "available",
            }
        )
    )
    return [d]


# AWS Backup ------------------------------------------------------------------------------------
@reg.translator("aws_backup_plan", produces="AWS::Backup::BackupPlan")
def backup_plan(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::Backup::BackupPlan", {})
    rules = []
    for i, rule in enumerate(r.blocks("rule")):
        lifecycle = rule.get("lifecycle")
        lifecycle = lifecycle[0] if isinstance(lifecycle, list) and lifecycle else lifecycle
        days = lifecycle.get("delete_after") if isinstance(lifecycle, dict) else None
        d.need(days, f"rule[{i}].lifecycle.delete_after", "backup:GetBackupPlan")
        rules.append(
            compact(
                {
                    "RuleName": rule.get("rule_name"),
                    "TargetBackupVaultName": rule.get("target_vault_name"),
                    "ScheduleExpression": rule.get("schedule"),
                    "Lifecycle": compact({"DeleteAfterDays": days}) if isinstance(lifecycle, dict) and days else None,
                }
            )
        )
    d.config.update(
        compact(
            {
                "BackupPlanId": r.get("id"),
                "BackupPlanArn": r.get("arn"),
                "BackupPlanName": r.get("name"),
                "VersionId": r.get("version"),
                "BackupPlan": {"BackupPlanName": r.get("name"), "Rules": rules},
            }
        )
    )
    return [d]


@reg.translator(
    "aws_backup_vault",
    produces="AWS::Backup::BackupVault",
    children=("aws_backup_vault_lock_configuration",),
)
def backup_vault(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::Backup::BackupVault", {})
    d.config.update(compact({"BackupVaultName": r.get("name"), "BackupVaultArn": r.get("arn")}))
    key = _vault_key(ctx, d, r)
    if key is not None:
        d.config["EncryptionKeyArn"] = key
    locks = d.join(
        ctx.children(
            r,
            "aws_backup_vault_lock_configuration",
            "backup_vault_name",
            ("name", "id"),
            match=c.named_here(ctx, "name", "id", attr="backup_vault_name"),
        )
    )
    d.config["Locked"] = bool(locks)
    if locks:
        lock = locks[0]
        d.config.update(
            compact(
                {
                    "MinRetentionDays": lock.get("min_retention_days"),
                    "MaxRetentionDays": lock.get("max_retention_days"),
                }
            )
        )
    return [d]


def _vault_key(ctx: Context, d: Draft, r: Planned) -> Any:
    """The vault's key, written so `aws.backup.vault_encrypted_with_customer_key` can tell who
    manages it: a KMS key of the plan is named by its address (its Resource.id); any other key
    is a `kms:DescribeKey` / `NotInPlan` read error, so the check answers `error` (the vault
    takes the key's account when the plan does not name one, so the check does not read it
    as a key of another account)."""
    value = r.get("kms_key_arn")
    targets = [t for t in ctx.plan.referenced(r.refs("kms_key_arn"), KMS_TYPES) if not t.gone]
    if not targets and isinstance(value, str) and value not in ("", UNKNOWN):
        targets = [k for t in KMS_TYPES for k in ctx.plan.by_type.get(t, []) if not k.gone and k.get("arn") == value]
    if targets:
        key = targets[0]
        d.against.append(key.address)
        return key.address
    configured = r.configured("kms_key_arn")
    if not configured and value in (None, "", UNKNOWN):
        return None  # the AWS managed key aws/backup
    if isinstance(value, str) and value.count(":") >= 5 and value != UNKNOWN and d.account is None:
        d.account = value.split(":")[4] or None
    if configured:
        d.not_in_plan("kms:DescribeKey", f"{r.address}.kms_key_arn names a key that is not in the plan")
    return value if value not in ("",) else None


# KMS ------------------------------------------------------------------------------------------
@reg.translator(*KMS_TYPES, produces="AWS::KMS::Key", children=("aws_kms_alias",))
def kms_key(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::KMS::Key", {})
    spec = r.get("customer_master_key_spec") or r.get("key_spec") or "SYMMETRIC_DEFAULT"
    origin = "EXTERNAL" if r.type == "aws_kms_external_key" else "AWS_KMS"
    if text(r.get("custom_key_store_id")):
        origin = "AWS_CLOUDHSM"
    enabled = r.get("is_enabled", default=r.get("enabled", default=True))
    d.need(enabled, "is_enabled", "kms:DescribeKey")
    metadata = compact(
        {
            "KeyId": r.get("key_id"),
            "Arn": r.get("arn"),
            "KeyManager": "CUSTOMER",
            "KeySpec": spec,
            "KeyUsage": r.get("key_usage", default="ENCRYPT_DECRYPT"),
            "Origin": origin,
            "KeyState": "Enabled" if enabled is True else "Disabled" if enabled is False else UNKNOWN,
            "Enabled": enabled,
            "MultiRegion": r.get("multi_region", default=r.type == "aws_kms_replica_key"),
            "Description": r.get("description"),
        }
    )
    rotation: Any = None
    if spec == "SYMMETRIC_DEFAULT" and origin == "AWS_KMS":
        rotating = r.get("enable_key_rotation", default=False)
        d.need(rotating, "enable_key_rotation", "kms:GetKeyRotationStatus")
        rotation = compact(
            {
                "KeyRotationEnabled": rotating,
                "RotationPeriodInDays": r.get("rotation_period_in_days") if rotating is True else None,
            }
        )
    aliases = [
        compact({"AliasName": a.get("name"), "AliasArn": a.get("arn"), "TargetKeyId": r.get("key_id")})
        for a in d.join(ctx.children(r, "aws_kms_alias", "target_key_id", ("key_id", "arn", "id")))
    ]
    d.config.update(
        {
            "KeyId": r.get("key_id"),
            "KeyArn": r.get("arn"),
            "KeyMetadata": metadata,
            "KeyRotationStatus": rotation,
            "Aliases": aliases,
        }
    )
    return [d]


# Logs, SNS, SQS, Secrets Manager, SSM -----------------------------------------------------------
@reg.translator("aws_cloudwatch_log_group", produces="AWS::Logs::LogGroup")
def log_group(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::Logs::LogGroup", {})
    retention = r.get("retention_in_days")
    d.need(retention, "retention_in_days", None, path="retentionInDays")
    d.config.update(
        compact(
            {
                "logGroupName": r.get("name"),
                "logGroupArn": r.get("arn"),
                "kmsKeyId": text(r.get("kms_key_id")),
                "retentionInDays": retention if retention not in (0, None) else None,
                "logGroupClass": r.get("log_group_class"),
            }
        )
    )
    return [d]


@reg.translator("aws_sns_topic", produces="AWS::SNS::Topic")
def topic(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::SNS::Topic", {})
    d.config.update(
        {
            "TopicArn": r.get("arn"),
            "Attributes": compact(
                {
                    "TopicArn": r.get("arn"),
                    "KmsMasterKeyId": text(r.get("kms_master_key_id")),
                    "DisplayName": r.get("display_name") or "",
                }
            ),
        }
    )
    return [d]


@reg.translator("aws_sqs_queue", produces="AWS::SQS::Queue")
def queue(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::SQS::Queue", {})
    key = text(r.get("kms_master_key_id"))
    managed = r.get("sqs_managed_sse_enabled")
    if managed in (None, UNKNOWN) and not r.configured("sqs_managed_sse_enabled"):
        managed = key is None  # SSE-SQS is on by default for new queues unless a KMS key is set
        d.derive("Attributes.SqsManagedSseEnabled")
    d.need(managed, "sqs_managed_sse_enabled", "sqs:GetQueueAttributes")
    d.config.update(
        {
            "QueueUrl": r.get("url") or r.get("id"),
            "Attributes": compact(
                {
                    "QueueArn": r.get("arn"),
                    "KmsMasterKeyId": key,
                    "SqsManagedSseEnabled": "true" if managed is True else "false" if managed is False else managed,
                    "MessageRetentionPeriod": str(r.get("message_retention_seconds"))
                    if known(r.get("message_retention_seconds"))
                    else None,
                }
            ),
        }
    )
    return [d]


@reg.translator(
    "aws_secretsmanager_secret",
    produces="AWS::SecretsManager::Secret",
    children=("aws_secretsmanager_secret_rotation",),
)
def secret(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::SecretsManager::Secret", {})
    d.config.update(compact({"ARN": r.get("arn"), "Name": r.get("name"), "KmsKeyId": text(r.get("kms_key_id"))}))
    rotations = d.join(ctx.children(r, "aws_secretsmanager_secret_rotation", "secret_id", ("id", "arn")))
    if rotations:
        rot = rotations[0]
        rules = rot.block("rotation_rules")
        d.config.update(
            compact(
                {
                    "RotationEnabled": True,
                    "RotationLambdaARN": text(rot.get("rotation_lambda_arn")),
                    "RotationRules": compact(
                        {
                            "AutomaticallyAfterDays": rules.get("automatically_after_days") or None,
                            "ScheduleExpression": text(rules.get("schedule_expression")),
                            "Duration": text(rules.get("duration")),
                        }
                    ),
                }
            )
        )
    return [d]


@reg.translator("aws_ssm_parameter", produces="AWS::SSM::Parameter")
def parameter(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, "AWS::SSM::Parameter", {})
    name = r.get("name")
    d.need(name, "name", None, path="Name")
    d.need(r.get("type"), "type", None, path="Type")
    d.config.update(
        compact(
            {
                "Name": name,
                "Type": r.get("type"),
                "KeyId": text(r.get("key_id")),
                "Tier": r.get("tier"),
                "DataType": r.get("data_type"),
                "Version": r.get("version"),
                "Description": r.get("description"),
            }
        )
    )
    return [d]
