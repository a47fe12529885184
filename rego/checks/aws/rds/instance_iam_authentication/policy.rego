# METADATA
# title: RDS DB instances accept IAM database authentication
# description: |
#   IAM database authentication is on (IAMDatabaseAuthenticationEnabled), so people and
#   services can connect with short-lived tokens tied to their IAM identity instead of
#   shared, long-lived database passwords. Judged for the engines that support it on a DB
#   instance (MySQL, MariaDB, PostgreSQL); instances of a DB cluster are set at the cluster.
#   In a Terraform plan, an instance whose Engine is known only after apply is `error`
#   unless IAM authentication is already on.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html
# custom:
#   id: aws.rds.instance_iam_authentication
#   severity: medium
#   resource_types: [AWS::RDS::DBInstance]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier NAME
#     --enable-iam-database-authentication --apply-immediately, then create database users
#     that authenticate with AWSAuthenticationPlugin (MySQL) or the rds_iam role (PostgreSQL).
package attestkit.checks.aws.rds.instance_iam_authentication

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_engines := {"mysql", "mariadb", "postgres"}

# Paths a Terraform plan can leave known only after apply.
_paths := ["Engine", "IAMDatabaseAuthenticationEnabled"]

results contains result.error(db, inventory.after_apply_message(db, _paths), inventory.with_unknown(db, _paths, _evidence(db))) if {
	some db in _judged
	_undecided(db)
}

results contains result.pass(db, "IAM database authentication on", _evidence(db)) if {
	some db in _judged
	not _undecided(db)
	_compliant(db)
}

results contains result.fail(db, "IAM database authentication off", _evidence(db)) if {
	some db in _judged
	not _undecided(db)
	not _compliant(db)
}

_judged := [db |
	some db in inventory.resources("AWS::RDS::DBInstance")
	_iam_engine(db)
	not db.config.DBClusterIdentifier
]

# An engine supporting IAM authentication, or one known only after apply: not dropped unjudged.
_iam_engine(db) if db.config.Engine in _engines

_iam_engine(db) if _engine_unknown(db)

_engine_unknown(db) if inventory.known_after_apply(db, ["Engine"])

# IAM authentication on decides whatever the engine (only the engines above accept it).
_undecided(db) if {
	inventory.known_after_apply(db, _paths)
	not _compliant(db)
}

_compliant(db) if db.config.IAMDatabaseAuthenticationEnabled == true

_evidence(db) := {
	"Engine": db.config.Engine,
	"IAMDatabaseAuthenticationEnabled": object.get(db.config, "IAMDatabaseAuthenticationEnabled", null),
}
