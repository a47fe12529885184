# METADATA
# title: SQL databases are encrypted with transparent data encryption
# description: |
#   Transparent data encryption (TDE) is on for every user database (its
#   `transparentDataEncryption/current` state is Enabled), so data files, logs and backups
#   are encrypted at rest. System databases (master) are not judged: TDE does not apply to
#   them. When the TDE state could not be read the database is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-sql/database/transparent-data-encryption-tde-overview
#   - ref: https://learn.microsoft.com/rest/api/sql/transparent-data-encryptions/get
# custom:
#   id: azure.sql.database_tde_enabled
#   severity: high
#   resource_types: [Microsoft.Sql/servers/databases]
#   remediation: |
#     az sql db tde set --server SERVER --database DATABASE --resource-group RG --status Enabled
package attestkit.checks.azure.sql.database_tde_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Sql/servers/databases"

_apis := ["sql:TransparentDataEncryptions_Get"]

_databases contains r if {
	some r in inventory.resources(_type)
	not _system(r)
}

_system(r) if _lower(object.get(r, "name", null)) == "master"

_system(r) if contains(_lower(object.get(r.config, "kind", null)), "system")

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in _databases
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, "transparent data encryption enabled", _evidence(r)) if {
	some r in _databases
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, "transparent data encryption disabled: data at rest is not encrypted", _evidence(r)) if {
	some r in _databases
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_state(r) := object.get(r.config, ["transparentDataEncryption", "state"], null)

_compliant(r) if _state(r) == "Enabled"

_evidence(r) := {"transparentDataEncryption.state": _state(r)}

# Lower-cased when a string; "" otherwise (ARM writes null for unset values).
_lower(x) := lower(x) if is_string(x) else := ""
