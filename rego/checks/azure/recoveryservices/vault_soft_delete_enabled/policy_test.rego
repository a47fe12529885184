package attestkit.checks.azure.recoveryservices.vault_soft_delete_enabled_test

import data.attestkit.checks.azure.recoveryservices.vault_soft_delete_enabled as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/%s", [name])

_vault(name, vault_config, errors) := {
	"id": _id(name),
	"type": "Microsoft.RecoveryServices/vaults",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": object.union({"sku": {"name": "RS0", "tier": "Standard"}, "properties": {"provisioningState": "Succeeded"}}, vault_config),
	"errors": errors,
}

_input(vaults) := {"resources": {"Microsoft.RecoveryServices/vaults": vaults}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "recoveryservices:BackupResourceVaultConfigs_Get", "code": "AuthorizationFailed", "message": "denied"}]

_config(state) := {"backupResourceVaultConfig": {"softDeleteFeatureState": state, "softDeleteRetentionPeriodInDays": 14, "enhancedSecurityState": "Enabled"}}

test_pass_soft_delete_enabled if {
	rs := check.results with input as _input([_vault("a", _config("Enabled"), [])])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_soft_delete_always_on if {
	rs := check.results with input as _input([_vault("a", _config("AlwaysON"), [])])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_soft_delete_disabled if {
	rs := check.results with input as _input([_vault("b", _config("Disabled"), [])])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_config_without_state if {
	rs := check.results with input as _input([_vault("b", {"backupResourceVaultConfig": {}}, [])])
	_status(rs, _id("b")) == {"fail"}
}

test_error_config_unreadable if {
	rs := check.results with input as _input([_vault("c", {}, _denied)])
	_status(rs, _id("c")) == {"error"}
}

test_each_vault_gets_exactly_one_status if {
	rs := check.results with input as _input([_vault("a", _config("Enabled"), []), _vault("b", _config("Disabled"), []), _vault("c", {}, _denied)])
	expected := {"a": "pass", "b": "fail", "c": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}
