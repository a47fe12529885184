# METADATA
# title: SQL servers have a Microsoft Entra ID administrator
# description: |
#   The Azure SQL logical server has a Microsoft Entra ID (Azure AD) administrator (an entry of
#   type ActiveDirectory among its administrators), so database access can be granted to
#   named Entra identities and groups, with their MFA and lifecycle, instead of SQL logins
#   alone. When the administrators could not be listed the server is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-sql/database/authentication-aad-configure
#   - ref: https://learn.microsoft.com/rest/api/sql/server-azure-ad-administrators/list-by-server
# custom:
#   id: azure.sql.server_entra_admin_configured
#   severity: medium
#   resource_types: [Microsoft.Sql/servers]
#   remediation: |
#     az sql server ad-admin create --server SERVER --resource-group RG --display-name GROUP_NAME
#     --object-id GROUP_OBJECT_ID
package attestkit.checks.azure.sql.server_entra_admin_configured

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Sql/servers"

_apis := ["sql:ServerAzureADAdministrators_ListByServer"]

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources(_type)
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, sprintf("Entra ID administrator: %s", [concat(", ", _admins(r))]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, "no Microsoft Entra ID administrator: only SQL authentication is configured", _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_admins(r) := sort([login |
	some admin in inventory.array_at(r.config, "administrators")
	object.get(admin, ["properties", "administratorType"], null) == "ActiveDirectory"
	login := sprintf("%v", [object.get(admin, ["properties", "login"], "(unnamed)")])
])

_compliant(r) if count(_admins(r)) > 0

_evidence(r) := {"administrators[administratorType=ActiveDirectory].login": _admins(r)}
