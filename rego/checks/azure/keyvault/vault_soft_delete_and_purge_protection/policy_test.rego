package attestkit.checks.azure.keyvault.vault_soft_delete_and_purge_protection_test

import data.attestkit.checks.azure.keyvault.vault_soft_delete_and_purge_protection as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/%s", [name])

_vault(name, properties) := {
	"id": _id(name),
	"type": "Microsoft.KeyVault/vaults",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"properties": object.union({"sku": {"family": "A", "name": "standard"}, "vaultUri": "https://x.vault.azure.net/"}, properties)},
	"errors": [],
}

_input(vaults) := {
	"resources": {"Microsoft.KeyVault/vaults": vaults},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_both_on if {
	rs := check.results with input as _input([_vault("a", {"enableSoftDelete": true, "enablePurgeProtection": true, "softDeleteRetentionInDays": 90})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_purge_protection_absent if {
	rs := check.results with input as _input([_vault("b", {"enableSoftDelete": true, "softDeleteRetentionInDays": 90})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_soft_delete_off if {
	rs := check.results with input as _input([_vault("b", {"enableSoftDelete": false, "enablePurgeProtection": true})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_both_absent if {
	rs := check.results with input as _input([_vault("b", {})])
	_status(rs, _id("b")) == {"fail"}
	some r in rs
	r.message == "not protected against deletion: soft delete off, purge protection off"
}

test_each_vault_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_vault("a", {"enableSoftDelete": true, "enablePurgeProtection": true}),
		_vault("b", {"enableSoftDelete": true}),
	])
	expected := {"a": "pass", "b": "fail"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

# As `attest collect terraform` writes a resource whose values at `paths` (live-vocabulary
# paths) Terraform knows only after apply: the sentinel in config, the paths listed.
_planned(resource, paths) := object.union(resource, {
	"config": object.union(resource.config, {"_terraform": {"address": "azurerm_key_vault.this", "unknown": paths}}),
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "azurerm_key_vault.this.purge_protection_enabled is known only after apply"}],
})

test_error_purge_protection_known_after_apply if {
	vault := _vault("c", {"enableSoftDelete": true, "enablePurgeProtection": "(known after apply)", "softDeleteRetentionInDays": 90})
	rs := check.results with input as _input([_planned(vault, ["properties.enablePurgeProtection"])])
	_status(rs, _id("c")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.enablePurgeProtection"]
	startswith(r.message, "cannot judge before apply: properties.enablePurgeProtection known only after apply")
}

test_fail_soft_delete_off_purge_protection_known_after_apply if {
	vault := _vault("d", {"enableSoftDelete": false, "enablePurgeProtection": "(known after apply)"})
	rs := check.results with input as _input([_planned(vault, ["properties.enablePurgeProtection"])])
	_status(rs, _id("d")) == {"fail"}
	some r in rs
	r.message == "not protected against deletion: soft delete off"
}
