# METADATA
# title: RDS DB clusters encrypt their storage
# description: |
#   The DB cluster (Aurora, or a Multi-AZ DB cluster) encrypts its storage at rest with a KMS
#   key (StorageEncrypted), which covers every instance, backup and snapshot of the cluster.
#   Encryption can only be chosen when a cluster is created.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html
# custom:
#   id: aws.rds.cluster_storage_encrypted
#   severity: high
#   resource_types: [AWS::RDS::DBCluster]
#   remediation: |
#     Snapshot the cluster and restore an encrypted copy: aws rds create-db-cluster-snapshot
#     --db-cluster-identifier NAME --db-cluster-snapshot-identifier SNAP, then
#     aws rds restore-db-cluster-from-snapshot --snapshot-identifier SNAP --db-cluster-identifier
#     NEW_NAME --engine ENGINE --kms-key-id KEY, and switch the application over.
package attestkit.checks.aws.rds.cluster_storage_encrypted

import data.attestkit.lib.inventory
import data.attestkit.lib.result

# Paths a Terraform plan can leave known only after apply.
_paths := ["StorageEncrypted"]

results contains result.error(c, inventory.after_apply_message(c, _paths), inventory.with_unknown(c, _paths, _evidence(c))) if {
	some c in inventory.resources("AWS::RDS::DBCluster")
	_undecided(c)
}

results contains result.pass(c, sprintf("storage encrypted with %v", [_key(c)]), _evidence(c)) if {
	some c in inventory.resources("AWS::RDS::DBCluster")
	not _undecided(c)
	_compliant(c)
}

results contains result.fail(c, "storage not encrypted at rest", _evidence(c)) if {
	some c in inventory.resources("AWS::RDS::DBCluster")
	not _undecided(c)
	not _compliant(c)
}

_undecided(c) if inventory.known_after_apply(c, _paths)

_compliant(c) if c.config.StorageEncrypted == true

_key(c) := object.get(c.config, "KmsKeyId", "a KMS key")

_evidence(c) := {
	"StorageEncrypted": object.get(c.config, "StorageEncrypted", null),
	"KmsKeyId": object.get(c.config, "KmsKeyId", null),
}
