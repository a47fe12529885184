# METADATA
# title: Key Vaults keep deleted keys and secrets recoverable, with purge protection
# description: |
#   The Key Vault has soft delete (`enableSoftDelete`) and purge protection
#   (`enablePurgeProtection`) on, so a deleted vault, key, secret or certificate stays
#   recoverable for its retention period and nobody, an administrator included, can purge
#   it early: keys that encrypt PHI cannot be destroyed by mistake or by an attacker. ARM
#   omits `enablePurgeProtection` until it has been turned on; absent fails.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview
#   - ref: https://learn.microsoft.com/azure/key-vault/general/key-vault-recovery
# custom:
#   id: azure.keyvault.vault_soft_delete_and_purge_protection
#   severity: high
#   resource_types: [Microsoft.KeyVault/vaults]
#   remediation: |
#     az keyvault update --name VAULT --resource-group RG --enable-purge-protection true
#     (purge protection cannot be turned off again; soft delete is on for every vault created since 2020)
package attestkit.checks.azure.keyvault.vault_soft_delete_and_purge_protection

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.KeyVault/vaults"

results contains result.pass(r, sprintf("soft delete (%v days) and purge protection on", [_retention(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	_compliant(r)
}

results contains result.fail(r, sprintf("not protected against deletion: %s", [concat(", ", _gaps(r))]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not _compliant(r)
}

_soft_delete(r) := object.get(r.config, ["properties", "enableSoftDelete"], null)

_purge_protection(r) := object.get(r.config, ["properties", "enablePurgeProtection"], null)

_retention(r) := object.get(r.config, ["properties", "softDeleteRetentionInDays"], null)

_compliant(r) if count(_gaps(r)) == 0

_gaps(r) := [gap |
	some [gap, value] in [["soft delete off", _soft_delete(r)], ["purge protection off", _purge_protection(r)]]
	value != true
]

_evidence(r) := {
	"properties.enableSoftDelete": _soft_delete(r),
	"properties.enablePurgeProtection": _purge_protection(r),
	"properties.softDeleteRetentionInDays": _retention(r),
}
