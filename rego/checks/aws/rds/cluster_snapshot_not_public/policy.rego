# METADATA
# title: Manual RDS DB cluster snapshots are not public
# description: |
#   No manual DB cluster snapshot of the account can be restored by any AWS account: the
#   snapshot's `restore` attribute (DescribeDBClusterSnapshotAttributes) does not contain
#   `all`. Sharing with named accounts is not public and passes. A snapshot whose attributes
#   could not be read is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-share-snapshot.html
# custom:
#   id: aws.rds.cluster_snapshot_not_public
#   severity: critical
#   resource_types: [AWS::RDS::DBClusterSnapshot]
#   remediation: |
#     aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier NAME
#     --attribute-name restore --values-to-remove all
package attestkit.checks.aws.rds.cluster_snapshot_not_public

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["rds:DescribeDBClusterSnapshotAttributes"]

results contains result.error(s, inventory.read_error_message(s, _apis), {"errors": inventory.read_errors(s, _apis)}) if {
	some s in inventory.resources("AWS::RDS::DBClusterSnapshot")
	inventory.any_read_failed(s, _apis)
}

results contains result.pass(s, _pass_message(s), _evidence(s)) if {
	some s in inventory.resources("AWS::RDS::DBClusterSnapshot")
	not inventory.any_read_failed(s, _apis)
	_compliant(s)
}

results contains result.fail(s, "restorable by any AWS account (restore attribute includes all)", _evidence(s)) if {
	some s in inventory.resources("AWS::RDS::DBClusterSnapshot")
	not inventory.any_read_failed(s, _apis)
	not _compliant(s)
}

_compliant(s) if not "all" in _restore(s)

_restore(s) := [v |
	some a in inventory.array_at(object.get(s.config, "DBClusterSnapshotAttributesResult", null), "DBClusterSnapshotAttributes")
	a.AttributeName == "restore"
	some v in inventory.array_at(a, "AttributeValues")
]

_pass_message(s) := "restorable by its own account only" if {
	count(_restore(s)) == 0
} else := sprintf("shared with %d named account(s), not public", [count(_restore(s))])

_evidence(s) := {"DBClusterSnapshotAttributesResult.DBClusterSnapshotAttributes[restore].AttributeValues": _restore(s)}
