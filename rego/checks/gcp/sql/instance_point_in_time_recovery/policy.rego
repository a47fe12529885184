# METADATA
# title: Cloud SQL instances can be restored to a point in time
# description: |
#   Every primary Cloud SQL instance can be recovered to any moment of its log retention:
#   `settings.backupConfiguration.pointInTimeRecoveryEnabled` is true (PostgreSQL, SQL Server,
#   and MySQL instances using it), or for MySQL binary logging is on (`binaryLogEnabled`),
#   which is how MySQL point-in-time recovery works. Automated backups must be on as well.
#   Read replicas are not judged.
# related_resources:
#   - ref: https://cloud.google.com/sql/docs/postgres/backup-recovery/pitr
#   - ref: https://cloud.google.com/sql/docs/mysql/backup-recovery/pitr
# custom:
#   id: gcp.sql.instance_point_in_time_recovery
#   severity: medium
#   resource_types: [sqladmin.googleapis.com/Instance]
#   remediation: |
#     gcloud sql instances patch INSTANCE --enable-point-in-time-recovery (PostgreSQL, SQL
#     Server) or --enable-bin-log (MySQL), with automated backups enabled.
package attestkit.checks.gcp.sql.instance_point_in_time_recovery

import data.attestkit.lib.inventory
import data.attestkit.lib.result

results contains result.pass(i, "point-in-time recovery enabled", _evidence(i)) if {
	some i in _primaries
	_compliant(i)
}

results contains result.fail(i, _fail_message(i), _evidence(i)) if {
	some i in _primaries
	not _compliant(i)
}

_primaries contains i if {
	some i in inventory.resources("sqladmin.googleapis.com/Instance")
	object.get(i.config, "instanceType", "CLOUD_SQL_INSTANCE") == "CLOUD_SQL_INSTANCE"
}

_backup(i) := object.get(i.config, ["settings", "backupConfiguration"], {})

_compliant(i) if {
	object.get(_backup(i), "enabled", false) == true
	_log_recovery(i)
}

_log_recovery(i) if object.get(_backup(i), "pointInTimeRecoveryEnabled", false) == true

_log_recovery(i) if {
	startswith(object.get(i.config, "databaseVersion", ""), "MYSQL")
	object.get(_backup(i), "binaryLogEnabled", false) == true
}

_fail_message(i) := "automated backups are off, so there is nothing to recover from" if {
	object.get(_backup(i), "enabled", false) != true
} else := "point-in-time recovery disabled"

_evidence(i) := {
	"databaseVersion": object.get(i.config, "databaseVersion", null),
	"settings.backupConfiguration.enabled": object.get(_backup(i), "enabled", null),
	"settings.backupConfiguration.pointInTimeRecoveryEnabled": object.get(_backup(i), "pointInTimeRecoveryEnabled", null),
	"settings.backupConfiguration.binaryLogEnabled": object.get(_backup(i), "binaryLogEnabled", null),
}
