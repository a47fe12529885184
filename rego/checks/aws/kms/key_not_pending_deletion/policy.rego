# METADATA
# title: Customer managed KMS keys are not scheduled for deletion
# description: |
#   No customer managed KMS key is pending deletion (KeyState PendingDeletion or
#   PendingReplicaDeletion). Once the waiting period ends the key is gone and everything it
#   encrypted, backups included, can never be decrypted again; a scheduled deletion should
#   be a reviewed decision, and cancelled if anything still depends on the key. Disabled
#   keys pass: disabling is reversible. A key that could not be described is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html
# custom:
#   id: aws.kms.key_not_pending_deletion
#   severity: medium
#   resource_types: [AWS::KMS::Key]
#   remediation: |
#     If anything still uses the key: aws kms cancel-key-deletion --key-id KEY_ID, then
#     aws kms enable-key --key-id KEY_ID. Otherwise record why its data is no longer needed.
package attestkit.checks.aws.kms.key_not_pending_deletion

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["kms:DescribeKey"]

_leaving := {"PendingDeletion", "PendingReplicaDeletion"}

results contains result.error(k, inventory.read_error_message(k, _apis), {"errors": inventory.read_errors(k, _apis)}) if {
	some k in inventory.resources("AWS::KMS::Key")
	inventory.any_read_failed(k, _apis)
}

results contains result.pass(k, sprintf("key state %v", [_state(k)]), _evidence(k)) if {
	some k in _customer_keys
	_compliant(k)
}

results contains result.fail(k, sprintf("scheduled for deletion on %v", [_deletion_date(k)]), _evidence(k)) if {
	some k in _customer_keys
	not _compliant(k)
}

_customer_keys := [k |
	some k in inventory.resources("AWS::KMS::Key")
	not inventory.any_read_failed(k, _apis)
	k.config.KeyMetadata.KeyManager == "CUSTOMER"
]

_state(k) := object.get(k.config, ["KeyMetadata", "KeyState"], null)

_compliant(k) if {
	is_string(_state(k))
	not _state(k) in _leaving
}

_deletion_date(k) := object.get(k.config, ["KeyMetadata", "DeletionDate"], "an unknown date")

_evidence(k) := {
	"KeyMetadata.KeyState": _state(k),
	"KeyMetadata.DeletionDate": object.get(k.config, ["KeyMetadata", "DeletionDate"], null),
	"KeyMetadata.PendingDeletionWindowInDays": object.get(k.config, ["KeyMetadata", "PendingDeletionWindowInDays"], null),
}
