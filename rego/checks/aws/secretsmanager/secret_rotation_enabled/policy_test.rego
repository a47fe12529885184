package attestkit.checks.aws.secretsmanager.secret_rotation_enabled_test

import data.attestkit.checks.aws.secretsmanager.secret_rotation_enabled as check

_secret(name, config) := {
	"id": sprintf("arn:aws:secretsmanager:us-east-1:111122223333:secret:%s-AbCdEf", [name]),
	"type": "AWS::SecretsManager::Secret",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"Name": name, "CreatedDate": "2026-01-02T03:04:05Z"}, config),
	"errors": [],
}

_id(name) := sprintf("arn:aws:secretsmanager:us-east-1:111122223333:secret:%s-AbCdEf", [name])

_input(secrets) := {"resources": {"AWS::SecretsManager::Secret": secrets}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_rotation_on if {
	config := {"RotationEnabled": true, "RotationRules": {"AutomaticallyAfterDays": 30}, "LastRotatedDate": "2026-11-01T00:00:00Z"}
	rs := check.results with input as _input([_secret("db", config)])
	_status(rs, _id("db")) == {"pass"}
	some r in rs
	r.message == "rotation on (every 30 days), last rotated 2026-11-01T00:00:00Z"
}

test_pass_schedule_expression if {
	config := {"RotationEnabled": true, "RotationRules": {"ScheduleExpression": "rate(4 hours)"}}
	rs := check.results with input as _input([_secret("token", config)])
	_status(rs, _id("token")) == {"pass"}
}

test_fail_rotation_off if {
	rs := check.results with input as _input([_secret("fax-api-key", {})])
	_status(rs, _id("fax-api-key")) == {"fail"}
	some r in rs
	r.evidence == {"RotationEnabled": null, "RotationRules": null, "LastRotatedDate": null, "NextRotationDate": null}
}

test_fail_rotation_turned_off_after_rotating if {
	rs := check.results with input as _input([_secret("sftp", {"RotationEnabled": false, "LastRotatedDate": "2025-01-01T00:00:00Z"})])
	_status(rs, _id("sftp")) == {"fail"}
}

test_no_result_without_secrets if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
