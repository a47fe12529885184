# METADATA
# title: RDS DB instances keep automated backups for at least 7 days
# description: |
#   The DB instance keeps automated backups (and so point-in-time recovery) for at least
#   7 days (BackupRetentionPeriod; 0 turns automated backups off). Instances in a DB cluster
#   take their backups from the cluster (aws.rds.cluster_backup_retention_7_days) and read
#   replicas from their source, so neither is judged here.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
# custom:
#   id: aws.rds.instance_backup_retention_7_days
#   severity: medium
#   resource_types: [AWS::RDS::DBInstance]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier NAME --backup-retention-period 7
#     --apply-immediately (up to 35 days; longer retention needs AWS Backup)
package attestkit.checks.aws.rds.instance_backup_retention_7_days

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_min_days := 7

# Paths a Terraform plan can leave known only after apply.
_paths := ["BackupRetentionPeriod"]

results contains result.error(db, inventory.after_apply_message(db, _paths), inventory.with_unknown(db, _paths, _evidence(db))) if {
	some db in _judged
	_undecided(db)
}

results contains result.pass(db, sprintf("automated backups kept %v days", [_days(db)]), _evidence(db)) if {
	some db in _judged
	not _undecided(db)
	_compliant(db)
}

results contains result.fail(db, _fail_message(db), _evidence(db)) if {
	some db in _judged
	not _undecided(db)
	not _compliant(db)
}

_judged := [db |
	some db in inventory.resources("AWS::RDS::DBInstance")
	not _in_cluster(db)
	not _read_replica(db)
]

_in_cluster(db) if db.config.DBClusterIdentifier

_read_replica(db) if db.config.ReadReplicaSourceDBInstanceIdentifier

_days(db) := object.get(db.config, "BackupRetentionPeriod", null)

_undecided(db) if inventory.known_after_apply(db, _paths)

_compliant(db) if {
	is_number(_days(db))
	_days(db) >= _min_days
}

_fail_message(db) := "automated backups turned off" if {
	_days(db) == 0
} else := sprintf("automated backups kept %v days, fewer than %d", [_days(db), _min_days])

_evidence(db) := {"BackupRetentionPeriod": _days(db), "required_days": _min_days}
