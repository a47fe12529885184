# METADATA
# title: Recovery Services vaults keep deleted backups recoverable
# description: |
#   Soft delete is on for the Recovery Services vault's backups (the vault's backup
#   configuration, backupconfig/vaultconfig, reports `softDeleteFeatureState` Enabled or
#   AlwaysON), so backup data deleted by mistake or by an attacker is kept, recoverable, for
#   the retention period (14 days or more) instead of being lost at once. The configuration is
#   read per vault; when it could not be read the vault is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/backup/backup-azure-security-feature-cloud
#   - ref: https://learn.microsoft.com/rest/api/backup/backup-resource-vault-configs/get
# custom:
#   id: azure.recoveryservices.vault_soft_delete_enabled
#   severity: high
#   resource_types: [Microsoft.RecoveryServices/vaults]
#   remediation: |
#     az backup vault backup-properties set --name VAULT --resource-group RG --soft-delete-feature-state Enable
#     (AlwaysON makes it irreversible: az backup vault update ... --soft-delete-state AlwaysON)
package attestkit.checks.azure.recoveryservices.vault_soft_delete_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.RecoveryServices/vaults"

_apis := ["recoveryservices:BackupResourceVaultConfigs_Get"]

_on := {"Enabled", "AlwaysON"}

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources(_type)
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, sprintf("soft delete %v, deleted backups kept %v days", [_state(r), _days(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, sprintf("soft delete %v: deleted backup data is lost at once", [_state(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_state(r) := object.get(r.config, ["backupResourceVaultConfig", "softDeleteFeatureState"], null)

_days(r) := object.get(r.config, ["backupResourceVaultConfig", "softDeleteRetentionPeriodInDays"], null)

_compliant(r) if _state(r) in _on

_evidence(r) := {
	"backupResourceVaultConfig.softDeleteFeatureState": _state(r),
	"backupResourceVaultConfig.softDeleteRetentionPeriodInDays": _days(r),
}
