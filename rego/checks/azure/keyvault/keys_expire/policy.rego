# METADATA
# title: Key Vault keys have an expiration date
# description: |
#   Every enabled key in the Key Vault has an expiration date (`attributes.exp`), so every key
#   that encrypts data is retired or rotated on a schedule rather than used forever. Keys are
#   listed through ARM's management plane: names and attributes only, never values. Disabled
#   keys are not judged; a vault without keys passes. When the keys could not be listed the
#   vault is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/key-vault/keys/about-keys
#   - ref: https://learn.microsoft.com/rest/api/keyvault/keyvault/keys/list
# custom:
#   id: azure.keyvault.keys_expire
#   severity: medium
#   resource_types: [Microsoft.KeyVault/vaults]
#   remediation: |
#     az keyvault key set-attributes --vault-name VAULT --name KEY --expires 2027-12-31T00:00:00Z; a
#     rotation policy (az keyvault key rotation-policy update) renews keys before they expire.
package attestkit.checks.azure.keyvault.keys_expire

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.KeyVault/vaults"

_apis := ["keyvault:Keys_List"]

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

# The vault's keys, judged once per rule body: {status, message, evidence}.
_verdict(r) := v if {
	enabled := [item |
		some item in inventory.array_at(r.config, "keys")
		object.get(item, ["properties", "attributes", "enabled"], true) != false
	]
	never := sort([sprintf("%v", [object.get(item, "name", "(unnamed)")]) |
		some item in enabled
		not is_number(object.get(item, ["properties", "attributes", "exp"], null))
	])
	evidence := {"enabled keys": count(enabled), "enabled keys without attributes.exp": never}
	v := _decide(count(enabled), never, evidence)
}

_decide(enabled, never, evidence) := {"status": "fail", "message": sprintf("enabled key(s) without an expiration date: %s", [concat(", ", never)]), "evidence": evidence} if {
	count(never) > 0
} else := {"status": "pass", "message": "no enabled keys", "evidence": evidence} if {
	enabled == 0
} else := {"status": "pass", "message": sprintf("all %d enabled key(s) expire", [enabled]), "evidence": evidence}
