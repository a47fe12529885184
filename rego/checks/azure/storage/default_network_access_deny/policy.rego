# METADATA
# title: Storage account firewalls deny traffic by default
# description: |
#   The storage account's network rules deny access by default (`networkAcls.defaultAction`
#   is Deny), so only the virtual networks, IP ranges and trusted services listed can reach
#   it; or the account disables public network access altogether (`publicNetworkAccess`
#   Disabled), leaving private endpoints only. In a Terraform plan that leaves one of them to be
#   known only after apply, the account is `error` unless the other one already passes it.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/storage/common/storage-network-security
# custom:
#   id: azure.storage.default_network_access_deny
#   severity: medium
#   resource_types: [Microsoft.Storage/storageAccounts]
#   remediation: |
#     Allow the networks that need access (az storage account network-rule add ...), then
#     az storage account update --name ACCOUNT --resource-group RG --default-action Deny
package attestkit.checks.azure.storage.default_network_access_deny

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Storage/storageAccounts"

_paths := ["properties.networkAcls.defaultAction", "properties.publicNetworkAccess"]

results contains result.error(r, inventory.after_apply_message(r, _paths), object.union(_evidence(r), {"known_after_apply": inventory.unknown_paths(r, _paths)})) if {
	some r in inventory.resources(_type)
	_undecided(r)
}

results contains result.pass(r, _pass_message(r), inventory.with_unknown(r, _paths, _evidence(r))) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	_compliant(r)
}

results contains result.fail(r, "network rules allow traffic from any network by default", _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	not _compliant(r)
}

_default_action(r) := object.get(r.config, ["properties", "networkAcls", "defaultAction"], null)

_public_network_access(r) := object.get(r.config, ["properties", "publicNetworkAccess"], null)

_compliant(r) if _default_action(r) == "Deny"

_compliant(r) if _public_network_access(r) == "Disabled"

_pass_message(r) := "public network access disabled: private endpoints only" if {
	_public_network_access(r) == "Disabled"
} else := "network rules deny traffic by default"

_evidence(r) := {
	"properties.networkAcls.defaultAction": _default_action(r),
	"properties.publicNetworkAccess": _public_network_access(r),
}

# Either setting passes the account on its own; otherwise one known only after apply in a
# Terraform plan leaves it neither pass nor fail.
_undecided(r) if {
	not _compliant(r)
	inventory.known_after_apply(r, _paths)
}
