# METADATA
# title: CloudWatch Logs groups keep events for at least 365 days
# description: |
#   The log group keeps its events for at least 365 days, or never expires them (no
#   retentionInDays). A year of logs lets an incident discovered late, or a periodic access
#   review, still be traced to the events. HIPAA sets no retention period for audit logs
#   themselves; its six years apply to the required documentation (policies, and records of
#   the actions and assessments they require), which organisations usually keep outside
#   CloudWatch. 365 days is the floor this check enforces (a constant, `_min_days`); keep
#   longer where your records policy says so (CloudWatch offers up to 3653 days).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html
# custom:
#   id: aws.logs.log_group_retention_365_days
#   severity: medium
#   resource_types: [AWS::Logs::LogGroup]
#   remediation: |
#     aws logs put-retention-policy --log-group-name NAME --retention-in-days 365
#     (or a longer allowed value, e.g. 731 or 2192)
package attestkit.checks.aws.logs.log_group_retention_365_days

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_min_days := 365

# Paths a Terraform plan can leave known only after apply.
_paths := ["retentionInDays"]

results contains result.error(g, inventory.after_apply_message(g, _paths), inventory.with_unknown(g, _paths, _evidence(g))) if {
	some g in inventory.resources("AWS::Logs::LogGroup")
	_undecided(g)
}

results contains result.pass(g, _pass_message(g), _evidence(g)) if {
	some g in inventory.resources("AWS::Logs::LogGroup")
	not _undecided(g)
	_compliant(g)
}

results contains result.fail(g, sprintf("events kept %v days, fewer than %d", [_days(g), _min_days]), _evidence(g)) if {
	some g in inventory.resources("AWS::Logs::LogGroup")
	not _undecided(g)
	not _compliant(g)
}

_undecided(g) if inventory.known_after_apply(g, _paths)

# Absent (or null) retentionInDays is the API's way of saying events never expire.
_days(g) := object.get(g.config, "retentionInDays", null)

_compliant(g) if _days(g) == null

_compliant(g) if {
	is_number(_days(g))
	_days(g) >= _min_days
}

_pass_message(g) := "events never expire" if {
	_days(g) == null
} else := sprintf("events kept %v days", [_days(g)])

_evidence(g) := {"retentionInDays": _days(g), "required_days": _min_days}
