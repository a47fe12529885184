# METADATA
# title: The account has an AWS Backup plan that keeps backups for at least 7 days
# description: |
#   At least one AWS Backup plan of the account, in any collected region, has a rule that
#   keeps its recovery points for at least 7 days (Lifecycle.DeleteAfterDays, or no
#   lifecycle: kept until deleted), so there is a scheduled, retrievable copy of data to
#   restore from. Which resources a plan selects is not read yet: confirm the selections
#   cover the systems holding PHI. When no plan qualifies and some plan data could not be
#   read, the account is `error` rather than `fail`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/about-backup-plans.html
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html
# custom:
#   id: aws.backup.account_has_backup_plan
#   severity: high
#   resource_types: [AWS::Account, AWS::Backup::BackupPlan]
#   remediation: |
#     aws backup create-backup-plan --backup-plan '{"BackupPlanName":"daily","Rules":[{"RuleName":
#     "daily","TargetBackupVaultName":"VAULT","ScheduleExpression":"cron(0 5 * * ? *)","Lifecycle":
#     {"DeleteAfterDays":35}}]}', then assign resources with aws backup create-backup-selection.
package attestkit.checks.aws.backup.account_has_backup_plan

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_plan_type := "AWS::Backup::BackupPlan"

_plan_apis := ["backup:GetBackupPlan"]

_min_days := 7

results contains result.error(a, concat("; ", _unread(a)), _error_evidence(a)) if {
	some a in inventory.resources("AWS::Account")
	not _compliant(a)
	_incomplete(a)
}

results contains result.pass(a, msg, _evidence(a)) if {
	some a in inventory.resources("AWS::Account")
	_compliant(a)
	msg := sprintf("backup plan(s) keeping recovery points at least %d days: %s", [
		_min_days,
		concat(", ", sort([_name(p) | some p in _plans(a); _good_plan(p)])),
	])
}

results contains result.fail(a, _fail_message(a), _evidence(a)) if {
	some a in inventory.resources("AWS::Account")
	not _compliant(a)
	not _incomplete(a)
}

_compliant(a) if {
	some p in _plans(a)
	_good_plan(p)
}

_rules(p) := inventory.array_at(object.get(p.config, "BackupPlan", null), "Rules")

_good_plan(p) if {
	not inventory.any_read_failed(p, _plan_apis)
	some rule in _rules(p)
	_keeps_long_enough(rule)
}

_keeps_long_enough(rule) if object.get(rule, ["Lifecycle", "DeleteAfterDays"], null) == null

_keeps_long_enough(rule) if rule.Lifecycle.DeleteAfterDays >= _min_days

_account(a) := object.get(a, "account", null)

_plans(a) := object.get(_plans_by_account, _account(a), [])

# The plans of each account, grouped once per evaluation (a rule is computed once, a
# function on every call).
_plans_by_account[account] := [p |
	some p in inventory.resources(_plan_type)
	object.get(p, "account", null) == account
] if {
	some account in {_account(a) | some a in inventory.resources("AWS::Account")}
}

_name(p) := object.get(p.config, "BackupPlanName", p.id)

_incomplete(a) if inventory.scope_unreadable(_account(a), _plan_type)

_incomplete(a) if {
	some p in _plans(a)
	inventory.any_read_failed(p, _plan_apis)
}

_unread(a) := {msg |
	some e in inventory.scope_errors(_account(a), _plan_type)
	msg := sprintf("could not list backup plans in %v: %s %s", [e.region, e.api, e.code])
} | {msg |
	some p in _plans(a)
	inventory.any_read_failed(p, _plan_apis)
	msg := sprintf("plan %s: %s", [_name(p), inventory.read_error_message(p, _plan_apis)])
}

_retention(rule) := object.get(rule, ["Lifecycle", "DeleteAfterDays"], null)

_facts(p) := {
	"plan": p.id,
	"region": object.get(p, "region", null),
	"BackupPlan.Rules[].Lifecycle.DeleteAfterDays": [_retention(rule) | some rule in _rules(p)],
}

_fail_message(a) := "no AWS Backup plan in the account" if {
	count(_plans(a)) == 0
} else := sprintf("no backup plan keeps recovery points %d days or more: %s", [_min_days, concat("; ", sort([
	sprintf("%s keeps %v", [_name(p), [_retention(rule) | some rule in _rules(p)]]) |
		some p in _plans(a)
]))])

_evidence(a) := {"plans": [_facts(p) | some p in _plans(a)], "required_days": _min_days}

_error_evidence(a) := {
	"errors": array.concat(
		inventory.scope_errors(_account(a), _plan_type),
		[object.union(e, {"plan": p.id}) | some p in _plans(a); some e in inventory.read_errors(p, _plan_apis)],
	),
	"plans": [_facts(p) | some p in _plans(a)],
}
