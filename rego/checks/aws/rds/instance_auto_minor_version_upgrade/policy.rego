# METADATA
# title: RDS DB instances apply minor engine upgrades automatically
# description: |
#   Automatic minor version upgrade is on (AutoMinorVersionUpgrade), so the database engine
#   receives security patches in the instance's maintenance window without anyone having to
#   schedule them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades
# custom:
#   id: aws.rds.instance_auto_minor_version_upgrade
#   severity: low
#   resource_types: [AWS::RDS::DBInstance]
#   remediation: |
#     aws rds modify-db-instance --db-instance-identifier NAME --auto-minor-version-upgrade
#     --apply-immediately
package attestkit.checks.aws.rds.instance_auto_minor_version_upgrade

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_paths := ["AutoMinorVersionUpgrade"]

results contains result.error(db, inventory.after_apply_message(db, _paths), inventory.with_unknown(db, _paths, _evidence(db))) if {
	some db in inventory.resources("AWS::RDS::DBInstance")
	_undecided(db)
}

results contains result.pass(db, "automatic minor version upgrades on", _evidence(db)) if {
	some db in inventory.resources("AWS::RDS::DBInstance")
	not _undecided(db)
	_compliant(db)
}

results contains result.fail(db, "automatic minor version upgrades off", _evidence(db)) if {
	some db in inventory.resources("AWS::RDS::DBInstance")
	not _undecided(db)
	not _compliant(db)
}

_compliant(db) if db.config.AutoMinorVersionUpgrade == true

_evidence(db) := {
	"AutoMinorVersionUpgrade": object.get(db.config, "AutoMinorVersionUpgrade", null),
	"EngineVersion": object.get(db.config, "EngineVersion", null),
}

_undecided(db) if inventory.known_after_apply(db, _paths)
