# METADATA
# title: Storage accounts accept only secure transfer (HTTPS)
# description: |
#   The storage account requires secure transfer (`supportsHttpsTrafficOnly`): requests over
#   plain HTTP, and SMB without encryption, are refused, so data moving to and from the
#   account is always encrypted in transit. The check judges the account's ARM properties;
#   it has no read of its own that can fail.
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

results contains result.pass(r, "secure transfer required: only HTTPS requests are accepted", _evidence(r)) if {
	some r in inventory.resources(_type)
	_compliant(r)
}

results contains result.fail(r, "secure transfer not required: requests over plain HTTP are accepted", _evidence(r)) if {
	some r in inventory.resources(_type)
	not _compliant(r)
}

_compliant(r) if object.get(r.config, ["properties", "supportsHttpsTrafficOnly"], null) == true

_evidence(r) := {"properties.supportsHttpsTrafficOnly": object.get(r.config, ["properties", "supportsHttpsTrafficOnly"], null)}
