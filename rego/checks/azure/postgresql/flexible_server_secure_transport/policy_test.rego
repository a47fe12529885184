package attestkit.checks.azure.postgresql.flexible_server_secure_transport_test

import data.attestkit.checks.azure.postgresql.flexible_server_secure_transport as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/%s", [name])

_server(name, value, errors) := {
	"id": _id(name),
	"type": "Microsoft.DBforPostgreSQL/flexibleServers",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"properties": {"version": "16", "state": "Ready"}, "configurations": {"require_secure_transport": {"value": value, "source": "system-default"}}},
	"errors": errors,
}

_unread(name, errors) := object.union(object.remove(_server(name, null, errors), ["config"]), {"config": {"properties": {"state": "Ready"}}})

_input(servers) := {"resources": {"Microsoft.DBforPostgreSQL/flexibleServers": servers}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "postgresql:Configurations_Get", "code": "AuthorizationFailed", "message": "denied"}]

test_pass_secure_transport_on if {
	rs := check.results with input as _input([_server("a", "on", [])])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_value_compared_without_case if {
	rs := check.results with input as _input([_server("a", "ON", [])])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_secure_transport_off if {
	rs := check.results with input as _input([_server("b", "off", [])])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_value_missing if {
	rs := check.results with input as _input([_server("b", null, [])])
	_status(rs, _id("b")) == {"fail"}
}

test_error_parameter_unreadable if {
	rs := check.results with input as _input([_unread("c", _denied)])
	_status(rs, _id("c")) == {"error"}
}

test_each_server_gets_exactly_one_status if {
	rs := check.results with input as _input([_server("a", "on", []), _server("b", "off", []), _unread("c", _denied)])
	expected := {"a": "pass", "b": "fail", "c": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}
