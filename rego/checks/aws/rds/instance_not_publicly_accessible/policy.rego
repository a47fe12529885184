# METADATA
# title: RDS DB instances are not publicly accessible
# description: |
#   The DB instance is not publicly accessible (PubliclyAccessible false): its endpoint
#   resolves to a private address only, so it cannot be reached from the internet whatever
#   its security groups allow.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding
# custom:
#   id: aws.rds.instance_not_publicly_accessible
#   severity: high
#   resource_types: [AWS::RDS::DBInstance]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier NAME --no-publicly-accessible
#     --apply-immediately
package attestkit.checks.aws.rds.instance_not_publicly_accessible

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_paths := ["PubliclyAccessible"]

results contains result.error(db, inventory.after_apply_message(db, _paths), inventory.with_unknown(db, _paths, _evidence(db))) if {
	some db in inventory.resources("AWS::RDS::DBInstance")
	_undecided(db)
}

results contains result.pass(db, "not publicly accessible", _evidence(db)) if {
	some db in inventory.resources("AWS::RDS::DBInstance")
	not _undecided(db)
	_compliant(db)
}

results contains result.fail(db, _fail_message(db), _evidence(db)) if {
	some db in inventory.resources("AWS::RDS::DBInstance")
	not _undecided(db)
	not _compliant(db)
}

# Only an explicit false passes: an absent flag is not evidence of a private instance.
_compliant(db) if db.config.PubliclyAccessible == false

_fail_message(db) := "publicly accessible from the internet" if {
	db.config.PubliclyAccessible == true
} else := "PubliclyAccessible not reported"

_evidence(db) := {
	"PubliclyAccessible": object.get(db.config, "PubliclyAccessible", null),
	"Endpoint.Address": object.get(db.config, ["Endpoint", "Address"], null),
}

_undecided(db) if inventory.known_after_apply(db, _paths)
