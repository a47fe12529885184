# METADATA
# title: MySQL flexible servers keep geo-redundant backups
# description: |
#   The Azure Database for MySQL flexible server stores its backups geo-redundantly
#   (`backup.geoRedundantBackup` is Enabled), so the database can be restored in the paired
#   region when its own region is lost. The check judges the server's ARM properties; it has
#   no read of its own that can fail. In a Terraform plan that leaves `backup.geoRedundantBackup` to
#   be known only after apply, the server is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/mysql/flexible-server/concepts-backup-restore
# custom:
#   id: azure.mysql.flexible_server_geo_redundant_backup
#   severity: medium
#   resource_types: [Microsoft.DBforMySQL/flexibleServers]
#   remediation: |
#     az mysql flexible-server update --name SERVER --resource-group RG --geo-redundant-backup Enabled
#     (where the region supports it; otherwise restore into a new server created with it)
package attestkit.checks.azure.mysql.flexible_server_geo_redundant_backup

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.DBforMySQL/flexibleServers"

_paths := ["properties.backup.geoRedundantBackup"]

results contains result.error(r, inventory.after_apply_message(r, _paths), object.union(_evidence(r), {"known_after_apply": inventory.unknown_paths(r, _paths)})) if {
	some r in inventory.resources(_type)
	_undecided(r)
}

results contains result.pass(r, sprintf("geo-redundant backups, kept %v days", [_retention(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	_compliant(r)
}

results contains result.fail(r, "backups are not geo-redundant: a regional outage can take them with the server", _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	not _compliant(r)
}

_geo(r) := object.get(r.config, ["properties", "backup", "geoRedundantBackup"], null)

_retention(r) := object.get(r.config, ["properties", "backup", "backupRetentionDays"], null)

_compliant(r) if _geo(r) == "Enabled"

_evidence(r) := {"properties.backup.geoRedundantBackup": _geo(r), "properties.backup.backupRetentionDays": _retention(r)}

# A Terraform plan leaves the value to be known only after apply: neither pass nor fail.
_undecided(r) if inventory.known_after_apply(r, _paths)
