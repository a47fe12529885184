package attestkit.checks.azure.keyvault.vault_rbac_authorization_test

import data.attestkit.checks.azure.keyvault.vault_rbac_authorization as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/%s", [name])

_vault(name, properties) := {
	"id": _id(name),
	"type": "Microsoft.KeyVault/vaults",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"properties": properties},
	"errors": [],
}

_input(vaults) := {
	"resources": {"Microsoft.KeyVault/vaults": vaults},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_policy := {"tenantId": "t", "objectId": "o", "permissions": {"keys": ["get"], "secrets": ["get", "list"]}}

test_pass_rbac if {
	rs := check.results with input as _input([_vault("a", {"enableRbacAuthorization": true, "accessPolicies": []})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_access_policies if {
	rs := check.results with input as _input([_vault("b", {"enableRbacAuthorization": false, "accessPolicies": [_policy]})])
	_status(rs, _id("b")) == {"fail"}
	some r in rs
	r.evidence["count(properties.accessPolicies)"] == 1
}

test_fail_setting_absent if {
	rs := check.results with input as _input([_vault("c", {"accessPolicies": null})])
	_status(rs, _id("c")) == {"fail"}
}

test_each_vault_gets_exactly_one_status if {
	rs := check.results with input as _input([_vault("a", {"enableRbacAuthorization": true}), _vault("b", null)])
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

test_error_rbac_authorization_known_after_apply if {
	rs := check.results with input as _input([_planned(_vault("d", {"enableRbacAuthorization": "(known after apply)", "accessPolicies": []}), ["properties.enableRbacAuthorization"])])
	_status(rs, _id("d")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.enableRbacAuthorization"]
	startswith(r.message, "cannot judge before apply: properties.enableRbacAuthorization known only after apply")
}

test_pass_another_setting_known_after_apply if {
	rs := check.results with input as _input([_planned(_vault("e", {"enableRbacAuthorization": true, "enablePurgeProtection": "(known after apply)"}), ["properties.enablePurgeProtection"])])
	_status(rs, _id("e")) == {"pass"}
}
