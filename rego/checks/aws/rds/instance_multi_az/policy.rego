# METADATA
# title: RDS DB instances run Multi-AZ
# description: |
#   The DB instance is a Multi-AZ deployment (MultiAZ): a synchronous standby in a second
#   Availability Zone takes over when the primary or its zone fails. Instances in a DB
#   cluster (whose availability comes from the cluster's instances) and read replicas are
#   not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html
# custom:
#   id: aws.rds.instance_multi_az
#   severity: medium
#   resource_types: [AWS::RDS::DBInstance]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier NAME --multi-az --apply-immediately
#     (the standby is created from a snapshot; expect higher latency while it syncs)
package attestkit.checks.aws.rds.instance_multi_az

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_paths := ["MultiAZ"]

results contains result.error(db, inventory.after_apply_message(db, _paths), inventory.with_unknown(db, _paths, _evidence(db))) if {
	some db in _judged
	_undecided(db)
}

results contains result.pass(db, sprintf("Multi-AZ, standby in %v", [_standby(db)]), _evidence(db)) if {
	some db in _judged
	not _undecided(db)
	_compliant(db)
}

results contains result.fail(db, sprintf("single-AZ deployment in %v", [_zone(db)]), _evidence(db)) if {
	some db in _judged
	not _undecided(db)
	not _compliant(db)
}

_judged := [db |
	some db in inventory.resources("AWS::RDS::DBInstance")
	not db.config.DBClusterIdentifier
	not db.config.ReadReplicaSourceDBInstanceIdentifier
]

_compliant(db) if db.config.MultiAZ == true

_zone(db) := object.get(db.config, "AvailabilityZone", "one zone")

_standby(db) := object.get(db.config, "SecondaryAvailabilityZone", "another zone")

_evidence(db) := {
	"MultiAZ": object.get(db.config, "MultiAZ", null),
	"AvailabilityZone": object.get(db.config, "AvailabilityZone", null),
	"SecondaryAvailabilityZone": object.get(db.config, "SecondaryAvailabilityZone", null),
}

_undecided(db) if inventory.known_after_apply(db, _paths)
