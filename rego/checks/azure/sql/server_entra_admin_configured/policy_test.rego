package attestkit.checks.azure.sql.server_entra_admin_configured_test

import data.attestkit.checks.azure.sql.server_entra_admin_configured as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Sql/servers/%s", [name])

_server(name, admins, errors) := {
	"id": _id(name),
	"type": "Microsoft.Sql/servers",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"kind": "v12.0", "properties": {"administratorLogin": "sqladmin"}, "administrators": admins},
	"errors": errors,
}

_entra := {"name": "ActiveDirectory", "properties": {"administratorType": "ActiveDirectory", "login": "sql-admins", "sid": "0000", "azureADOnlyAuthentication": true}}

_input(servers) := {
	"resources": {"Microsoft.Sql/servers": servers},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "sql:ServerAzureADAdministrators_ListByServer", "code": "AuthorizationFailed", "message": "denied"}]

test_pass_entra_admin if {
	rs := check.results with input as _input([_server("a", [_entra], [])])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_no_admins if {
	rs := check.results with input as _input([_server("b", [], [])])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_admin_of_other_type if {
	rs := check.results with input as _input([_server("b", [{"name": "x", "properties": {"administratorType": "Other"}}], [])])
	_status(rs, _id("b")) == {"fail"}
}

test_error_admins_unreadable if {
	rs := check.results with input as _input([_server("c", null, _denied)])
	_status(rs, _id("c")) == {"error"}
}

test_each_server_gets_exactly_one_status if {
	rs := check.results with input as _input([_server("a", [_entra], []), _server("b", null, []), _server("c", [], _denied)])
	expected := {"a": "pass", "b": "fail", "c": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}
