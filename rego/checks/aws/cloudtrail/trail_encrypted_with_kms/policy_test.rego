package attestkit.checks.aws.cloudtrail.trail_encrypted_with_kms_test

import data.attestkit.checks.aws.cloudtrail.trail_encrypted_with_kms as check

_key := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

_trail(name, config, errors) := {
	"id": sprintf("arn:aws:cloudtrail:us-east-1:111122223333:trail/%s", [name]),
	"type": "AWS::CloudTrail::Trail",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"Name": name, "IsMultiRegionTrail": true, "S3BucketName": "trail-logs"}, config),
	"errors": errors,
}

_id(name) := sprintf("arn:aws:cloudtrail:us-east-1:111122223333:trail/%s", [name])

_input(trails) := {"resources": {"AWS::CloudTrail::Trail": trails}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_kms_key_set if {
	rs := check.results with input as _input([_trail("t1", {"KmsKeyId": _key}, [])])
	_status(rs, _id("t1")) == {"pass"}
}

test_fail_kms_key_absent if {
	rs := check.results with input as _input([_trail("t2", {}, [])])
	_status(rs, _id("t2")) == {"fail"}
}

test_fail_kms_key_empty if {
	rs := check.results with input as _input([_trail("t2", {"KmsKeyId": ""}, [])])
	_status(rs, _id("t2")) == {"fail"}
}

test_fail_kms_key_null if {
	rs := check.results with input as _input([_trail("t2", {"KmsKeyId": null}, [])])
	_status(rs, _id("t2")) == {"fail"}
}

# KmsKeyId comes from DescribeTrails; a failed status or selector read does not hide it.
test_pass_unrelated_read_errors_ignored if {
	errors := [
		{"api": "cloudtrail:GetTrailStatus", "code": "AccessDenied", "message": "denied"},
		{"api": "cloudtrail:GetEventSelectors", "code": "AccessDenied", "message": "denied"},
	]
	rs := check.results with input as _input([_trail("t1", {"KmsKeyId": _key}, errors)])
	_status(rs, _id("t1")) == {"pass"}
}

test_each_trail_gets_exactly_one_status if {
	trails := [
		_trail("encrypted", {"KmsKeyId": _key}, []),
		_trail("plain", {}, []),
		_trail("empty", {"KmsKeyId": ""}, []),
	]
	rs := check.results with input as _input(trails)
	expected := {"encrypted": "pass", "plain": "fail", "empty": "fail"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

test_no_result_when_trails_not_collected if {
	scope_error := {
		"service": "cloudtrail", "region": "us-east-1", "account": "111122223333",
		"api": "cloudtrail:DescribeTrails", "code": "AccessDenied", "message": "denied",
		"resource_types": ["AWS::CloudTrail::Trail"],
	}
	rs := check.results with input as object.union(_input([]), {"collection_errors": [scope_error]})
	count(rs) == 0
}
