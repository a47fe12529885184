# METADATA
# title: Key Vaults keep deleted keys and secrets recoverable, with purge protection
# description: |
#   The Key Vault has soft delete (`enableSoftDelete`) and purge protection
#   (`enablePurgeProtection`) on, so a deleted vault, key, secret or certificate stays
#   recoverable for its retention period and nobody, an administrator included, can purge
#   it early: keys that encrypt PHI cannot be destroyed by mistake or by an attacker. ARM
#   omits `enablePurgeProtection` until it has been turned on; absent fails. In a Terraform plan
#   that leaves one of them to be known only after apply, the vault is `error` unless the other
#   is known to be off.
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

_paths := ["properties.enableSoftDelete", "properties.enablePurgeProtection"]

results contains result.error(r, inventory.after_apply_message(r, _paths), object.union(_evidence(r), {"known_after_apply": inventory.unknown_paths(r, _paths)})) if {
	some r in inventory.resources(_type)
	_undecided(r)
}

results contains result.pass(r, sprintf("soft delete (%v days) and purge protection on", [_retention(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	_compliant(r)
}

results contains result.fail(r, sprintf("not protected against deletion: %s", [concat(", ", _gaps(r))]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	not _compliant(r)
}

_soft_delete(r) := object.get(r.config, ["properties", "enableSoftDelete"], null)

_purge_protection(r) := object.get(r.config, ["properties", "enablePurgeProtection"], null)

_retention(r) := object.get(r.config, ["properties", "softDeleteRetentionInDays"], null)

_compliant(r) if count(_gaps(r)) == 0

# The protections known to be off (a value known only after apply in a Terraform plan is not).
_gaps(r) := [gap |
	some [gap, path, value] in [
		["soft delete off", "properties.enableSoftDelete", _soft_delete(r)],
		["purge protection off", "properties.enablePurgeProtection", _purge_protection(r)],
	]
	value != true
	not inventory.known_after_apply(r, [path])
]

# No protection is known to be off, but one is known only after apply: neither pass nor fail.
_undecided(r) if {
	count(_gaps(r)) == 0
	inventory.known_after_apply(r, _paths)
}

_evidence(r) := {
	"properties.enableSoftDelete": _soft_delete(r),
	"properties.enablePurgeProtection": _purge_protection(r),
	"properties.softDeleteRetentionInDays": _retention(r),
}
