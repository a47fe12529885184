# METADATA
# title: Cloud SQL instances can be restored to a point in time
# description: |
#   Every primary Cloud SQL instance can be recovered to any moment of its log retention:
#   `settings.backupConfiguration.pointInTimeRecoveryEnabled` is true (PostgreSQL, SQL Server,
#   and MySQL instances using it), or for MySQL binary logging is on (`binaryLogEnabled`),
#   which is how MySQL point-in-time recovery works. Automated backups must be on as well.
#   Read replicas are not judged. When a Terraform plan leaves automated backups to be known
#   after apply, an instance with log recovery on is `error` (one without it fails anyway).
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

# Paths a Terraform plan can leave known only after apply.
_paths := ["settings.backupConfiguration.enabled"]

results contains result.pass(i, "point-in-time recovery enabled", _evidence(i)) if {
	some i in _primaries
	_compliant(i)
}

results contains result.fail(i, _fail_message(i), _evidence(i)) if {
	some i in _primaries
	not _compliant(i)
	not _undecided(i)
}

results contains result.error(i, inventory.after_apply_message(i, _paths), inventory.with_unknown(i, _paths, _evidence(i))) if {
	some i in _primaries
	_undecided(i)
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

# Without log recovery the instance fails whatever its backups turn out to be.
_undecided(i) if {
	not _compliant(i)
	_log_recovery(i)
	inventory.known_after_apply(i, _paths)
}

_log_recovery(i) if object.get(_backup(i), "pointInTimeRecoveryEnabled", false) == true

_log_recovery(i) if {
	startswith(object.get(i.config, "databaseVersion", ""), "MYSQL")
	object.get(_backup(i), "binaryLogEnabled", false) == true
}

_fail_message(i) := "automated backups are off, so there is nothing to recover from" if {
	object.get(_backup(i), "enabled", false) != true
	not inventory.known_after_apply(i, _paths)
} else := "point-in-time recovery disabled"

_evidence(i) := {
	"databaseVersion": object.get(i.config, "databaseVersion", null),
	"settings.backupConfiguration.enabled": object.get(_backup(i), "enabled", null),
	"settings.backupConfiguration.pointInTimeRecoveryEnabled": object.get(_backup(i), "pointInTimeRecoveryEnabled", null),
	"settings.backupConfiguration.binaryLogEnabled": object.get(_backup(i), "binaryLogEnabled", null),
}
