# METADATA
# title: RDS DB instances have deletion protection
# description: |
#   Deletion protection is on for the DB instance, so no one can delete it (and with it its
#   automated backups) without first turning the protection off. Instances in a DB cluster
#   are protected at the cluster (aws.rds.cluster_deletion_protection) and are not judged here.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeletionProtection
# custom:
#   id: aws.rds.instance_deletion_protection
#   severity: medium
#   resource_types: [AWS::RDS::DBInstance]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier NAME --deletion-protection
#     --apply-immediately
package attestkit.checks.aws.rds.instance_deletion_protection

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_paths := ["DeletionProtection"]

results contains result.error(db, inventory.after_apply_message(db, _paths), inventory.with_unknown(db, _paths, _evidence(db))) if {
	some db in _judged
	_undecided(db)
}

results contains result.pass(db, "deletion protection on", _evidence(db)) if {
	some db in _judged
	not _undecided(db)
	_compliant(db)
}

results contains result.fail(db, "deletion protection off", _evidence(db)) if {
	some db in _judged
	not _undecided(db)
	not _compliant(db)
}

_judged := [db |
	some db in inventory.resources("AWS::RDS::DBInstance")
	not db.config.DBClusterIdentifier
]

_compliant(db) if db.config.DeletionProtection == true

_evidence(db) := {"DeletionProtection": object.get(db.config, "DeletionProtection", null)}

_undecided(db) if inventory.known_after_apply(db, _paths)
