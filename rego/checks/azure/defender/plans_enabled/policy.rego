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
#   of a required plan, or the plan a pricing sets (which may be a required plan without a
#   pricing of its own), to be known only after apply and no other is known to be off.
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

results contains result.fail(s, _fail_message(s), _evidence(s)) if {
	some s in inventory.resources(_type)
	not _compliant(s)
	not _undecided(s)
	not inventory.scope_unreadable(_account(s), _pricing_type)
}

_account(s) := object.get(s, "account", null)

_name_paths := ["name"]

# "<subscription>|<lower-cased plan>" -> its pricing record, built once. A pricing whose plan a
# Terraform plan leaves to be known only after apply is not keyed by the placeholder.
_by_key := {_key(object.get(p, "account", null), p.name): p |
	some p in inventory.resources(_pricing_type)
	is_string(p.name)
	not inventory.known_after_apply(p, _name_paths)
}

_key(account, plan) := sprintf("%v|%s", [account, lower(plan)])

_deprecated(s, plan) if object.get(_by_key, [_key(_account(s), plan), "config", "properties", "deprecated"], false) == true

_needed(s) := {plan | some plan in _required; not _deprecated(s, plan)}

_tier(s, plan) := object.get(_by_key, [_key(_account(s), plan), "config", "properties", "pricingTier"], null)

# The required plans with a pricing record known not to be on.
_known_off(s) := sort([plan |
	some plan in _needed(s)
	_by_key[_key(_account(s), plan)]
	not _unknown_tier(s, plan)
	_tier(s, plan) != "Standard"
])

# The required plans without a pricing record.
_absent(s) := sort([plan | some plan in _needed(s); not _by_key[_key(_account(s), plan)]])

# The subscription's pricings whose plan (their name) a Terraform plan leaves to be known only
# after apply and that may be on: each may turn out to be one of the absent plans.
_unnamed(s) := sort([p.id |
	some p in inventory.resources(_pricing_type)
	object.get(p, "account", null) == _account(s)
	inventory.known_after_apply(p, _name_paths)
	_may_be_on(p)
])

_may_be_on(p) if object.get(p, ["config", "properties", "pricingTier"], null) == "Standard"

_may_be_on(p) if inventory.known_after_apply(p, _tier_paths)

# The required plans known not to be on (an absent plan is, unless a pricing of unknown plan
# may turn it on).
_off(s) := sort(array.concat(_known_off(s), [plan | some plan in _absent(s); count(_unnamed(s)) == 0]))

# More plans lack a pricing than the pricings of unknown plan can turn on: some are off.
_short(s) if {
	count(_unnamed(s)) > 0
	count(_absent(s)) > count(_unnamed(s))
}

# What a Terraform plan leaves to be known only after apply that could turn the verdict: the
# tiers of required plans ("<plan>: <path>"), and the plans of pricings that may be an absent
# plan ("<pricing id>: name").
_unknown(s) := sort(array.concat(
	[sprintf("%s: %s", [plan, path]) |
		some plan in _needed(s)
		some path in inventory.unknown_paths(_by_key[_key(_account(s), plan)], _tier_paths)
	],
	[sprintf("%s: name", [id]) | count(_absent(s)) > 0; some id in _unnamed(s)],
))

_unknown_tier(s, plan) if inventory.known_after_apply(_by_key[_key(_account(s), plan)], _tier_paths)

_compliant(s) if {
	count(_known_off(s)) == 0
	count(_absent(s)) == 0
	count(_unknown(s)) == 0
}

# No required plan is known to be off, but some tier, or the plan of a pricing that may be an
# absent plan, is known only after apply.
_undecided(s) if {
	count(_known_off(s)) == 0
	not _short(s)
	count(_unknown(s)) > 0
}

_fail_message(s) := sprintf("Defender for Cloud plans not on: %s", [concat(", ", _off(s))]) if {
	not _short(s)
} else := sprintf("Defender for Cloud plans not on: %s", [concat("; ", array.concat(
	[concat(", ", _known_off(s)) | count(_known_off(s)) > 0],
	[sprintf("at least %d of %s (%d pricing(s) whose plan is known only after apply may turn on the others)", [
		count(_absent(s)) - count(_unnamed(s)),
		concat(", ", _absent(s)),
		count(_unnamed(s)),
	])],
))])

_evidence(s) := object.union(_tiers(s), {"pricings whose plan is known only after apply": _unnamed(s)}) if {
	count(_unnamed(s)) > 0
} else := _tiers(s)

_tiers(s) := {"pricingTier by plan": {plan: _tier(s, plan) | some plan in _needed(s)}}

_error_message(s) := sprintf("could not list Defender for Cloud plans: %s", [concat(", ", sort([sprintf("%v %v", [e.api, e.code]) |
	some e in inventory.scope_errors(_account(s), _pricing_type)
]))])

_error_evidence(s) := object.union(_evidence(s), {"errors": inventory.scope_errors(_account(s), _pricing_type)})
