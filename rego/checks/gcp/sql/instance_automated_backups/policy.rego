# METADATA
# title: Cloud SQL instances take automated backups
# description: |
#   Every primary Cloud SQL instance (`instanceType` CLOUD_SQL_INSTANCE) has automated backups
#   enabled (`settings.backupConfiguration.enabled`). Read replicas cannot take backups and are
#   not judged; their primary is. A Terraform plan that leaves the setting to be known after
#   apply is `error`.
# related_resources:
#   - ref: https://cloud.google.com/sql/docs/postgres/backup-recovery/backups
#   - ref: https://cloud.google.com/sql/docs/mysql/backup-recovery/backing-up
# custom:
#   id: gcp.sql.instance_automated_backups
#   severity: medium
#   resource_types: [sqladmin.googleapis.com/Instance]
#   remediation: |
#     gcloud sql instances patch INSTANCE --backup-start-time=HH:MM (enables automated daily
#     backups; set --retained-backups-count to your retention).
package attestkit.checks.gcp.sql.instance_automated_backups

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_backup_path := ["settings", "backupConfiguration", "enabled"]

# Paths a Terraform plan can leave known only after apply.
_paths := ["settings.backupConfiguration.enabled"]

results contains result.pass(i, "automated backups enabled", _evidence(i)) if {
	some i in _primaries
	_compliant(i)
}

results contains result.fail(i, "automated backups disabled", _evidence(i)) if {
	some i in _primaries
	not _compliant(i)
	not _undecided(i)
}

results contains result.error(i, inventory.after_apply_message(i, _paths), inventory.with_unknown(i, _paths, _evidence(i))) if {
	some i in _primaries
	_undecided(i)
}

# Instances that can take backups: primaries (an instance without instanceType is one).
_primaries contains i if {
	some i in inventory.resources("sqladmin.googleapis.com/Instance")
	object.get(i.config, "instanceType", "CLOUD_SQL_INSTANCE") == "CLOUD_SQL_INSTANCE"
}

_compliant(i) if object.get(i.config, _backup_path, false) == true

_undecided(i) if {
	not _compliant(i)
	inventory.known_after_apply(i, _paths)
}

_evidence(i) := {
	"settings.backupConfiguration.enabled": object.get(i.config, _backup_path, null),
	"settings.backupConfiguration.backupRetentionSettings": object.get(i.config, ["settings", "backupConfiguration", "backupRetentionSettings"], null),
}
