# METADATA
# title: EFS file systems are encrypted at rest
# description: |
#   The file system was created with encryption at rest (Encrypted true), so its data,
#   metadata and backups are encrypted with a KMS key. Encryption can only be chosen when a
#   file system is created. The check judges what DescribeFileSystems returns; it has no
#   read of its own that can fail.
#   In a Terraform plan, Encrypted known only after apply gives `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
#   - ref: https://docs.aws.amazon.com/efs/latest/ug/API_FileSystemDescription.html
# custom:
#   id: aws.efs.file_system_encrypted
#   severity: high
#   resource_types: [AWS::EFS::FileSystem]
#   remediation: |
#     Create an encrypted file system (aws efs create-file-system --encrypted --kms-key-id KEY
#     --creation-token NAME), copy the data across (e.g. with AWS DataSync), move the mount
#     targets' clients over, then delete the old one; enforce it with the IAM condition key
#     elasticfilesystem:Encrypted.
package attestkit.checks.aws.efs.file_system_encrypted

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::EFS::FileSystem"

# Paths a Terraform plan can leave known only after apply.
_paths := ["Encrypted"]

results contains result.error(fs, inventory.after_apply_message(fs, _paths), inventory.with_unknown(fs, _paths, _evidence(fs))) if {
	some fs in inventory.resources(_type)
	_undecided(fs)
}

results contains result.pass(fs, sprintf("encrypted at rest with %v", [object.get(fs.config, "KmsKeyId", "the default key")]), _evidence(fs)) if {
	some fs in inventory.resources(_type)
	not _undecided(fs)
	_compliant(fs)
}

results contains result.fail(fs, "not encrypted at rest", _evidence(fs)) if {
	some fs in inventory.resources(_type)
	not _undecided(fs)
	not _compliant(fs)
}

_undecided(fs) if inventory.known_after_apply(fs, _paths)

_compliant(fs) if fs.config.Encrypted == true

_evidence(fs) := {
	"Encrypted": object.get(fs.config, "Encrypted", null),
	"KmsKeyId": object.get(fs.config, "KmsKeyId", null),
}
