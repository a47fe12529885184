# METADATA
# title: Storage account firewalls deny traffic by default
# description: |
#   The storage account's network rules deny access by default (`networkAcls.defaultAction`
#   is Deny), so only the virtual networks, IP ranges and trusted services listed can reach
#   it; or the account disables public network access altogether (`publicNetworkAccess`
#   Disabled), leaving private endpoints only.
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

results contains result.pass(r, _pass_message(r), _evidence(r)) if {
	some r in inventory.resources(_type)
	_compliant(r)
}

results contains result.fail(r, "network rules allow traffic from any network by default", _evidence(r)) if {
	some r in inventory.resources(_type)
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
