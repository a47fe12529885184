package attestkit.checks.aws.s3.bucket_public_access_blocked_test

import data.attestkit.checks.aws.s3.bucket_public_access_blocked as check

_all_on := {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}

_bucket(name, account, config, errors) := {
	"id": sprintf("arn:aws:s3:::%s", [name]),
	"type": "AWS::S3::Bucket",
	"account": account,
	"region": "us-east-1",
	"config": config,
	"errors": errors,
}

_account(account, config, errors) := {
	"id": sprintf("arn:aws:s3::%s:account-public-access-block", [account]),
	"type": "AWS::S3::AccountPublicAccessBlock",
	"account": account,
	"region": "global",
	"config": config,
	"errors": errors,
}

_input(buckets, accounts) := {
	"resources": {"AWS::S3::Bucket": buckets, "AWS::S3::AccountPublicAccessBlock": accounts},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_denied(api) := [{"api": api, "code": "AccessDenied", "message": "denied"}]

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_bucket_level_all_flags if {
	b := _bucket("b1", "111122223333", {"PublicAccessBlockConfiguration": _all_on}, [])
	a := _account("111122223333", {"PublicAccessBlockConfiguration": null}, [])
	rs := check.results with input as _input([b], [a])
	_status(rs, "arn:aws:s3:::b1") == {"pass"}
}

test_pass_account_level_all_flags if {
	b := _bucket("b1", "111122223333", {"PublicAccessBlockConfiguration": null}, [])
	a := _account("111122223333", {"PublicAccessBlockConfiguration": _all_on}, [])
	rs := check.results with input as _input([b], [a])
	_status(rs, "arn:aws:s3:::b1") == {"pass"}
}

test_pass_flags_combined_across_levels if {
	bucket_flags := {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}
	account_flags := {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}
	b := _bucket("b1", "111122223333", {"PublicAccessBlockConfiguration": bucket_flags}, [])
	a := _account("111122223333", {"PublicAccessBlockConfiguration": account_flags}, [])
	rs := check.results with input as _input([b], [a])
	_status(rs, "arn:aws:s3:::b1") == {"pass"}
}

test_fail_no_block_at_either_level if {
	b := _bucket("b2", "111122223333", {"PublicAccessBlockConfiguration": null}, [])
	a := _account("111122223333", {"PublicAccessBlockConfiguration": null}, [])
	rs := check.results with input as _input([b], [a])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_fail_one_flag_off_at_both_levels if {
	flags := object.union(_all_on, {"RestrictPublicBuckets": false})
	b := _bucket("b2", "111122223333", {"PublicAccessBlockConfiguration": flags}, [])
	a := _account("111122223333", {"PublicAccessBlockConfiguration": flags}, [])
	rs := check.results with input as _input([b], [a])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_fail_other_accounts_block_does_not_count if {
	b := _bucket("b2", "111122223333", {"PublicAccessBlockConfiguration": null}, [])
	a := _account("444455556666", {"PublicAccessBlockConfiguration": _all_on}, [])
	rs := check.results with input as _input([b], [a])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_error_bucket_unreadable_account_not_blocking if {
	b := _bucket("b3", "111122223333", {}, _denied("s3:GetPublicAccessBlock"))
	a := _account("111122223333", {"PublicAccessBlockConfiguration": null}, [])
	rs := check.results with input as _input([b], [a])
	_status(rs, "arn:aws:s3:::b3") == {"error"}
}

test_pass_bucket_unreadable_account_blocks if {
	b := _bucket("b3", "111122223333", {}, _denied("s3:GetPublicAccessBlock"))
	a := _account("111122223333", {"PublicAccessBlockConfiguration": _all_on}, [])
	rs := check.results with input as _input([b], [a])
	_status(rs, "arn:aws:s3:::b3") == {"pass"}
}

test_error_bucket_and_account_unreadable if {
	b := _bucket("b3", "111122223333", {}, _denied("s3:GetPublicAccessBlock"))
	a := _account("111122223333", {}, _denied("s3control:GetPublicAccessBlock"))
	rs := check.results with input as _input([b], [a])
	_status(rs, "arn:aws:s3:::b3") == {"error"}
}

test_error_account_unreadable_bucket_partial if {
	flags := object.union(_all_on, {"BlockPublicPolicy": false})
	b := _bucket("b3", "111122223333", {"PublicAccessBlockConfiguration": flags}, [])
	a := _account("111122223333", {}, _denied("s3control:GetPublicAccessBlock"))
	rs := check.results with input as _input([b], [a])
	_status(rs, "arn:aws:s3:::b3") == {"error"}
}

test_pass_bucket_blocks_account_unreadable if {
	b := _bucket("b1", "111122223333", {"PublicAccessBlockConfiguration": _all_on}, [])
	a := _account("111122223333", {}, _denied("s3control:GetPublicAccessBlock"))
	rs := check.results with input as _input([b], [a])
	_status(rs, "arn:aws:s3:::b1") == {"pass"}
}

test_error_account_scope_not_collected if {
	b := _bucket("b3", "111122223333", {"PublicAccessBlockConfiguration": null}, [])
	scope_error := {
		"service": "s3control", "region": "global", "account": "111122223333",
		"api": "s3control:GetPublicAccessBlock", "code": "AccessDenied", "message": "denied",
		"resource_types": ["AWS::S3::AccountPublicAccessBlock"],
	}
	rs := check.results with input as object.union(_input([b], []), {"collection_errors": [scope_error]})
	_status(rs, "arn:aws:s3:::b3") == {"error"}
}

test_each_bucket_gets_exactly_one_status if {
	partial := object.union(_all_on, {"IgnorePublicAcls": false})
	buckets := [
		_bucket("own", "111122223333", {"PublicAccessBlockConfiguration": _all_on}, []),
		_bucket("inherits", "111122223333", {"PublicAccessBlockConfiguration": null}, []),
		_bucket("unreadable", "111122223333", {}, _denied("s3:GetPublicAccessBlock")),
		_bucket("partial", "444455556666", {"PublicAccessBlockConfiguration": partial}, []),
		_bucket("unknown", "444455556666", {}, _denied("s3:GetPublicAccessBlock")),
	]
	accounts := [
		_account("111122223333", {"PublicAccessBlockConfiguration": _all_on}, []),
		_account("444455556666", {"PublicAccessBlockConfiguration": null}, []),
	]
	rs := check.results with input as _input(buckets, accounts)
	expected := {"own": "pass", "inherits": "pass", "unreadable": "pass", "partial": "fail", "unknown": "error"}
	every name, status in expected {
		_status(rs, sprintf("arn:aws:s3:::%s", [name])) == {status}
	}
}

test_no_result_without_buckets if {
	rs := check.results with input as _input([], [_account("111122223333", {"PublicAccessBlockConfiguration": null}, [])])
	count(rs) == 0
}
