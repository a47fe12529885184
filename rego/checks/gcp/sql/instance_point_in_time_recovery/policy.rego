# METADATA
# title: Cloud SQL instances can be restored to a point in time
# description: |
#   Every primary Cloud SQL instance can be recovered to any moment of its log retention:
#   `settings.backupConfiguration.pointInTimeRecoveryEnabled` is true (PostgreSQL, SQL Server,
#   and MySQL instances using it), or for MySQL binary logging is on (`binaryLogEnabled`),
#   which is how MySQL point-in-time recovery works. Automated backups must be on as well.
#   Read replicas are not judged. When a Terraform plan leaves automated backups, the
#   point-in-time recovery flag or (MySQL) binary logging to be known after apply, the
#   instance is `error` unless the known values already fail it (backups off, or log recovery
#   known to be off).
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
_backups_path := "settings.backupConfiguration.enabled"

_pitr_path := "settings.backupConfiguration.pointInTimeRecoveryEnabled"

_binlog_path := "settings.backupConfiguration.binaryLogEnabled"

results contains result.pass(i, "point-in-time recovery enabled", inventory.with_unknown(i, [_binlog_path, _pitr_path], _evidence(i))) if {
	some i in _primaries
	_compliant(i)
}

results contains result.fail(i, _fail_message(i), _evidence(i)) if {
	some i in _primaries
	not _compliant(i)
	not _undecided(i)
}

results contains result.error(i, sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [concat(", ", _waiting(i))]), object.union(_evidence(i), {"known_after_apply": _waiting(i)})) if {
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

# Backups known to be off, or log recovery known to be off, fail the instance whatever the
# values known only after apply turn out to be.
_undecided(i) if {
	not _compliant(i)
	_maybe_backups(i)
	_maybe_log_recovery(i)
	count(_waiting(i)) > 0
}

_log_recovery(i) if object.get(_backup(i), "pointInTimeRecoveryEnabled", false) == true

_log_recovery(i) if {
	_mysql(i)
	object.get(_backup(i), "binaryLogEnabled", false) == true
}

_mysql(i) if startswith(object.get(i.config, "databaseVersion", ""), "MYSQL")

# Terraform plans: on, or known only after apply.
_maybe_backups(i) if object.get(_backup(i), "enabled", false) == true

_maybe_backups(i) if inventory.known_after_apply(i, [_backups_path])

_maybe_log_recovery(i) if _log_recovery(i)

_maybe_log_recovery(i) if inventory.known_after_apply(i, _log_paths(i))

# The flags that give log recovery: binary logging counts for MySQL only.
_log_paths(i) := [_binlog_path, _pitr_path] if _mysql(i) else := [_pitr_path]

# The values known only after apply the verdict waits for.
_waiting(i) := sort(array.concat(inventory.unknown_paths(i, [_backups_path]), _waiting_log(i)))

_waiting_log(i) := [] if _log_recovery(i) else := inventory.unknown_paths(i, _log_paths(i))

_fail_message(i) := "automated backups are off, so there is nothing to recover from" if {
	object.get(_backup(i), "enabled", false) != true
	not inventory.known_after_apply(i, [_backups_path])
} else := "point-in-time recovery disabled"

_evidence(i) := {
	"databaseVersion": object.get(i.config, "databaseVersion", null),
	"settings.backupConfiguration.enabled": object.get(_backup(i), "enabled", null),
	"settings.backupConfiguration.pointInTimeRecoveryEnabled": object.get(_backup(i), "pointInTimeRecoveryEnabled", null),
	"settings.backupConfiguration.binaryLogEnabled": object.get(_backup(i), "binaryLogEnabled", null),
}
