package attestkit.checks.aws.iam.root_no_access_keys_test

import data.attestkit.checks.aws.iam.root_no_access_keys as check

_account(account, config, errors) := {
	"id": sprintf("arn:aws:iam::%s:root", [account]),
	"type": "AWS::Account",
	"account": account,
	"region": "global",
	"config": object.union({"AccountId": account}, config),
	"errors": errors,
}

_id(account) := sprintf("arn:aws:iam::%s:root", [account])

_input(accounts) := {"resources": {"AWS::Account": accounts}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_summary(value) := {"AccountSummary": {"AccountAccessKeysPresent": value, "Users": 4, "Groups": 2}}

_denied := [{"api": "iam:GetAccountSummary", "code": "AccessDenied", "message": "denied"}]

test_pass_no_root_access_keys if {
	rs := check.results with input as _input([_account("111122223333", _summary(0), [])])
	_status(rs, _id("111122223333")) == {"pass"}
}

test_fail_root_access_key_present if {
	rs := check.results with input as _input([_account("111122223333", _summary(1), [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

test_fail_key_flag_missing_from_summary if {
	rs := check.results with input as _input([_account("111122223333", {"AccountSummary": {"Users": 4}}, [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

test_fail_key_flag_not_a_number if {
	rs := check.results with input as _input([_account("111122223333", _summary("0"), [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

test_error_account_summary_unreadable if {
	rs := check.results with input as _input([_account("111122223333", {}, _denied)])
	_status(rs, _id("111122223333")) == {"error"}
}

test_pass_unrelated_read_error_ignored if {
	errors := [{"api": "sts:GetCallerIdentity", "code": "Throttling", "message": "slow down"}]
	rs := check.results with input as _input([_account("111122223333", _summary(0), errors)])
	_status(rs, _id("111122223333")) == {"pass"}
}

test_each_account_gets_exactly_one_status if {
	accounts := [
		_account("111111111111", _summary(0), []),
		_account("222222222222", _summary(1), []),
		_account("333333333333", {}, _denied),
	]
	rs := check.results with input as _input(accounts)
	expected := {"111111111111": "pass", "222222222222": "fail", "333333333333": "error"}
	every account, status in expected {
		_status(rs, _id(account)) == {status}
	}
}

test_no_result_without_accounts if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
