package attestkit.checks.aws.s3.account_public_access_blocked_test

import data.attestkit.checks.aws.s3.account_public_access_blocked as check

_all_on := {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}

_account(account, config, errors) := {
	"id": sprintf("arn:aws:s3::%s:account-public-access-block", [account]),
	"type": "AWS::S3::AccountPublicAccessBlock",
	"account": account,
	"region": "global",
	"config": config,
	"errors": errors,
}

_input(accounts) := {
	"resources": {"AWS::S3::AccountPublicAccessBlock": accounts},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_id(account) := sprintf("arn:aws:s3::%s:account-public-access-block", [account])

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_all_flags_on if {
	rs := check.results with input as _input([_account("111122223333", {"PublicAccessBlockConfiguration": _all_on}, [])])
	_status(rs, _id("111122223333")) == {"pass"}
}

test_fail_no_configuration if {
	rs := check.results with input as _input([_account("111122223333", {"PublicAccessBlockConfiguration": null}, [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

test_fail_one_flag_off if {
	config := {"PublicAccessBlockConfiguration": object.union(_all_on, {"BlockPublicPolicy": false})}
	rs := check.results with input as _input([_account("111122223333", config, [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

test_fail_flag_missing if {
	config := {"PublicAccessBlockConfiguration": object.remove(_all_on, ["IgnorePublicAcls"])}
	rs := check.results with input as _input([_account("111122223333", config, [])])
	_status(rs, _id("111122223333")) == {"fail"}
}

test_error_unreadable if {
	errors := [{"api": "s3control:GetPublicAccessBlock", "code": "AccessDenied", "message": "denied"}]
	rs := check.results with input as _input([_account("111122223333", {}, errors)])
	_status(rs, _id("111122223333")) == {"error"}
}

test_pass_unrelated_read_error_ignored if {
	errors := [{"api": "s3:ListBuckets", "code": "AccessDenied", "message": "denied"}]
	rs := check.results with input as _input([_account("111122223333", {"PublicAccessBlockConfiguration": _all_on}, errors)])
	_status(rs, _id("111122223333")) == {"pass"}
}

test_each_account_gets_exactly_one_status if {
	accounts := [
		_account("111111111111", {"PublicAccessBlockConfiguration": _all_on}, []),
		_account("222222222222", {"PublicAccessBlockConfiguration": null}, []),
		_account("333333333333", {}, [{"api": "s3control:GetPublicAccessBlock", "code": "Throttling", "message": "slow down"}]),
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
