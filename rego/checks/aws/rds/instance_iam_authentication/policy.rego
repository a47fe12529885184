# METADATA
# title: RDS DB instances accept IAM database authentication
# description: |
#   IAM database authentication is on (IAMDatabaseAuthenticationEnabled), so people and
#   services can connect with short-lived tokens tied to their IAM identity instead of
#   shared, long-lived database passwords. Judged for the engines that support it on a DB
#   instance (MySQL, MariaDB, PostgreSQL); instances of a DB cluster are set at the cluster.
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

results contains result.pass(db, "IAM database authentication on", _evidence(db)) if {
	some db in _judged
	_compliant(db)
}

results contains result.fail(db, "IAM database authentication off", _evidence(db)) if {
	some db in _judged
	not _compliant(db)
}

_judged := [db |
	some db in inventory.resources("AWS::RDS::DBInstance")
	db.config.Engine in _engines
	not db.config.DBClusterIdentifier
]

_compliant(db) if db.config.IAMDatabaseAuthenticationEnabled == true

_evidence(db) := {
	"Engine": db.config.Engine,
	"IAMDatabaseAuthenticationEnabled": object.get(db.config, "IAMDatabaseAuthenticationEnabled", null),
}
