package attestkit.checks.azure.sql.server_no_firewall_rule_open_to_all_test

import data.attestkit.checks.azure.sql.server_no_firewall_rule_open_to_all as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Sql/servers/%s", [name])

_server(name, access, rules, errors) := {
	"id": _id(name),
	"type": "Microsoft.Sql/servers",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"kind": "v12.0", "properties": {"publicNetworkAccess": access}, "firewallRules": rules},
	"errors": errors,
}

_rule(name, start, end) := {"name": name, "properties": {"startIpAddress": start, "endIpAddress": end}}

_input(servers) := {
	"resources": {"Microsoft.Sql/servers": servers},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "sql:FirewallRules_ListByServer", "code": "AuthorizationFailed", "message": "denied"}]

test_pass_office_range_only if {
	rs := check.results with input as _input([_server("a", "Enabled", [_rule("office", "203.0.113.0", "203.0.113.255")], [])])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_no_rules if {
	rs := check.results with input as _input([_server("a", "Enabled", [], [])])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_azure_services_rule_is_not_judged if {
	rs := check.results with input as _input([_server("a", "Enabled", [_rule("AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0")], [])])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_public_access_disabled if {
	rs := check.results with input as _input([_server("a", "Disabled", [_rule("AllowAll", "0.0.0.0", "255.255.255.255")], [])])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_rule_open_to_all if {
	rules := [_rule("office", "203.0.113.0", "203.0.113.255"), _rule("AllowAll", "0.0.0.0", "255.255.255.255")]
	rs := check.results with input as _input([_server("b", "Enabled", rules, [])])
	_status(rs, _id("b")) == {"fail"}
	some r in rs
	r.evidence["firewallRules open to 0.0.0.0-255.255.255.255"] == ["AllowAll"]
}

test_error_rules_unreadable if {
	rs := check.results with input as _input([_server("c", "Enabled", null, _denied)])
	_status(rs, _id("c")) == {"error"}
}

test_each_server_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_server("a", "Enabled", [], []),
		_server("b", null, [_rule("all", "0.0.0.0", "255.255.255.255")], []),
		_server("c", "Enabled", null, _denied),
	])
	expected := {"a": "pass", "b": "fail", "c": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

# As `attest collect terraform` writes a resource whose values at `paths` (live-vocabulary
# paths) Terraform knows only after apply: the sentinel in config, the paths listed.
_planned(resource, paths) := object.union(resource, {
	"config": object.union(resource.config, {"_terraform": {"address": "azurerm_mssql_server.this", "unknown": paths}}),
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "azurerm_mssql_server.this.public_network_access_enabled is known only after apply"}],
})

test_error_open_rule_public_network_access_known_after_apply if {
	server := _server("e", "(known after apply)", [_rule("AllowAll", "0.0.0.0", "255.255.255.255")], [])
	rs := check.results with input as _input([_planned(server, ["properties.publicNetworkAccess"])])
	_status(rs, _id("e")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.publicNetworkAccess"]
	startswith(r.message, "cannot judge before apply: properties.publicNetworkAccess known only after apply")
}

test_pass_no_open_rule_public_network_access_known_after_apply if {
	server := _server("f", "(known after apply)", [_rule("office", "203.0.113.0", "203.0.113.255")], [])
	rs := check.results with input as _input([_planned(server, ["properties.publicNetworkAccess"])])
	_status(rs, _id("f")) == {"pass"}
}
