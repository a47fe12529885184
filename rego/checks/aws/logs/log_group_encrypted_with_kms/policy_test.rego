package attestkit.checks.aws.logs.log_group_encrypted_with_kms_test

import data.attestkit.checks.aws.logs.log_group_encrypted_with_kms as check

_key := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

_group(name, config) := {
	"id": sprintf("arn:aws:logs:us-east-1:111122223333:log-group:%s", [name]),
	"type": "AWS::Logs::LogGroup",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"logGroupName": name, "retentionInDays": 365}, config),
	"errors": [],
}

_id(name) := sprintf("arn:aws:logs:us-east-1:111122223333:log-group:%s", [name])

_input(groups) := {"resources": {"AWS::Logs::LogGroup": groups}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_kms_key if {
	rs := check.results with input as _input([_group("/ehr/audit", {"kmsKeyId": _key})])
	_status(rs, _id("/ehr/audit")) == {"pass"}
}

test_fail_no_kms_key if {
	rs := check.results with input as _input([_group("/clinic/app", {})])
	_status(rs, _id("/clinic/app")) == {"fail"}
	some r in rs
	r.evidence == {"kmsKeyId": null}
}

test_fail_empty_kms_key if {
	rs := check.results with input as _input([_group("/odd", {"kmsKeyId": ""})])
	_status(rs, _id("/odd")) == {"fail"}
}

test_no_result_without_groups if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
