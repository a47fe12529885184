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
