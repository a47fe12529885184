# METADATA
# title: Cosmos DB accounts are not reachable from public networks
# description: |
#   The Azure Cosmos DB account disables public network access (`publicNetworkAccess`
#   Disabled, or SecuredByPerimeter under a network security perimeter), so it is reached
#   through private endpoints only. An account with public access enabled fails even when IP
#   or virtual network rules narrow it; the evidence shows those rules. The check judges the
#   account's ARM properties; it has no read of its own that can fail. In a Terraform plan that
#   leaves `publicNetworkAccess` to be known only after apply, the account is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/cosmos-db/how-to-configure-private-endpoints
#   - ref: https://learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall
# custom:
#   id: azure.cosmosdb.account_public_network_access_disabled
#   severity: high
#   resource_types: [Microsoft.DocumentDB/databaseAccounts]
#   remediation: |
#     Create a private endpoint for the account, then
#     az cosmosdb update --name ACCOUNT --resource-group RG --public-network-access Disabled
package attestkit.checks.azure.cosmosdb.account_public_network_access_disabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.DocumentDB/databaseAccounts"

_paths := ["properties.publicNetworkAccess"]

_private := {"Disabled", "SecuredByPerimeter"}

results contains result.error(r, inventory.after_apply_message(r, _paths), object.union(_evidence(r), {"known_after_apply": inventory.unknown_paths(r, _paths)})) if {
	some r in inventory.resources(_type)
	_undecided(r)
}

results contains result.pass(r, sprintf("public network access %v", [_access(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	_compliant(r)
}

results contains result.fail(r, _fail_message(r), _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	not _compliant(r)
}

_access(r) := object.get(r.config, ["properties", "publicNetworkAccess"], null)

_ip_rules(r) := [ip | some rule in inventory.array_at(r.config, ["properties", "ipRules"]); ip := object.get(rule, "ipAddressOrRange", null)]

_vnet_filter(r) := object.get(r.config, ["properties", "isVirtualNetworkFilterEnabled"], null)

_compliant(r) if _access(r) in _private

_fail_message(r) := "public network access enabled from every network" if {
	count(_ip_rules(r)) == 0
	_vnet_filter(r) != true
} else := "public network access enabled (narrowed by IP or virtual network rules)"

_evidence(r) := {
	"properties.publicNetworkAccess": _access(r),
	"properties.ipRules[].ipAddressOrRange": _ip_rules(r),
	"properties.isVirtualNetworkFilterEnabled": _vnet_filter(r),
}

# A Terraform plan leaves the value to be known only after apply: neither pass nor fail.
_undecided(r) if inventory.known_after_apply(r, _paths)
