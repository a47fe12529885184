package attestkit.checks.aws.backup.account_has_backup_plan_test

import data.attestkit.checks.aws.backup.account_has_backup_plan as check

_acct := "111122223333"

_account(account) := {
	"id": sprintf("arn:aws:iam::%s:root", [account]),
	"type": "AWS::Account",
	"account": account,
	"region": "global",
	"config": {"AccountId": account},
	"errors": [],
}

_id(account) := sprintf("arn:aws:iam::%s:root", [account])

_rule(days) := {"RuleName": "daily", "TargetBackupVaultName": "vault", "ScheduleExpression": "cron(0 5 * * ? *)", "Lifecycle": {"DeleteAfterDays": days}}

_plan(account, name, rules, errors) := {
	"id": sprintf("arn:aws:backup:us-east-1:%s:backup-plan:%s", [account, name]),
	"type": "AWS::Backup::BackupPlan",
	"account": account,
	"region": "us-east-1",
	"name": name,
	"config": object.union({"BackupPlanName": name, "BackupPlanId": name}, _described(name, rules)),
	"errors": errors,
}

_described(_, null) := {}

_described(name, rules) := {"BackupPlan": {"BackupPlanName": name, "Rules": rules}} if rules != null

_input(accounts, plans) := {
	"resources": {"AWS::Account": accounts, "AWS::Backup::BackupPlan": plans},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "backup:GetBackupPlan", "code": "AccessDeniedException", "message": "denied"}]

_scope_error(account) := {
	"service": "backup", "region": "eu-west-1", "account": account,
	"api": "backup:ListBackupPlans", "code": "AccessDeniedException", "message": "denied",
	"resource_types": ["AWS::Backup::BackupPlan", "AWS::Backup::BackupVault"],
}

test_pass_daily_plan_kept_35_days if {
	rs := check.results with input as _input([_account(_acct)], [_plan(_acct, "daily", [_rule(35)], [])])
	_status(rs, _id(_acct)) == {"pass"}
}

test_pass_rule_without_lifecycle if {
	rule := json.patch(_rule(1), [{"op": "remove", "path": "/Lifecycle"}])
	rs := check.results with input as _input([_account(_acct)], [_plan(_acct, "forever", [rule], [])])
	_status(rs, _id(_acct)) == {"pass"}
}

test_pass_one_good_plan_despite_unreadable_other if {
	plans := [_plan(_acct, "daily", [_rule(7)], []), _plan(_acct, "other", null, _denied)]
	rs := check.results with input as object.union(_input([_account(_acct)], plans), {"collection_errors": [_scope_error(_acct)]})
	_status(rs, _id(_acct)) == {"pass"}
}

test_fail_no_plan if {
	rs := check.results with input as _input([_account(_acct)], [])
	_status(rs, _id(_acct)) == {"fail"}
	some r in rs
	r.message == "no AWS Backup plan in the account"
}

test_fail_plan_keeps_one_day if {
	rs := check.results with input as _input([_account(_acct)], [_plan(_acct, "dev-scratch", [_rule(1)], [])])
	_status(rs, _id(_acct)) == {"fail"}
	some r in rs
	r.evidence.plans[0]["BackupPlan.Rules[].Lifecycle.DeleteAfterDays"] == [1]
}

test_fail_plan_without_rules if {
	rs := check.results with input as _input([_account(_acct)], [_plan(_acct, "empty", [], [])])
	_status(rs, _id(_acct)) == {"fail"}
}

test_fail_other_accounts_plan_does_not_count if {
	rs := check.results with input as _input([_account(_acct)], [_plan("444455556666", "daily", [_rule(35)], [])])
	_status(rs, _id(_acct)) == {"fail"}
}

test_error_plan_unreadable if {
	rs := check.results with input as _input([_account(_acct)], [_plan(_acct, "daily", null, _denied)])
	_status(rs, _id(_acct)) == {"error"}
}

test_error_plans_not_listed if {
	rs := check.results with input as object.union(_input([_account(_acct)], []), {"collection_errors": [_scope_error(_acct)]})
	_status(rs, _id(_acct)) == {"error"}
}

test_each_account_gets_exactly_one_status if {
	accounts := [_account("111111111111"), _account("222222222222"), _account("333333333333")]
	plans := [
		_plan("111111111111", "daily", [_rule(35)], []),
		_plan("222222222222", "scratch", [_rule(1)], []),
		_plan("333333333333", "unknown", null, _denied),
	]
	rs := check.results with input as _input(accounts, plans)
	expected := {"111111111111": "pass", "222222222222": "fail", "333333333333": "error"}
	every account, status in expected {
		_status(rs, _id(account)) == {status}
	}
}

test_no_result_without_accounts if {
	rs := check.results with input as _input([], [_plan(_acct, "daily", [_rule(35)], [])])
	count(rs) == 0
}
