package attestkit.checks.azure.storage.secure_transfer_required_test

import data.attestkit.checks.azure.storage.secure_transfer_required as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/%s", [name])

_account(name, properties) := {
	"id": _id(name),
	"type": "Microsoft.Storage/storageAccounts",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"kind": "StorageV2", "sku": {"name": "Standard_LRS", "tier": "Standard"}, "properties": properties},
	"errors": [],
}

_input(accounts) := {
	"resources": {"Microsoft.Storage/storageAccounts": accounts},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_https_only if {
	rs := check.results with input as _input([_account("sta", {"supportsHttpsTrafficOnly": true})])
	_status(rs, _id("sta")) == {"pass"}
}

test_fail_http_allowed if {
	rs := check.results with input as _input([_account("stb", {"supportsHttpsTrafficOnly": false})])
	_status(rs, _id("stb")) == {"fail"}
}

test_fail_setting_absent if {
	rs := check.results with input as _input([_account("stc", {})])
	_status(rs, _id("stc")) == {"fail"}
}

test_fail_properties_null if {
	rs := check.results with input as _input([_account("std", null)])
	_status(rs, _id("std")) == {"fail"}
}

test_each_account_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_account("sta", {"supportsHttpsTrafficOnly": true}),
		_account("stb", {"supportsHttpsTrafficOnly": false}),
		_account("stc", {"supportsHttpsTrafficOnly": "true"}),
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

test_error_secure_transfer_known_after_apply if {
	rs := check.results with input as _input([_planned(_account("ste", {"supportsHttpsTrafficOnly": "(known after apply)"}), ["properties.supportsHttpsTrafficOnly"])])
	_status(rs, _id("ste")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.supportsHttpsTrafficOnly"]
	startswith(r.message, "cannot judge before apply: properties.supportsHttpsTrafficOnly known only after apply")
}

test_pass_another_setting_known_after_apply if {
	rs := check.results with input as _input([_planned(_account("stf", {"supportsHttpsTrafficOnly": true, "networkAcls": {"defaultAction": "(known after apply)"}}), ["properties.networkAcls.defaultAction"])])
	_status(rs, _id("stf")) == {"pass"}
}
