package attestkit.checks.aws.s3.bucket_acl_and_policy_not_public_test

import data.attestkit.checks.aws.s3.bucket_acl_and_policy_not_public as check

_owner_grant := {"Grantee": {"Type": "CanonicalUser", "ID": "abc"}, "Permission": "FULL_CONTROL"}

_group_grant(group, permission) := {
	"Grantee": {"Type": "Group", "URI": sprintf("http://acs.amazonaws.com/groups/%s", [group])},
	"Permission": permission,
}

_bucket(name, config, errors) := {
	"id": sprintf("arn:aws:s3:::%s", [name]),
	"type": "AWS::S3::Bucket",
	"account": "111122223333",
	"region": "us-east-1",
	"config": config,
	"errors": errors,
}

_private := {"Grants": [_owner_grant], "Owner": {"ID": "abc"}, "PolicyStatus": {"IsPublic": false}}

_input(buckets) := {"resources": {"AWS::S3::Bucket": buckets}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_private_acl_and_policy if {
	rs := check.results with input as _input([_bucket("b1", _private, [])])
	_status(rs, "arn:aws:s3:::b1") == {"pass"}
}

test_pass_no_bucket_policy if {
	rs := check.results with input as _input([_bucket("b1", object.union(_private, {"PolicyStatus": null}), [])])
	_status(rs, "arn:aws:s3:::b1") == {"pass"}
}

test_pass_log_delivery_group_is_not_public if {
	grants := [_owner_grant, _group_grant("s3/LogDelivery", "WRITE")]
	rs := check.results with input as _input([_bucket("b1", object.union(_private, {"Grants": grants}), [])])
	_status(rs, "arn:aws:s3:::b1") == {"pass"}
}

test_fail_acl_grants_all_users if {
	grants := [_owner_grant, _group_grant("global/AllUsers", "READ")]
	rs := check.results with input as _input([_bucket("b2", object.union(_private, {"Grants": grants}), [])])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_fail_acl_grants_authenticated_users if {
	grants := [_group_grant("global/AuthenticatedUsers", "WRITE_ACP")]
	rs := check.results with input as _input([_bucket("b2", object.union(_private, {"Grants": grants}), [])])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_fail_policy_public if {
	rs := check.results with input as _input([_bucket("b2", object.union(_private, {"PolicyStatus": {"IsPublic": true}}), [])])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_fail_acl_and_policy_public if {
	config := {"Grants": [_group_grant("global/AllUsers", "READ")], "PolicyStatus": {"IsPublic": true}}
	rs := check.results with input as _input([_bucket("b2", config, [])])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_error_acl_unreadable if {
	errors := [{"api": "s3:GetBucketAcl", "code": "AccessDenied", "message": "denied"}]
	rs := check.results with input as _input([_bucket("b3", {"PolicyStatus": {"IsPublic": false}}, errors)])
	_status(rs, "arn:aws:s3:::b3") == {"error"}
}

test_error_policy_status_unreadable if {
	errors := [{"api": "s3:GetBucketPolicyStatus", "code": "AccessDenied", "message": "denied"}]
	rs := check.results with input as _input([_bucket("b3", {"Grants": [_owner_grant]}, errors)])
	_status(rs, "arn:aws:s3:::b3") == {"error"}
}

test_each_bucket_gets_exactly_one_status if {
	buckets := [
		_bucket("private", _private, []),
		_bucket("public-acl", object.union(_private, {"Grants": [_group_grant("global/AllUsers", "READ")]}), []),
		_bucket("public-policy", object.union(_private, {"PolicyStatus": {"IsPublic": true}}), []),
		_bucket("unreadable", {}, [{"api": "s3:GetBucketAcl", "code": "AccessDenied", "message": "denied"}]),
	]
	rs := check.results with input as _input(buckets)
	expected := {"private": "pass", "public-acl": "fail", "public-policy": "fail", "unreadable": "error"}
	every name, status in expected {
		_status(rs, sprintf("arn:aws:s3:::%s", [name])) == {status}
	}
}

test_no_result_without_buckets if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
