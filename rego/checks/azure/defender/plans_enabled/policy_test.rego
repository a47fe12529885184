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

# As `attest collect terraform` writes a pricing whose plan (resource_type) Terraform knows only
# after apply: the sentinel as its name, "name" listed.
_unnamed_id(i) := sprintf("azurerm_security_center_subscription_pricing.extra[%d]", [i])

_unnamed_pricing(i, tier, unknown) := {
	"id": _unnamed_id(i),
	"type": "Microsoft.Security/pricings",
	"account": _sub,
	"region": "global",
	"name": "(known after apply)",
	"config": {"properties": {"pricingTier": tier}, "_terraform": {"address": _unnamed_id(i), "unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": sprintf("%s.resource_type is known only after apply", [_unnamed_id(i)])}],
}

_without(names) := [p | some p in _all("Standard"); not p.name in names]

test_error_absent_plan_may_be_a_pricing_of_unknown_plan if {
	pricings := array.concat(_without({"KeyVaults"}), [_unnamed_pricing(0, "Standard", ["name"])])
	rs := check.results with input as _input(pricings, [])
	_status(rs, _id) == {"error"}
	some r in rs
	r.evidence.known_after_apply == [sprintf("%s: name", [_unnamed_id(0)])]
	r.message == sprintf("cannot judge before apply: %s: name known only after apply; judge the applied resources", [_unnamed_id(0)])
}

test_error_pricing_of_unknown_plan_and_tier if {
	pricings := array.concat(_without({"KeyVaults"}), [_unnamed_pricing(0, "(known after apply)", ["name", "properties.pricingTier"])])
	rs := check.results with input as _input(pricings, [])
	_status(rs, _id) == {"error"}
}

test_error_two_absent_plans_two_pricings_of_unknown_plan if {
	pricings := array.concat(_without({"KeyVaults", "Arm"}), [_unnamed_pricing(0, "Standard", ["name"]), _unnamed_pricing(1, "Standard", ["name"])])
	rs := check.results with input as _input(pricings, [])
	_status(rs, _id) == {"error"}
}

test_pass_known_plans_decide_whatever_the_pricing_of_unknown_plan if {
	pricings := array.concat(_all("Standard"), [_unnamed_pricing(0, "Standard", ["name"])])
	rs := check.results with input as _input(pricings, [])
	_status(rs, _id) == {"pass"}
	some r in rs
	r.evidence["pricings whose plan is known only after apply"] == [_unnamed_id(0)]
}

test_fail_pricing_of_unknown_plan_known_not_on if {
	pricings := array.concat(_without({"KeyVaults"}), [_unnamed_pricing(0, "Free", ["name"])])
	rs := check.results with input as _input(pricings, [])
	_status(rs, _id) == {"fail"}
	some r in rs
	r.message == "Defender for Cloud plans not on: KeyVaults"
}

test_fail_more_absent_plans_than_pricings_of_unknown_plan if {
	pricings := array.concat(_without({"KeyVaults", "Arm"}), [_unnamed_pricing(0, "Standard", ["name"])])
	rs := check.results with input as _input(pricings, [])
	_status(rs, _id) == {"fail"}
	some r in rs
	r.message == "Defender for Cloud plans not on: at least 1 of Arm, KeyVaults (1 pricing(s) whose plan is known only after apply may turn on the others)"
}

test_fail_known_free_plan_decides_despite_pricing_of_unknown_plan if {
	pricings := array.concat([p | some p in _except("Arm", "Free"); p.name != "KeyVaults"], [_unnamed_pricing(0, "Standard", ["name"])])
	rs := check.results with input as _input(pricings, [])
	_status(rs, _id) == {"fail"}
	some r in rs
	r.message == "Defender for Cloud plans not on: Arm"
}
