# METADATA
# title: Deleted blobs are kept for at least 7 days
# description: |
#   The storage account's blob service keeps deleted blobs recoverable (blob soft delete,
#   `deleteRetentionPolicy.enabled`) for at least 7 days, so blobs deleted or overwritten by
#   mistake or malice can be restored. Judged from the blob service properties
#   (blobServices/default); when those could not be read the account is `error`. Accounts
#   of kind FileStorage have no blob service and are not judged.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-overview
#   - ref: https://learn.microsoft.com/azure/storage/blobs/soft-delete-blob-enable
# custom:
#   id: azure.storage.blob_soft_delete_enabled
#   severity: medium
#   resource_types: [Microsoft.Storage/storageAccounts]
#   remediation: |
#     az storage account blob-service-properties update --account-name ACCOUNT --resource-group RG
#     --enable-delete-retention true --delete-retention-days 14
package attestkit.checks.azure.storage.blob_soft_delete_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Storage/storageAccounts"

_apis := ["storage:BlobServices_GetServiceProperties"]

_minimum_days := 7

_accounts contains r if {
	some r in inventory.resources(_type)
	object.get(r.config, "kind", null) != "FileStorage"
}

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in _accounts
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, sprintf("deleted blobs kept for %v days", [_days(r)]), _evidence(r)) if {
	some r in _accounts
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, _fail_message(r), _evidence(r)) if {
	some r in _accounts
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_policy(r) := object.get(r.config, ["blobServiceProperties", "deleteRetentionPolicy"], null)

_days(r) := object.get(r.config, ["blobServiceProperties", "deleteRetentionPolicy", "days"], null)

_compliant(r) if {
	_policy(r).enabled == true
	is_number(_days(r))
	_days(r) >= _minimum_days
}

_fail_message(r) := sprintf("blob soft delete keeps deleted blobs only %v days (at least %d required)", [_days(r), _minimum_days]) if {
	_policy(r).enabled == true
} else := "blob soft delete is off: deleted blobs cannot be recovered"

_evidence(r) := {"blobServiceProperties.deleteRetentionPolicy": _policy(r)}
