package attestkit.checks.azure.storage.blob_soft_delete_enabled_test

import data.attestkit.checks.azure.storage.blob_soft_delete_enabled as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/%s", [name])

_account(name, kind, blob, errors) := {
	"id": _id(name),
	"type": "Microsoft.Storage/storageAccounts",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": object.union({"kind": kind, "properties": {"supportsHttpsTrafficOnly": true}}, blob),
	"errors": errors,
}

_with_policy(policy) := {"blobServiceProperties": {"deleteRetentionPolicy": policy, "isVersioningEnabled": false}}

_input(accounts) := {
	"resources": {"Microsoft.Storage/storageAccounts": accounts},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "storage:BlobServices_GetServiceProperties", "code": "AuthorizationFailed", "message": "denied"}]

test_pass_soft_delete_14_days if {
	rs := check.results with input as _input([_account("sta", "StorageV2", _with_policy({"enabled": true, "days": 14}), [])])
	_status(rs, _id("sta")) == {"pass"}
}

test_fail_soft_delete_off if {
	rs := check.results with input as _input([_account("stb", "StorageV2", _with_policy({"enabled": false}), [])])
	_status(rs, _id("stb")) == {"fail"}
}

test_fail_retention_too_short if {
	rs := check.results with input as _input([_account("stb", "StorageV2", _with_policy({"enabled": true, "days": 3}), [])])
	_status(rs, _id("stb")) == {"fail"}
}

test_fail_policy_absent if {
	rs := check.results with input as _input([_account("stb", "StorageV2", {"blobServiceProperties": {"cors": {"corsRules": []}}}, [])])
	_status(rs, _id("stb")) == {"fail"}
}

test_error_blob_service_unreadable if {
	rs := check.results with input as _input([_account("stc", "StorageV2", {}, _denied)])
	_status(rs, _id("stc")) == {"error"}
}

test_no_result_for_file_storage_accounts if {
	rs := check.results with input as _input([_account("std", "FileStorage", {}, [])])
	count(rs) == 0
}

test_each_account_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_account("sta", "StorageV2", _with_policy({"enabled": true, "days": 7}), []),
		_account("stb", "BlobStorage", _with_policy({"enabled": false}), []),
		_account("stc", "StorageV2", {}, _denied),
	])
	expected := {"sta": "pass", "stb": "fail", "stc": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}
