package attestkit.checks.azure.sql.database_tde_enabled_test

import data.attestkit.checks.azure.sql.database_tde_enabled as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-a/databases/%s", [name])

_db(name, kind, extra, errors) := {
	"id": _id(name),
	"type": "Microsoft.Sql/servers/databases",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": object.union({"kind": kind, "properties": {"status": "Online"}}, extra),
	"errors": errors,
}

_input(dbs) := {
	"resources": {"Microsoft.Sql/servers/databases": dbs},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "sql:TransparentDataEncryptions_Get", "code": "AuthorizationFailed", "message": "denied"}]

test_pass_tde_enabled if {
	rs := check.results with input as _input([_db("patients", "v12.0,user,vcore", {"transparentDataEncryption": {"state": "Enabled"}}, [])])
	_status(rs, _id("patients")) == {"pass"}
}

test_fail_tde_disabled if {
	rs := check.results with input as _input([_db("analytics", "v12.0,user", {"transparentDataEncryption": {"state": "Disabled"}}, [])])
	_status(rs, _id("analytics")) == {"fail"}
}

test_fail_tde_state_absent if {
	rs := check.results with input as _input([_db("analytics", "v12.0,user", {}, [])])
	_status(rs, _id("analytics")) == {"fail"}
}

test_error_tde_unreadable if {
	rs := check.results with input as _input([_db("reporting", "v12.0,user", {}, _denied)])
	_status(rs, _id("reporting")) == {"error"}
}

test_pass_null_kind if {
	rs := check.results with input as _input([_db("x", null, {"transparentDataEncryption": {"state": "Enabled"}}, [])])
	_status(rs, _id("x")) == {"pass"}
}

test_no_result_for_master if {
	rs := check.results with input as _input([
		_db("master", "v12.0,system", {}, []),
		_db("Master", "v12.0", {}, []),
	])
	count(rs) == 0
}

test_each_database_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_db("a", "v12.0,user", {"transparentDataEncryption": {"state": "Enabled"}}, []),
		_db("b", "v12.0,user", {"transparentDataEncryption": {"state": "Disabled"}}, []),
		_db("c", "v12.0,user", {}, _denied),
		_db("master", "v12.0,system", {}, []),
	])
	expected := {"a": "pass", "b": "fail", "c": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
	count(rs) == 3
}
