package attestkit.checks.aws.iam.password_policy_strong_test

import data.attestkit.checks.aws.iam.password_policy_strong as check

_strong := {
	"MinimumPasswordLength": 14,
	"RequireSymbols": true,
	"RequireNumbers": true,
	"RequireUppercaseCharacters": true,
	"RequireLowercaseCharacters": true,
	"AllowUsersToChangePassword": true,
	"ExpirePasswords": false,
	"PasswordReusePrevention": 24,
}

_policy(account, config, errors) := {
	"id": sprintf("arn:aws:iam::%s:account-password-policy", [account]),
	"type": "AWS::IAM::AccountPasswordPolicy",
	"account": account,
	"region": "global",
	"config": config,
	"errors": errors,
}

_id(account) := sprintf("arn:aws:iam::%s:account-password-policy", [account])

_input(policies) := {
	"resources": {"AWS::IAM::AccountPasswordPolicy": policies},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_with(changes) := {"PasswordPolicy": object.union(_strong, changes)}

test_pass_strong_policy if {
	rs := check.results with input as _input([_policy("111122223333", {"PasswordPolicy": _strong}, [])])
	_status(rs, _id("111122223333")) == {"pass"}
}

test_pass_stricter_than_minimum if {
	rs := check.results with input as _input([_policy("111122223333", _with({"MinimumPasswordLength": 20}), [])])
	_status(rs, _id("111122223333")) == {"pass"}
}

test_fail_no_password_policy if {
	rs := check.results with input as _input([_policy("111122223333", {"PasswordPolicy": null}, [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

test_fail_short_minimum_length if {
	rs := check.results with input as _input([_policy("111122223333", _with({"MinimumPasswordLength": 8}), [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

test_fail_reuse_prevention_too_low if {
	rs := check.results with input as _input([_policy("111122223333", _with({"PasswordReusePrevention": 5}), [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

# GetAccountPasswordPolicy omits PasswordReusePrevention when it is not set.
test_fail_reuse_prevention_not_set if {
	config := {"PasswordPolicy": object.remove(_strong, ["PasswordReusePrevention"])}
	rs := check.results with input as _input([_policy("111122223333", config, [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

test_fail_symbols_not_required if {
	rs := check.results with input as _input([_policy("111122223333", _with({"RequireSymbols": false}), [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

test_fail_numbers_not_required if {
	rs := check.results with input as _input([_policy("111122223333", _with({"RequireNumbers": false}), [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

test_fail_uppercase_not_required if {
	rs := check.results with input as _input([_policy("111122223333", _with({"RequireUppercaseCharacters": false}), [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

test_fail_lowercase_not_required if {
	rs := check.results with input as _input([_policy("111122223333", _with({"RequireLowercaseCharacters": false}), [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

test_fail_evidence_lists_failing_criteria if {
	rs := check.results with input as _input([_policy("111122223333", _with({"MinimumPasswordLength": 8, "RequireSymbols": false}), [])])
	some r in rs
	r.resource == _id("111122223333")
	r.evidence.failing_criteria == ["MinimumPasswordLength is 8, needs >= 14", "RequireSymbols is false"]
}

test_error_unreadable if {
	errors := [{"api": "iam:GetAccountPasswordPolicy", "code": "AccessDenied", "message": "denied"}]
	rs := check.results with input as _input([_policy("111122223333", {}, errors)])
	_status(rs, _id("111122223333")) == {"error"}
}

test_each_account_gets_exactly_one_status if {
	policies := [
		_policy("111111111111", {"PasswordPolicy": _strong}, []),
		_policy("222222222222", {"PasswordPolicy": null}, []),
		_policy("333333333333", _with({"MinimumPasswordLength": 12}), []),
		_policy("444444444444", {}, [{"api": "iam:GetAccountPasswordPolicy", "code": "Throttling", "message": "slow down"}]),
	]
	rs := check.results with input as _input(policies)
	expected := {"111111111111": "pass", "222222222222": "fail", "333333333333": "fail", "444444444444": "error"}
	every account, status in expected {
		_status(rs, _id(account)) == {status}
	}
}

test_no_result_without_policies if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
