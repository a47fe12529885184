package attestkit.checks.azure.defender.plans_enabled_test

import data.attestkit.checks.azure.defender.plans_enabled as check

_sub := "11111111-2222-3333-4444-555555555555"

_id := sprintf("/subscriptions/%s", [_sub])

_subscription := {
	"id": _id,
	"type": "Microsoft.Resources/subscriptions",
	"account": _sub,
	"region": "global",
	"name": "prod",
	"config": {"state": "Enabled", "diagnosticSettings": []},
	"errors": [],
}

_plans := ["VirtualMachines", "SqlServers", "SqlServerVirtualMachines", "OpenSourceRelationalDatabases", "CosmosDbs", "StorageAccounts", "KeyVaults", "AppServices", "Containers", "Arm"]

_pricing(plan, tier, extra) := {
	"id": sprintf("/subscriptions/%s/providers/Microsoft.Security/pricings/%s", [_sub, plan]),
	"type": "Microsoft.Security/pricings",
	"account": _sub,
	"region": "global",
	"name": plan,
	"config": {"properties": object.union({"pricingTier": tier}, extra)},
	"errors": [],
}

_all(tier) := [_pricing(p, tier, {}) | some p in _plans]

_except(plan, tier) := array.concat([_pricing(p, "Standard", {}) | some p in _plans; p != plan], [_pricing(plan, tier, {})])

_input(pricings, errors) := {
	"resources": {"Microsoft.Resources/subscriptions": [_subscription], "Microsoft.Security/pricings": pricings},
	"collection_errors": errors,
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_scope_error := {
	"service": "security", "region": "global", "account": _sub, "api": "resourcegraph:Resources",
	"code": "AuthorizationFailed", "message": "denied", "resource_types": ["Microsoft.Security/pricings"],
}

test_pass_every_plan_standard if {
	rs := check.results with input as _input(_all("Standard"), [])
	_status(rs, _id) == {"pass"}
}

test_pass_deprecated_plan_not_required if {
	pricings := array.concat(_except("Containers", "Free"), [])
	deprecated := [_pricing("Containers", "Free", {"deprecated": true, "replacedBy": ["Something"]})]
	rs := check.results with input as _input(array.concat([p | some p in pricings; p.name != "Containers"], deprecated), [])
	_status(rs, _id) == {"pass"}
}

test_pass_plan_names_compared_without_case if {
	pricings := [object.union(p, {"name": lower(p.name)}) | some p in _all("Standard")]
	rs := check.results with input as _input(pricings, [])
	_status(rs, _id) == {"pass"}
}

test_fail_one_plan_free if {
	rs := check.results with input as _input(_except("VirtualMachines", "Free"), [])
	_status(rs, _id) == {"fail"}
	some r in rs
	r.message == "Defender for Cloud plans not on: VirtualMachines"
}

test_fail_plan_missing if {
	rs := check.results with input as _input([p | some p in _all("Standard"); p.name != "KeyVaults"], [])
	_status(rs, _id) == {"fail"}
}

test_fail_no_pricing_records if {
	rs := check.results with input as _input([], [])
	_status(rs, _id) == {"fail"}
}

test_error_plans_unreadable if {
	rs := check.results with input as _input([], [_scope_error])
	_status(rs, _id) == {"error"}
}

test_pass_other_subscriptions_plans_do_not_count if {
	other := [object.union(p, {"account": "99999999-2222-3333-4444-555555555555"}) | some p in _all("Standard")]
	rs := check.results with input as _input(other, [])
	_status(rs, _id) == {"fail"}
}

# As `attest collect terraform` writes a pricing whose tier Terraform knows only after apply:
# the sentinel in config, the path listed.
_planned_pricing(plan) := object.union(_pricing(plan, "(known after apply)", {}), {
	"config": {"_terraform": {"address": sprintf("azurerm_security_center_subscription_pricing.%s", [lower(plan)]), "unknown": ["properties.pricingTier"]}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "azurerm_security_center_subscription_pricing.tier is known only after apply"}],
})

test_error_plan_tier_known_after_apply if {
	pricings := array.concat([p | some p in _all("Standard"); p.name != "KeyVaults"], [_planned_pricing("KeyVaults")])
	rs := check.results with input as _input(pricings, [])
	_status(rs, _id) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["KeyVaults: properties.pricingTier"]
	r.message == "cannot judge before apply: KeyVaults: properties.pricingTier known only after apply; judge the applied resources"
}

test_fail_plan_free_although_another_tier_known_after_apply if {
	pricings := array.concat([p | some p in _except("Arm", "Free"); p.name != "KeyVaults"], [_planned_pricing("KeyVaults")])
	rs := check.results with input as _input(pricings, [])
	_status(rs, _id) == {"fail"}
	some r in rs
	r.message == "Defender for Cloud plans not on: Arm"
}
