# METADATA
# title: DynamoDB tables have point-in-time recovery
# description: |
#   Point-in-time recovery is on for the table (DescribeContinuousBackups:
#   PointInTimeRecoveryStatus ENABLED), so it can be restored to any second of its recovery
#   period after an accidental write or delete. A table whose continuous backups could not
#   be read is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
# custom:
#   id: aws.dynamodb.table_point_in_time_recovery
#   severity: medium
#   resource_types: [AWS::DynamoDB::Table]
#   remediation: |
#     aws dynamodb update-continuous-backups --table-name NAME
#     --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true
package attestkit.checks.aws.dynamodb.table_point_in_time_recovery

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["dynamodb:DescribeContinuousBackups"]

results contains result.error(t, inventory.read_error_message(t, _apis), {"errors": inventory.read_errors(t, _apis)}) if {
	some t in inventory.resources("AWS::DynamoDB::Table")
	inventory.any_read_failed(t, _apis)
}

results contains result.pass(t, sprintf("point-in-time recovery on (%v days)", [_days(t)]), _evidence(t)) if {
	some t in inventory.resources("AWS::DynamoDB::Table")
	not inventory.any_read_failed(t, _apis)
	_compliant(t)
}

results contains result.fail(t, "point-in-time recovery off", _evidence(t)) if {
	some t in inventory.resources("AWS::DynamoDB::Table")
	not inventory.any_read_failed(t, _apis)
	not _compliant(t)
}

_pitr_path := ["ContinuousBackupsDescription", "PointInTimeRecoveryDescription", "PointInTimeRecoveryStatus"]

_compliant(t) if object.get(t.config, _pitr_path, null) == "ENABLED"

# The recovery period is configurable (1 to 35 days); AWS reports 35 when it was never set.
_days(t) := object.get(t.config, ["ContinuousBackupsDescription", "PointInTimeRecoveryDescription", "RecoveryPeriodInDays"], 35)

_evidence(t) := {
	"ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus": object.get(t.config, _pitr_path, null),
	"ContinuousBackupsDescription.PointInTimeRecoveryDescription.RecoveryPeriodInDays": object.get(t.config, ["ContinuousBackupsDescription", "PointInTimeRecoveryDescription", "RecoveryPeriodInDays"], null),
}
