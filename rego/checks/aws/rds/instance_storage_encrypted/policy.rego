# METADATA
# title: RDS DB instances encrypt their storage
# description: |
#   The DB instance's storage is encrypted at rest with a KMS key (StorageEncrypted), which
#   also covers its automated backups, snapshots and read replicas. Encryption can only be
#   chosen when an instance is created.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
# custom:
#   id: aws.rds.instance_storage_encrypted
#   severity: high
#   resource_types: [AWS::RDS::DBInstance]
#   remediation: |
#     Encrypt a copy and move to it: aws rds create-db-snapshot --db-instance-identifier NAME
#     --db-snapshot-identifier SNAP, aws rds copy-db-snapshot --source-db-snapshot-identifier SNAP
#     --target-db-snapshot-identifier SNAP-encrypted --kms-key-id KEY, then
#     aws rds restore-db-instance-from-db-snapshot --db-snapshot-identifier SNAP-encrypted
#     --db-instance-identifier NEW_NAME and switch the application over.
package attestkit.checks.aws.rds.instance_storage_encrypted

import data.attestkit.lib.inventory
import data.attestkit.lib.result

# Paths a Terraform plan can leave known only after apply.
_paths := ["StorageEncrypted"]

results contains result.error(db, inventory.after_apply_message(db, _paths), inventory.with_unknown(db, _paths, _evidence(db))) if {
	some db in inventory.resources("AWS::RDS::DBInstance")
	_undecided(db)
}

results contains result.pass(db, sprintf("storage encrypted with %v", [_key(db)]), _evidence(db)) if {
	some db in inventory.resources("AWS::RDS::DBInstance")
	not _undecided(db)
	_compliant(db)
}

results contains result.fail(db, "storage not encrypted at rest", _evidence(db)) if {
	some db in inventory.resources("AWS::RDS::DBInstance")
	not _undecided(db)
	not _compliant(db)
}

_undecided(db) if inventory.known_after_apply(db, _paths)

_compliant(db) if db.config.StorageEncrypted == true

_key(db) := object.get(db.config, "KmsKeyId", "a KMS key")

_evidence(db) := {
	"StorageEncrypted": object.get(db.config, "StorageEncrypted", null),
	"KmsKeyId": object.get(db.config, "KmsKeyId", null),
}
