# METADATA
# title: RDS DB clusters keep automated backups for at least 7 days
# description: |
#   The DB cluster keeps its continuous automated backups, and so point-in-time recovery,
#   for at least 7 days (BackupRetentionPeriod, 1 to 35 days for clusters).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Backups.html
# custom:
#   id: aws.rds.cluster_backup_retention_7_days
#   severity: medium
#   resource_types: [AWS::RDS::DBCluster]
#   remediation: |
#     aws rds modify-db-cluster --db-cluster-identifier NAME --backup-retention-period 7
#     --apply-immediately (up to 35 days; longer retention needs AWS Backup)
package attestkit.checks.aws.rds.cluster_backup_retention_7_days

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_min_days := 7

# Paths a Terraform plan can leave known only after apply.
_paths := ["BackupRetentionPeriod"]

results contains result.error(c, inventory.after_apply_message(c, _paths), inventory.with_unknown(c, _paths, _evidence(c))) if {
	some c in inventory.resources("AWS::RDS::DBCluster")
	_undecided(c)
}

results contains result.pass(c, sprintf("automated backups kept %v days", [_days(c)]), _evidence(c)) if {
	some c in inventory.resources("AWS::RDS::DBCluster")
	not _undecided(c)
	_compliant(c)
}

results contains result.fail(c, sprintf("automated backups kept %v days, fewer than %d", [_days(c), _min_days]), _evidence(c)) if {
	some c in inventory.resources("AWS::RDS::DBCluster")
	not _undecided(c)
	not _compliant(c)
}

_days(c) := object.get(c.config, "BackupRetentionPeriod", null)

_undecided(c) if inventory.known_after_apply(c, _paths)

_compliant(c) if {
	is_number(_days(c))
	_days(c) >= _min_days
}

_evidence(c) := {"BackupRetentionPeriod": _days(c), "required_days": _min_days}
