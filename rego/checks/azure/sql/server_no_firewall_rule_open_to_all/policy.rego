# METADATA
# title: SQL server firewalls have no rule open to every address
# description: |
#   No server-level firewall rule of the Azure SQL logical server allows the whole IPv4
#   address space (start 0.0.0.0, end 255.255.255.255), which would expose every database on
#   it to the internet, protected by credentials alone. A server with public network access
#   disabled passes whatever its rules say (the rules are not applied). The special rule
#   0.0.0.0-0.0.0.0 ("Allow Azure services") is not judged here. When the firewall rules
#   could not be listed the server is `error`, and so it is when a Terraform plan opens a rule
#   to every address and leaves `publicNetworkAccess` to be known only after apply.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-sql/database/firewall-configure
#   - ref: https://learn.microsoft.com/rest/api/sql/firewall-rules/list-by-server
# custom:
#   id: azure.sql.server_no_firewall_rule_open_to_all
#   severity: critical
#   resource_types: [Microsoft.Sql/servers]
#   remediation: |
#     az sql server firewall-rule delete --server SERVER --resource-group RG --name RULE, then allow only
#     the ranges that need access (az sql server firewall-rule create ...) or use private endpoints
package attestkit.checks.azure.sql.server_no_firewall_rule_open_to_all

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Sql/servers"

_apis := ["sql:FirewallRules_ListByServer"]

_paths := ["properties.publicNetworkAccess"]

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources(_type)
	inventory.any_read_failed(r, _apis)
}

results contains result.error(r, inventory.after_apply_message(r, _paths), object.union(_evidence(r), {"known_after_apply": inventory.unknown_paths(r, _paths)})) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	_undecided(r)
}

results contains result.pass(r, _pass_message(r), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	not _undecided(r)
	_compliant(r)
}

results contains result.fail(r, sprintf("firewall rule(s) open to every address: %s", [concat(", ", _open_rules(r))]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	not _undecided(r)
	not _compliant(r)
}

_public_network_access(r) := object.get(r.config, ["properties", "publicNetworkAccess"], null)

_open_rules(r) := sort([name |
	some rule in inventory.array_at(r.config, "firewallRules")
	object.get(rule, ["properties", "startIpAddress"], null) == "0.0.0.0"
	object.get(rule, ["properties", "endIpAddress"], null) == "255.255.255.255"
	name := sprintf("%v", [object.get(rule, "name", "(unnamed)")])
])

_compliant(r) if count(_open_rules(r)) == 0

_compliant(r) if _public_network_access(r) == "Disabled"

_pass_message(r) := "public network access disabled: firewall rules do not apply" if {
	_public_network_access(r) == "Disabled"
} else := "no firewall rule open to every address"

_evidence(r) := {
	"firewallRules open to 0.0.0.0-255.255.255.255": _open_rules(r),
	"properties.publicNetworkAccess": _public_network_access(r),
}

# A rule is open to every address, and whether public network access (which would make the
# rules moot) is disabled is known only after apply in a Terraform plan.
_undecided(r) if {
	not _compliant(r)
	inventory.known_after_apply(r, _paths)
}
