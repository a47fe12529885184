# METADATA
# title: Key Vaults use Azure RBAC for data-plane access
# description: |
#   The Key Vault authorizes access to its keys, secrets and certificates with Azure
#   role-based access control (`enableRbacAuthorization`) instead of vault access policies,
#   so data-plane access is granted per identity and scope, reviewed with every other role
#   assignment, and cannot be changed by anyone holding only vault Contributor. In a Terraform plan
#   that leaves `enableRbacAuthorization` to be known only after apply, the vault is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/general/rbac-guide
#   - ref: https://learn.microsoft.com/azure/key-vault/general/rbac-migration
# custom:
#   id: azure.keyvault.vault_rbac_authorization
#   severity: medium
#   resource_types: [Microsoft.KeyVault/vaults]
#   remediation: |
#     Assign the Key Vault data roles that replace the access policies, then
#     az keyvault update --name VAULT --resource-group RG --enable-rbac-authorization true
package attestkit.checks.azure.keyvault.vault_rbac_authorization

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.KeyVault/vaults"

_paths := ["properties.enableRbacAuthorization"]

results contains result.error(r, inventory.after_apply_message(r, _paths), object.union(_evidence(r), {"known_after_apply": inventory.unknown_paths(r, _paths)})) if {
	some r in inventory.resources(_type)
	_undecided(r)
}

results contains result.pass(r, "data-plane access authorized with Azure RBAC", _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	_compliant(r)
}

results contains result.fail(r, sprintf("data-plane access governed by %d vault access policies, not Azure RBAC", [_policies(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	not _compliant(r)
}

_rbac(r) := object.get(r.config, ["properties", "enableRbacAuthorization"], null)

_policies(r) := count(inventory.array_at(r.config, ["properties", "accessPolicies"]))

_compliant(r) if _rbac(r) == true

_evidence(r) := {"properties.enableRbacAuthorization": _rbac(r), "count(properties.accessPolicies)": _policies(r)}

# A Terraform plan leaves the value to be known only after apply: neither pass nor fail.
_undecided(r) if inventory.known_after_apply(r, _paths)
