# METADATA
# title: Microsoft Defender for Cloud protects every workload kind of the subscription
# description: |
#   The subscription runs Defender for Cloud's paid plans (pricing tier Standard) for the
#   workload kinds a healthcare estate holds: servers (VirtualMachines), Azure SQL
#   (SqlServers), SQL on VMs (SqlServerVirtualMachines), open-source databases
#   (OpenSourceRelationalDatabases), Cosmos DB (CosmosDbs), Storage (StorageAccounts), Key
#   Vault (KeyVaults), App Service (AppServices), containers (Containers) and Resource Manager
#   (Arm), so threats against them are detected and alerted on. A plan the service reports as
#   deprecated is not required; a required plan with no pricing record counts as off. One
#   result per subscription; when its plans could not be listed and some are not known to be
#   on, the subscription is `error`, and so it is when a Terraform plan leaves the pricing tier
#   of a required plan to be known only after apply and no other is known to be off.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/defender-for-cloud/defender-for-cloud-introduction
#   - ref: https://learn.microsoft.com/azure/defender-for-cloud/enable-all-plans
#   - ref: https://learn.microsoft.com/rest/api/defenderforcloud/pricings/list
# custom:
#   id: azure.defender.plans_enabled
#   severity: high
#   resource_types: [Microsoft.Resources/subscriptions, Microsoft.Security/pricings]
#   remediation: |
#     az security pricing create --name PLAN --tier Standard, for each plan the result lists
#     (e.g. az security pricing create --name VirtualMachines --tier Standard --subplan P2)
package attestkit.checks.azure.defender.plans_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Resources/subscriptions"

_pricing_type := "Microsoft.Security/pricings"

_tier_paths := ["properties.pricingTier"]

_required := {
	"VirtualMachines", "SqlServers", "SqlServerVirtualMachines", "OpenSourceRelationalDatabases",
	"CosmosDbs", "StorageAccounts", "KeyVaults", "AppServices", "Containers", "Arm",
}

results contains result.error(s, _error_message(s), _error_evidence(s)) if {
	some s in inventory.resources(_type)
	not _compliant(s)
	inventory.scope_unreadable(_account(s), _pricing_type)
}

results contains result.error(s, sprintf("cannot judge before apply: %s known only after apply; judge the applied resources", [concat(", ", _unknown(s))]), object.union(_evidence(s), {"known_after_apply": _unknown(s)})) if {
	some s in inventory.resources(_type)
	_undecided(s)
	not inventory.scope_unreadable(_account(s), _pricing_type)
}

results contains result.pass(s, sprintf("Defender for Cloud plans on: %s", [concat(", ", sort([p | some p in _needed(s)]))]), _evidence(s)) if {
	some s in inventory.resources(_type)
	_compliant(s)
}

results contains result.fail(s, sprintf("Defender for Cloud plans not on: %s", [concat(", ", _off(s))]), _evidence(s)) if {
	some s in inventory.resources(_type)
	not _compliant(s)
	not _undecided(s)
	not inventory.scope_unreadable(_account(s), _pricing_type)
}

_account(s) := object.get(s, "account", null)

# "<subscription>|<lower-cased plan>" -> its pricing record, built once.
_by_key := {_key(object.get(p, "account", null), p.name): p |
	some p in inventory.resources(_pricing_type)
	is_string(p.name)
}

_key(account, plan) := sprintf("%v|%s", [account, lower(plan)])

_deprecated(s, plan) if object.get(_by_key, [_key(_account(s), plan), "config", "properties", "deprecated"], false) == true

_needed(s) := {plan | some plan in _required; not _deprecated(s, plan)}

_tier(s, plan) := object.get(_by_key, [_key(_account(s), plan), "config", "properties", "pricingTier"], null)

# The required plans known not to be on.
_off(s) := sort([plan | some plan in _needed(s); not _unknown_tier(s, plan); _tier(s, plan) != "Standard"])

# The required plans whose pricing tier a Terraform plan leaves to be known only after apply,
# as "<plan>: <path>".
_unknown(s) := sort([sprintf("%s: %s", [plan, path]) |
	some plan in _needed(s)
	some path in inventory.unknown_paths(_by_key[_key(_account(s), plan)], _tier_paths)
])

_unknown_tier(s, plan) if inventory.known_after_apply(_by_key[_key(_account(s), plan)], _tier_paths)

_compliant(s) if {
	count(_off(s)) == 0
	count(_unknown(s)) == 0
}

# No required plan is known to be off, but some tier is known only after apply.
_undecided(s) if {
	count(_off(s)) == 0
	count(_unknown(s)) > 0
}

_evidence(s) := {"pricingTier by plan": {plan: _tier(s, plan) | some plan in _needed(s)}}

_error_message(s) := sprintf("could not list Defender for Cloud plans: %s", [concat(", ", sort([sprintf("%v %v", [e.api, e.code]) |
	some e in inventory.scope_errors(_account(s), _pricing_type)
]))])

_error_evidence(s) := object.union(_evidence(s), {"errors": inventory.scope_errors(_account(s), _pricing_type)})
