# METADATA
# title: Redshift clusters are encrypted at rest
# description: |
#   The cluster has Encrypted true, so its data blocks, system metadata and snapshots are
#   encrypted with a KMS key. The check judges what DescribeClusters returns; it has no read
#   of its own that can fail.
#   In a Terraform plan, Encrypted known only after apply gives `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
#   - ref: https://docs.aws.amazon.com/redshift/latest/mgmt/changing-cluster-encryption.html
# custom:
#   id: aws.redshift.cluster_encrypted
#   severity: high
#   resource_types: [AWS::Redshift::Cluster]
#   remediation: |
#     aws redshift modify-cluster --cluster-identifier ID --encrypted --kms-key-id KEY (Redshift
#     migrates the data to an encrypted cluster; plan for the resize time).
package attestkit.checks.aws.redshift.cluster_encrypted

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::Redshift::Cluster"

# Paths a Terraform plan can leave known only after apply.
_paths := ["Encrypted"]

results contains result.error(c, inventory.after_apply_message(c, _paths), inventory.with_unknown(c, _paths, _evidence(c))) if {
	some c in inventory.resources(_type)
	_undecided(c)
}

results contains result.pass(c, sprintf("encrypted with %v", [object.get(c.config, "KmsKeyId", "the default key")]), _evidence(c)) if {
	some c in inventory.resources(_type)
	not _undecided(c)
	_compliant(c)
}

results contains result.fail(c, "not encrypted at rest", _evidence(c)) if {
	some c in inventory.resources(_type)
	not _undecided(c)
	not _compliant(c)
}

_undecided(c) if inventory.known_after_apply(c, _paths)

_compliant(c) if c.config.Encrypted == true

_evidence(c) := {
	"Encrypted": object.get(c.config, "Encrypted", null),
	"KmsKeyId": object.get(c.config, "KmsKeyId", null),
}
