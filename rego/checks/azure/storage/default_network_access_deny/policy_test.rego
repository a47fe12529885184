package attestkit.checks.azure.storage.default_network_access_deny_test

import data.attestkit.checks.azure.storage.default_network_access_deny as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/%s", [name])

_account(name, properties) := {
	"id": _id(name),
	"type": "Microsoft.Storage/storageAccounts",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"kind": "StorageV2", "properties": properties},
	"errors": [],
}

_input(accounts) := {
	"resources": {"Microsoft.Storage/storageAccounts": accounts},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_acls(action) := {"bypass": "AzureServices", "virtualNetworkRules": [], "ipRules": [], "defaultAction": action}

test_pass_default_deny if {
	rs := check.results with input as _input([_account("sta", {"networkAcls": _acls("Deny"), "publicNetworkAccess": "Enabled"})])
	_status(rs, _id("sta")) == {"pass"}
}

test_pass_public_network_access_disabled if {
	rs := check.results with input as _input([_account("sta", {"networkAcls": _acls("Allow"), "publicNetworkAccess": "Disabled"})])
	_status(rs, _id("sta")) == {"pass"}
}

test_fail_default_allow if {
	rs := check.results with input as _input([_account("stb", {"networkAcls": _acls("Allow")})])
	_status(rs, _id("stb")) == {"fail"}
}

test_fail_no_network_acls if {
	rs := check.results with input as _input([_account("stc", {"supportsHttpsTrafficOnly": true})])
	_status(rs, _id("stc")) == {"fail"}
}

test_each_account_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_account("sta", {"networkAcls": _acls("Deny"), "publicNetworkAccess": "Disabled"}),
		_account("stb", {"networkAcls": _acls("Allow"), "publicNetworkAccess": "Enabled"}),
		_account("stc", null),
	])
	expected := {"sta": "pass", "stb": "fail", "stc": "fail"}
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

test_error_default_action_known_after_apply if {
	account := _account("std", {"networkAcls": {"defaultAction": "(known after apply)"}, "publicNetworkAccess": "Enabled"})
	rs := check.results with input as _input([_planned(account, ["properties.networkAcls.defaultAction"])])
	_status(rs, _id("std")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.networkAcls.defaultAction"]
	startswith(r.message, "cannot judge before apply: properties.networkAcls.defaultAction known only after apply")
}

test_pass_default_action_known_after_apply_public_access_disabled if {
	account := _account("ste", {"networkAcls": {"defaultAction": "(known after apply)"}, "publicNetworkAccess": "Disabled"})
	rs := check.results with input as _input([_planned(account, ["properties.networkAcls.defaultAction"])])
	_status(rs, _id("ste")) == {"pass"}
	some r in rs
	r.evidence.known_after_apply == ["properties.networkAcls.defaultAction"]
}

test_error_public_network_access_known_after_apply if {
	account := _account("stf", {"networkAcls": _acls("Allow"), "publicNetworkAccess": "(known after apply)"})
	rs := check.results with input as _input([_planned(account, ["properties.publicNetworkAccess"])])
	_status(rs, _id("stf")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.publicNetworkAccess"]
}

test_pass_public_network_access_known_after_apply_default_deny if {
	account := _account("stg", {"networkAcls": _acls("Deny"), "publicNetworkAccess": "(known after apply)"})
	rs := check.results with input as _input([_planned(account, ["properties.publicNetworkAccess"])])
	_status(rs, _id("stg")) == {"pass"}
}
