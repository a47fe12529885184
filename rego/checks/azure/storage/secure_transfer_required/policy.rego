# METADATA
# title: Storage accounts accept only secure transfer (HTTPS)
# description: |
#   The storage account requires secure transfer (`supportsHttpsTrafficOnly`): requests over
#   plain HTTP, and SMB without encryption, are refused, so data moving to and from the
#   account is always encrypted in transit. The check judges the account's ARM properties;
#   it has no read of its own that can fail. In a Terraform plan that leaves
#   `supportsHttpsTrafficOnly` to be known only after apply, the account is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer
# custom:
#   id: azure.storage.secure_transfer_required
#   severity: high
#   resource_types: [Microsoft.Storage/storageAccounts]
#   remediation: |
#     az storage account update --name ACCOUNT --resource-group RG --https-only true
package attestkit.checks.azure.storage.secure_transfer_required

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Storage/storageAccounts"

_paths := ["properties.supportsHttpsTrafficOnly"]

results contains result.error(r, inventory.after_apply_message(r, _paths), object.union(_evidence(r), {"known_after_apply": inventory.unknown_paths(r, _paths)})) if {
	some r in inventory.resources(_type)
	_undecided(r)
}

results contains result.pass(r, "secure transfer required: only HTTPS requests are accepted", _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	_compliant(r)
}

results contains result.fail(r, "secure transfer not required: requests over plain HTTP are accepted", _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	not _compliant(r)
}

_compliant(r) if object.get(r.config, ["properties", "supportsHttpsTrafficOnly"], null) == true

_evidence(r) := {"properties.supportsHttpsTrafficOnly": object.get(r.config, ["properties", "supportsHttpsTrafficOnly"], null)}

# A Terraform plan leaves the value to be known only after apply: neither pass nor fail.
_undecided(r) if inventory.known_after_apply(r, _paths)
