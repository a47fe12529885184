package attestkit.checks.aws.s3.bucket_versioning_enabled_test

import data.attestkit.checks.aws.s3.bucket_versioning_enabled as check

_bucket(name, config, errors) := {
	"id": sprintf("arn:aws:s3:::%s", [name]),
	"type": "AWS::S3::Bucket",
	"account": "111122223333",
	"region": "us-east-1",
	"config": config,
	"errors": errors,
}

_input(buckets) := {"resources": {"AWS::S3::Bucket": buckets}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_enabled if {
	rs := check.results with input as _input([_bucket("b1", {"Versioning": {"Status": "Enabled", "MFADelete": "Disabled"}}, [])])
	_status(rs, "arn:aws:s3:::b1") == {"pass"}
}

test_fail_suspended if {
	rs := check.results with input as _input([_bucket("b2", {"Versioning": {"Status": "Suspended"}}, [])])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_fail_never_enabled if {
	rs := check.results with input as _input([_bucket("b2", {"Versioning": {}}, [])])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_fail_versioning_missing if {
	rs := check.results with input as _input([_bucket("b2", {}, [])])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_error_unreadable if {
	errors := [{"api": "s3:GetBucketVersioning", "code": "AccessDenied", "message": "denied"}]
	rs := check.results with input as _input([_bucket("b3", {}, errors)])
	_status(rs, "arn:aws:s3:::b3") == {"error"}
}

test_pass_unrelated_read_error_ignored if {
	errors := [{"api": "s3:GetBucketLogging", "code": "AccessDenied", "message": "denied"}]
	rs := check.results with input as _input([_bucket("b1", {"Versioning": {"Status": "Enabled"}}, errors)])
	_status(rs, "arn:aws:s3:::b1") == {"pass"}
}

test_each_bucket_gets_exactly_one_status if {
	buckets := [
		_bucket("enabled", {"Versioning": {"Status": "Enabled"}}, []),
		_bucket("suspended", {"Versioning": {"Status": "Suspended"}}, []),
		_bucket("never", {"Versioning": {}}, []),
		_bucket("unreadable", {}, [{"api": "s3:GetBucketVersioning", "code": "AccessDenied", "message": "denied"}]),
	]
	rs := check.results with input as _input(buckets)
	expected := {"enabled": "pass", "suspended": "fail", "never": "fail", "unreadable": "error"}
	every name, status in expected {
		_status(rs, sprintf("arn:aws:s3:::%s", [name])) == {status}
	}
}

test_no_result_without_buckets if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
