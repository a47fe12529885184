package attestkit.checks.aws.s3.bucket_access_logging_enabled_test

import data.attestkit.checks.aws.s3.bucket_access_logging_enabled as check

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

_logging := {"LoggingEnabled": {"TargetBucket": "access-logs", "TargetPrefix": "b1/"}}

test_pass_logging_to_target_bucket if {
	rs := check.results with input as _input([_bucket("b1", _logging, [])])
	_status(rs, "arn:aws:s3:::b1") == {"pass"}
}

test_fail_logging_off if {
	rs := check.results with input as _input([_bucket("b2", {"LoggingEnabled": null}, [])])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_fail_logging_without_target_bucket if {
	rs := check.results with input as _input([_bucket("b2", {"LoggingEnabled": {"TargetPrefix": "x/"}}, [])])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_fail_logging_empty_target_bucket if {
	rs := check.results with input as _input([_bucket("b2", {"LoggingEnabled": {"TargetBucket": ""}}, [])])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_fail_logging_missing if {
	rs := check.results with input as _input([_bucket("b2", {}, [])])
	_status(rs, "arn:aws:s3:::b2") == {"fail"}
}

test_error_unreadable if {
	errors := [{"api": "s3:GetBucketLogging", "code": "AccessDenied", "message": "denied"}]
	rs := check.results with input as _input([_bucket("b3", {}, errors)])
	_status(rs, "arn:aws:s3:::b3") == {"error"}
}

test_each_bucket_gets_exactly_one_status if {
	buckets := [
		_bucket("logged", _logging, []),
		_bucket("off", {"LoggingEnabled": null}, []),
		_bucket("unreadable", {}, [{"api": "s3:GetBucketLogging", "code": "AccessDenied", "message": "denied"}]),
	]
	rs := check.results with input as _input(buckets)
	expected := {"logged": "pass", "off": "fail", "unreadable": "error"}
	every name, status in expected {
		_status(rs, sprintf("arn:aws:s3:::%s", [name])) == {status}
	}
}

test_no_result_without_buckets if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
