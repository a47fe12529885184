package attestkit.checks.azure.sql.server_auditing_enabled_test

import data.attestkit.checks.azure.sql.server_auditing_enabled as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Sql/servers/%s", [name])

_server(name, extra, errors) := {
	"id": _id(name),
	"type": "Microsoft.Sql/servers",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": object.union({"kind": "v12.0", "properties": {"state": "Ready"}}, extra),
	"errors": errors,
}

_input(servers) := {
	"resources": {"Microsoft.Sql/servers": servers},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "sql:ServerBlobAuditingPolicies_Get", "code": "AuthorizationFailed", "message": "denied"}]

test_pass_auditing_enabled if {
	rs := check.results with input as _input([_server("a", {"auditingSettings": {"state": "Enabled", "retentionDays": 90}}, [])])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_auditing_disabled if {
	rs := check.results with input as _input([_server("b", {"auditingSettings": {"state": "Disabled", "retentionDays": 0}}, [])])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_policy_without_state if {
	rs := check.results with input as _input([_server("b", {"auditingSettings": null}, [])])
	_status(rs, _id("b")) == {"fail"}
}

test_error_policy_unreadable if {
	rs := check.results with input as _input([_server("c", {}, _denied)])
	_status(rs, _id("c")) == {"error"}
}

test_error_other_read_failures_do_not_matter if {
	other := [{"api": "sql:FirewallRules_ListByServer", "code": "AuthorizationFailed", "message": "denied"}]
	rs := check.results with input as _input([_server("d", {"auditingSettings": {"state": "Enabled"}}, other)])
	_status(rs, _id("d")) == {"pass"}
}

test_each_server_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_server("a", {"auditingSettings": {"state": "Enabled"}}, []),
		_server("b", {"auditingSettings": {"state": "Disabled"}}, []),
		_server("c", {}, _denied),
	])
	expected := {"a": "pass", "b": "fail", "c": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}
