package attestkit.checks.azure.storage.minimum_tls_1_2_test

import data.attestkit.checks.azure.storage.minimum_tls_1_2 as check

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

test_pass_tls_1_2 if {
	rs := check.results with input as _input([_account("sta", {"minimumTlsVersion": "TLS1_2"})])
	_status(rs, _id("sta")) == {"pass"}
}

test_pass_tls_1_3 if {
	rs := check.results with input as _input([_account("sta", {"minimumTlsVersion": "TLS1_3"})])
	_status(rs, _id("sta")) == {"pass"}
}

test_fail_tls_1_0 if {
	rs := check.results with input as _input([_account("stb", {"minimumTlsVersion": "TLS1_0"})])
	_status(rs, _id("stb")) == {"fail"}
}

test_fail_tls_1_1 if {
	rs := check.results with input as _input([_account("stb", {"minimumTlsVersion": "TLS1_1"})])
	_status(rs, _id("stb")) == {"fail"}
}

test_fail_not_reported if {
	rs := check.results with input as _input([_account("stc", {"supportsHttpsTrafficOnly": true})])
	_status(rs, _id("stc")) == {"fail"}
	some r in rs
	r.evidence == {"properties.minimumTlsVersion": null}
}

test_each_account_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_account("sta", {"minimumTlsVersion": "TLS1_2"}),
		_account("stb", {"minimumTlsVersion": "TLS1_0"}),
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

test_error_minimum_tls_version_known_after_apply if {
	rs := check.results with input as _input([_planned(_account("std", {"minimumTlsVersion": "(known after apply)"}), ["properties.minimumTlsVersion"])])
	_status(rs, _id("std")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.minimumTlsVersion"]
	startswith(r.message, "cannot judge before apply: properties.minimumTlsVersion known only after apply")
}

test_fail_another_setting_known_after_apply if {
	rs := check.results with input as _input([_planned(_account("ste", {"minimumTlsVersion": "TLS1_0", "allowBlobPublicAccess": "(known after apply)"}), ["properties.allowBlobPublicAccess"])])
	_status(rs, _id("ste")) == {"fail"}
}
