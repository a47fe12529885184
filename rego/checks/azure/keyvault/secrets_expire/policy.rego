# METADATA
# title: Key Vault secrets have an expiration date
# description: |
#   Every enabled secret in the Key Vault has an expiration date (`attributes.exp`), so
#   credentials stored in the vault are rotated on a schedule rather than left valid forever.
#   Secrets are listed through ARM's management plane: names and attributes only, never values.
#   Disabled secrets are not judged; a vault without secrets passes. When the secrets could not
#   be listed the vault is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/secrets/about-secrets
#   - ref: https://learn.microsoft.com/rest/api/keyvault/keyvault/secrets/list
# custom:
#   id: azure.keyvault.secrets_expire
#   severity: medium
#   resource_types: [Microsoft.KeyVault/vaults]
#   remediation: |
#     az keyvault secret set-attributes --vault-name VAULT --name SECRET --expires 2027-12-31T00:00:00Z; a
#     new version with a new expiry replaces it when the credential is rotated.
package attestkit.checks.azure.keyvault.secrets_expire

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.KeyVault/vaults"

_apis := ["keyvault:Secrets_List"]

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources(_type)
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, v.message, v.evidence) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	v := _verdict(r)
	v.status == "pass"
}

results contains result.fail(r, v.message, v.evidence) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	v := _verdict(r)
	v.status == "fail"
}

# The vault's secrets, judged once per rule body: {status, message, evidence}.
_verdict(r) := v if {
	enabled := [item |
		some item in inventory.array_at(r.config, "secrets")
		object.get(item, ["properties", "attributes", "enabled"], true) != false
	]
	never := sort([sprintf("%v", [object.get(item, "name", "(unnamed)")]) |
		some item in enabled
		not is_number(object.get(item, ["properties", "attributes", "exp"], null))
	])
	evidence := {"enabled secrets": count(enabled), "enabled secrets without attributes.exp": never}
	v := _decide(count(enabled), never, evidence)
}

_decide(enabled, never, evidence) := {"status": "fail", "message": sprintf("enabled secret(s) without an expiration date: %s", [concat(", ", never)]), "evidence": evidence} if {
	count(never) > 0
} else := {"status": "pass", "message": "no enabled secrets", "evidence": evidence} if {
	enabled == 0
} else := {"status": "pass", "message": sprintf("all %d enabled secret(s) expire", [enabled]), "evidence": evidence}
