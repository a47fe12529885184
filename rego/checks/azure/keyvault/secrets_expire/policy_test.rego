package attestkit.checks.azure.keyvault.secrets_expire_test

import data.attestkit.checks.azure.keyvault.secrets_expire as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/%s", [name])

_vault(name, items, errors) := {
	"id": _id(name),
	"type": "Microsoft.KeyVault/vaults",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"properties": {"enableRbacAuthorization": true}, "secrets": items},
	"errors": errors,
}

_vault_unread(name, errors) := object.union(object.remove(_vault(name, [], errors), ["config"]), {"config": {"properties": {}}})

_item(name, attributes) := {"name": name, "properties": {"attributes": attributes}}

_input(vaults) := {
	"resources": {"Microsoft.KeyVault/vaults": vaults},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "keyvault:Secrets_List", "code": "AuthorizationFailed", "message": "denied"}]

test_pass_every_secret_expires if {
	items := [_item("a", {"enabled": true, "exp": 1798761600, "created": 1735689600}), _item("b", {"enabled": true, "exp": 1830297600})]
	rs := check.results with input as _input([_vault("v", items, [])])
	_status(rs, _id("v")) == {"pass"}
}

test_pass_no_secrets if {
	rs := check.results with input as _input([_vault("v", [], [])])
	_status(rs, _id("v")) == {"pass"}
}

test_pass_disabled_secret_without_expiry_is_not_judged if {
	items := [_item("old", {"enabled": false, "created": 1600000000})]
	rs := check.results with input as _input([_vault("v", items, [])])
	_status(rs, _id("v")) == {"pass"}
}

test_fail_secret_without_expiry if {
	items := [_item("a", {"enabled": true, "exp": 1798761600}), _item("forever", {"enabled": true, "created": 1735689600})]
	rs := check.results with input as _input([_vault("v", items, [])])
	_status(rs, _id("v")) == {"fail"}
	some r in rs
	r.evidence["enabled secrets without attributes.exp"] == ["forever"]
}

test_fail_secret_with_null_expiry if {
	rs := check.results with input as _input([_vault("v", [_item("n", {"enabled": true, "exp": null})], [])])
	_status(rs, _id("v")) == {"fail"}
}

test_error_secrets_unreadable if {
	rs := check.results with input as _input([_vault_unread("v", _denied)])
	_status(rs, _id("v")) == {"error"}
}

test_each_vault_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_vault("a", [_item("k", {"enabled": true, "exp": 1798761600})], []),
		_vault("b", [_item("k", {"enabled": true})], []),
		_vault_unread("c", _denied),
	])
	expected := {"a": "pass", "b": "fail", "c": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}
