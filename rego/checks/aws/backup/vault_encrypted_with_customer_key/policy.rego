# METADATA
# title: AWS Backup vaults are encrypted with a customer managed KMS key
# description: |
#   The backup vault encrypts its recovery points with a customer managed KMS key
#   (EncryptionKeyArn), whose key policy decides who may restore from the backups and which
#   can be shared with a recovery account. Vaults are always encrypted; the default, the AWS
#   managed key aws/backup, cannot be restricted or shared. The key is a customer managed
#   key when it belongs to another account (AWS managed keys live in the vault's own
#   account) or is among the account's collected customer managed keys (AWS::KMS::Key); a
#   key of the vault's account that is not among them is AWS managed. When that cannot be
#   decided because keys could not be read, the vault is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault.html
# custom:
#   id: aws.backup.vault_encrypted_with_customer_key
#   severity: low
#   resource_types: [AWS::Backup::BackupVault, AWS::KMS::Key]
#   remediation: |
#     A vault's key cannot change: aws backup create-backup-vault --backup-vault-name NAME
#     --encryption-key-arn KEY_ARN, point the backup plans' rules at it, and copy the recovery
#     points worth keeping (aws backup start-copy-job).
package attestkit.checks.aws.backup.vault_encrypted_with_customer_key

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_key_type := "AWS::KMS::Key"

_describe_api := ["kms:DescribeKey"]

results contains result.error(v, _error_message(v), _error_evidence(v)) if {
	some v in inventory.resources("AWS::Backup::BackupVault")
	not _compliant(v)
	_undecided(v)
}

results contains result.pass(v, _pass_message(v), _evidence(v)) if {
	some v in inventory.resources("AWS::Backup::BackupVault")
	_compliant(v)
}

results contains result.fail(v, _fail_message(v), _evidence(v)) if {
	some v in inventory.resources("AWS::Backup::BackupVault")
	not _compliant(v)
	not _undecided(v)
}

_key(v) := k if {
	k := v.config.EncryptionKeyArn
	is_string(k)
	k != ""
}

_key_account(v) := split(_key(v), ":")[4]

# Customer managed keys of every account collected, by ARN (computed once).
_customer_keys := {arn |
	some k in inventory.resources(_key_type)
	k.config.KeyMetadata.KeyManager == "CUSTOMER"
	some arn in {k.id, k.config.KeyMetadata.Arn}
}

# Keys whose description failed: they may be customer managed.
_undescribed_keys := {k.id |
	some k in inventory.resources(_key_type)
	inventory.any_read_failed(k, _describe_api)
}

_other_account(v) if _key_account(v) != object.get(v, "account", null)

_compliant(v) if _other_account(v)

_compliant(v) if _key(v) in _customer_keys

_undecided(v) if {
	_key(v)
	not _other_account(v)
	_key(v) in _undescribed_keys
}

_undecided(v) if {
	_key(v)
	not _other_account(v)
	inventory.scope_unreadable(object.get(v, "account", null), _key_type)
}

# a Terraform plan: the vault names a key the plan does not hold (read error on the vault)
_undecided(v) if {
	_key(v)
	not _other_account(v)
	inventory.any_read_failed(v, _describe_api)
}

_pass_message(v) := sprintf("customer managed key of account %s", [_key_account(v)]) if {
	_other_account(v)
} else := sprintf("customer managed key %s", [_key(v)])

_fail_message(v) := "no encryption key reported (AWS managed key by default)" if {
	not _key(v)
} else := sprintf("AWS managed key %s, not a customer managed key", [_key(v)])

_error_message(v) := sprintf("cannot tell who manages key %s: %s", [_key(v), concat("; ", [sprintf("%s %s", [e.api, e.code]) | some e in _errors(v)])])

_errors(v) := array.concat(
	array.concat(
		[e | some k in inventory.resources(_key_type); k.id == _key(v); some e in inventory.read_errors(k, _describe_api)],
		inventory.read_errors(v, _describe_api),
	),
	inventory.scope_errors(object.get(v, "account", null), _key_type),
)

_evidence(v) := {
	"EncryptionKeyArn": object.get(v.config, "EncryptionKeyArn", null),
	"key_in_another_account": _in_other_account(v),
	"key_among_customer_managed_keys": _among_customer_keys(v),
}

# true or false, never undefined (an undefined value would drop the whole result).
_in_other_account(v) := true if _other_account(v) else := false

_among_customer_keys(v) := true if _key(v) in _customer_keys else := false

_error_evidence(v) := {"EncryptionKeyArn": _key(v), "errors": _errors(v)}
