# METADATA
# title: RDS DB clusters have deletion protection
# description: |
#   Deletion protection is on for the DB cluster, so no one can delete it (and with it its
#   automated backups) without first turning the protection off.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html#USER_DeletionProtection
# custom:
#   id: aws.rds.cluster_deletion_protection
#   severity: medium
#   resource_types: [AWS::RDS::DBCluster]
#   remediation: |
#     aws rds modify-db-cluster --db-cluster-identifier NAME --deletion-protection
#     --apply-immediately
package attestkit.checks.aws.rds.cluster_deletion_protection

import data.attestkit.lib.inventory
import data.attestkit.lib.result

results contains result.pass(c, "deletion protection on", _evidence(c)) if {
	some c in inventory.resources("AWS::RDS::DBCluster")
	_compliant(c)
}

results contains result.fail(c, "deletion protection off", _evidence(c)) if {
	some c in inventory.resources("AWS::RDS::DBCluster")
	not _compliant(c)
}

_compliant(c) if c.config.DeletionProtection == true

_evidence(c) := {"DeletionProtection": object.get(c.config, "DeletionProtection", null)}
