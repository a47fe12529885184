package attestkit.checks.azure.network.nsg_flow_logs_enabled_test

import data.attestkit.checks.azure.network.nsg_flow_logs_enabled as check

_sub := "11111111-2222-3333-4444-555555555555"

_rg := sprintf("/subscriptions/%s/resourceGroups/rg-net/providers/Microsoft.Network", [_sub])

_id(name) := sprintf("%s/networkSecurityGroups/%s", [_rg, name])

_vnet := sprintf("%s/virtualNetworks/vnet-prod", [_rg])

_subnet(name) := sprintf("%s/subnets/%s", [_vnet, name])

_nsg(name, subnets) := {
	"id": _id(name),
	"type": "Microsoft.Network/networkSecurityGroups",
	"account": _sub,
	"region": "eastus",
	"name": name,
	"config": {"properties": {"securityRules": [], "subnets": [{"id": s} | some s in subnets]}},
	"errors": [],
}

_flow_log(name, target, enabled) := {
	"id": sprintf("/subscriptions/%s/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_eastus/flowLogs/%s", [_sub, name]),
	"type": "Microsoft.Network/networkWatchers/flowLogs",
	"account": _sub,
	"region": "eastus",
	"name": name,
	"config": {"properties": {"targetResourceId": target, "enabled": enabled, "retentionPolicy": {"days": 90, "enabled": true}}},
	"errors": [],
}

_input(nsgs, logs, errors) := {
	"resources": {"Microsoft.Network/networkSecurityGroups": nsgs, "Microsoft.Network/networkWatchers/flowLogs": logs},
	"collection_errors": errors,
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_scope_error := {
	"service": "network", "region": "global", "account": _sub, "api": "resourcegraph:Resources",
	"code": "AuthorizationFailed", "message": "denied", "resource_types": ["Microsoft.Network/networkWatchers/flowLogs"],
}

test_pass_nsg_flow_log if {
	rs := check.results with input as _input([_nsg("web", [])], [_flow_log("fl-web", _id("web"), true)], [])
	_status(rs, _id("web")) == {"pass"}
}

test_pass_target_compared_without_case if {
	rs := check.results with input as _input([_nsg("web", [])], [_flow_log("fl-web", upper(_id("web")), true)], [])
	_status(rs, _id("web")) == {"pass"}
}

test_pass_vnet_flow_log_on_attached_subnets_vnet if {
	rs := check.results with input as _input([_nsg("app", [_subnet("snet-app")])], [_flow_log("fl-vnet", lower(_vnet), true)], [])
	_status(rs, _id("app")) == {"pass"}
}

test_pass_subnet_flow_log if {
	rs := check.results with input as _input([_nsg("app", [_subnet("snet-app")])], [_flow_log("fl-snet", _subnet("snet-app"), true)], [])
	_status(rs, _id("app")) == {"pass"}
}

test_fail_flow_log_disabled if {
	rs := check.results with input as _input([_nsg("jump", [])], [_flow_log("fl-jump", _id("jump"), false)], [])
	_status(rs, _id("jump")) == {"fail"}
}

test_fail_no_flow_log if {
	rs := check.results with input as _input([_nsg("jump", [])], [_flow_log("fl-other", _id("other"), true)], [])
	_status(rs, _id("jump")) == {"fail"}
}

test_fail_flow_log_of_other_subscription_does_not_count if {
	other := object.union(_flow_log("fl-web", _id("web"), true), {"account": "99999999-2222-3333-4444-555555555555"})
	rs := check.results with input as _input([_nsg("web", [])], [other], [])
	_status(rs, _id("web")) == {"fail"}
}

test_error_flow_logs_unreadable if {
	rs := check.results with input as _input([_nsg("web", [])], [], [_scope_error])
	_status(rs, _id("web")) == {"error"}
}

test_pass_covered_although_flow_logs_partly_unreadable if {
	rs := check.results with input as _input([_nsg("web", [])], [_flow_log("fl-web", _id("web"), true)], [_scope_error])
	_status(rs, _id("web")) == {"pass"}
}

test_each_nsg_gets_exactly_one_status if {
	logs := [_flow_log("fl-web", _id("web"), true), _flow_log("fl-jump", _id("jump"), false)]
	rs := check.results with input as _input([_nsg("web", []), _nsg("jump", []), _nsg("none", [])], logs, [])
	expected := {"web": "pass", "jump": "fail", "none": "fail"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

# As `attest collect terraform` writes a resource whose values at `paths` (live-vocabulary
# paths) Terraform knows only after apply: the sentinel in config, the paths listed.
_planned(resource, paths) := object.union(resource, {
	"config": object.union(resource.config, {"_terraform": {"address": "azurerm_network_watcher_flow_log.this", "unknown": paths}}),
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "azurerm_network_watcher_flow_log.this is known only after apply"}],
})

test_error_covering_flow_log_enabled_known_after_apply if {
	log := _planned(_flow_log("fl-web", _id("web"), "(known after apply)"), ["properties.enabled"])
	rs := check.results with input as _input([_nsg("web", [])], [log], [])
	_status(rs, _id("web")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["fl-web: properties.enabled"]
	startswith(r.message, "cannot judge before apply: fl-web: properties.enabled known only after apply")
}

test_error_flow_log_target_known_after_apply if {
	log := _planned(_flow_log("fl-any", "(known after apply)", true), ["properties.targetResourceId"])
	rs := check.results with input as _input([_nsg("web", []), _nsg("jump", [])], [log, _flow_log("fl-jump", _id("jump"), false)], [])
	_status(rs, _id("web")) == {"error"}
	_status(rs, _id("jump")) == {"error"}
	some r in rs
	r.resource == _id("web")
	r.evidence.known_after_apply == ["fl-any: properties.targetResourceId"]
}

test_pass_covered_although_another_flow_log_target_known_after_apply if {
	log := _planned(_flow_log("fl-any", "(known after apply)", true), ["properties.targetResourceId"])
	rs := check.results with input as _input([_nsg("web", [])], [log, _flow_log("fl-web", _id("web"), true)], [])
	_status(rs, _id("web")) == {"pass"}
}

test_fail_flow_log_target_known_after_apply_in_other_subscription if {
	log := object.union(_planned(_flow_log("fl-any", "(known after apply)", true), ["properties.targetResourceId"]), {"account": "99999999-2222-3333-4444-555555555555"})
	rs := check.results with input as _input([_nsg("web", [])], [log], [])
	_status(rs, _id("web")) == {"fail"}
}

test_error_subnet_id_known_after_apply if {
	other_vnet := sprintf("%s/virtualNetworks/vnet-other", [_rg])
	rs := check.results with input as _input([_nsg("app", ["(known after apply)"])], [_flow_log("fl-other", other_vnet, true)], [])
	_status(rs, _id("app")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.subnets[].id"]
}

test_fail_subnet_id_known_after_apply_without_flow_logs if {
	rs := check.results with input as _input([_nsg("app", ["(known after apply)"])], [], [])
	_status(rs, _id("app")) == {"fail"}
}
