# METADATA
# title: SQL servers audit database activity
# description: |
#   Server-level auditing is on for the Azure SQL logical server (the `auditingSettings/default`
#   policy has state Enabled), so every database on it writes an audit trail of
#   authentication and queries to storage, Log Analytics or Event Hubs. When the auditing
#   policy could not be read the server is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-sql/database/auditing-overview
#   - ref: https://learn.microsoft.com/rest/api/sql/server-blob-auditing-policies/get
# custom:
#   id: azure.sql.server_auditing_enabled
#   severity: high
#   resource_types: [Microsoft.Sql/servers]
#   remediation: |
#     az sql server audit-policy update --name SERVER --resource-group RG --state Enabled
#     --log-analytics-target-state Enabled --log-analytics-workspace-resource-id WORKSPACE_ID
package attestkit.checks.azure.sql.server_auditing_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Sql/servers"

_apis := ["sql:ServerBlobAuditingPolicies_Get"]

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources(_type)
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, "server auditing enabled", _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, "server auditing disabled: database activity is not audited", _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_state(r) := object.get(r.config, ["auditingSettings", "state"], null)

_compliant(r) if _state(r) == "Enabled"

_evidence(r) := {
	"auditingSettings.state": _state(r),
	"auditingSettings.isAzureMonitorTargetEnabled": object.get(r.config, ["auditingSettings", "isAzureMonitorTargetEnabled"], null),
	"auditingSettings.retentionDays": object.get(r.config, ["auditingSettings", "retentionDays"], null),
}
