package attestkit.checks.azure.cosmosdb.account_public_network_access_disabled_test

import data.attestkit.checks.azure.cosmosdb.account_public_network_access_disabled as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/%s", [name])

_account(name, properties) := {
	"id": _id(name),
	"type": "Microsoft.DocumentDB/databaseAccounts",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"kind": "GlobalDocumentDB", "properties": properties},
	"errors": [],
}

_input(accounts) := {"resources": {"Microsoft.DocumentDB/databaseAccounts": accounts}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_public_access_disabled if {
	rs := check.results with input as _input([_account("a", {"publicNetworkAccess": "Disabled", "ipRules": []})])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_secured_by_perimeter if {
	rs := check.results with input as _input([_account("a", {"publicNetworkAccess": "SecuredByPerimeter"})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_public_access_enabled if {
	rs := check.results with input as _input([_account("b", {"publicNetworkAccess": "Enabled", "ipRules": [], "isVirtualNetworkFilterEnabled": false})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_enabled_with_ip_rules if {
	rs := check.results with input as _input([_account("b", {"publicNetworkAccess": "Enabled", "ipRules": [{"ipAddressOrRange": "203.0.113.0/24"}]})])
	_status(rs, _id("b")) == {"fail"}
	some r in rs
	r.evidence["properties.ipRules[].ipAddressOrRange"] == ["203.0.113.0/24"]
}

test_fail_setting_absent if {
	rs := check.results with input as _input([_account("c", {"ipRules": null})])
	_status(rs, _id("c")) == {"fail"}
}

test_each_account_gets_exactly_one_status if {
	rs := check.results with input as _input([_account("a", {"publicNetworkAccess": "Disabled"}), _account("b", {"publicNetworkAccess": "Enabled"})])
	expected := {"a": "pass", "b": "fail"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

# As `attest collect terraform` writes a resource whose values at `paths` (live-vocabulary
# paths) Terraform knows only after apply: the sentinel in config, the paths listed.
_planned(resource, paths) := object.union(resource, {
	"config": object.union(resource.config, {"_terraform": {"address": "azurerm_x.this", "unknown": paths}}),
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "azurerm_x.this is known only after apply"}],
})

test_error_public_network_access_known_after_apply if {
	rs := check.results with input as _input([_planned(_account("d", {"publicNetworkAccess": "(known after apply)", "ipRules": []}), ["properties.publicNetworkAccess"])])
	_status(rs, _id("d")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.publicNetworkAccess"]
	startswith(r.message, "cannot judge before apply: properties.publicNetworkAccess known only after apply")
}
