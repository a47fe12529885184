# METADATA
# title: Storage accounts disallow anonymous public access to blobs
# description: |
#   The storage account sets `allowBlobPublicAccess` to false, so no container in it can be
#   made readable anonymously, whatever its own access level. An account that does not report
#   the setting fails: accounts created before November 2023 that never set it permit
#   anonymous access. In a Terraform plan that leaves `allowBlobPublicAccess` to be known only after
#   apply, the account is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent
# custom:
#   id: azure.storage.blob_public_access_disabled
#   severity: high
#   resource_types: [Microsoft.Storage/storageAccounts]
#   remediation: |
#     az storage account update --name ACCOUNT --resource-group RG --allow-blob-public-access false
package attestkit.checks.azure.storage.blob_public_access_disabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Storage/storageAccounts"

_paths := ["properties.allowBlobPublicAccess"]

results contains result.error(r, inventory.after_apply_message(r, _paths), object.union(_evidence(r), {"known_after_apply": inventory.unknown_paths(r, _paths)})) if {
	some r in inventory.resources(_type)
	_undecided(r)
}

results contains result.pass(r, "anonymous blob access disallowed for the account", _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	_compliant(r)
}

results contains result.fail(r, _fail_message(r), _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	not _compliant(r)
}

_setting(r) := object.get(r.config, ["properties", "allowBlobPublicAccess"], null)

_compliant(r) if _setting(r) == false

_fail_message(r) := "allowBlobPublicAccess not set: containers of this account may be made public" if {
	_setting(r) == null
} else := "allowBlobPublicAccess is true: containers of this account may be made public"

_evidence(r) := {"properties.allowBlobPublicAccess": _setting(r)}

# A Terraform plan leaves the value to be known only after apply: neither pass nor fail.
_undecided(r) if inventory.known_after_apply(r, _paths)
