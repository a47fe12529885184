package attestkit.checks.aws.dynamodb.table_point_in_time_recovery_test

import data.attestkit.checks.aws.dynamodb.table_point_in_time_recovery as check

_table(name, pitr, errors) := {
	"id": sprintf("arn:aws:dynamodb:us-east-1:111122223333:table/%s", [name]),
	"type": "AWS::DynamoDB::Table",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"TableName": name, "Table": {"TableName": name, "TableStatus": "ACTIVE"}}, _backups(pitr)),
	"errors": errors,
}

_backups(null) := {}

_backups(pitr) := {"ContinuousBackupsDescription": {"ContinuousBackupsStatus": "ENABLED", "PointInTimeRecoveryDescription": pitr}} if pitr != null

_id(name) := sprintf("arn:aws:dynamodb:us-east-1:111122223333:table/%s", [name])

_input(tables) := {"resources": {"AWS::DynamoDB::Table": tables}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_pitr_enabled if {
	rs := check.results with input as _input([_table("appointments", {"PointInTimeRecoveryStatus": "ENABLED", "RecoveryPeriodInDays": 35}, [])])
	_status(rs, _id("appointments")) == {"pass"}
}

test_fail_pitr_disabled if {
	rs := check.results with input as _input([_table("sessions", {"PointInTimeRecoveryStatus": "DISABLED"}, [])])
	_status(rs, _id("sessions")) == {"fail"}
	some r in rs
	r.evidence["ContinuousBackupsDescription.PointInTimeRecoveryDescription.PointInTimeRecoveryStatus"] == "DISABLED"
}

test_fail_pitr_description_absent if {
	rs := check.results with input as _input([_table("odd", {}, [])])
	_status(rs, _id("odd")) == {"fail"}
}

test_error_continuous_backups_unreadable if {
	errors := [{"api": "dynamodb:DescribeContinuousBackups", "code": "AccessDeniedException", "message": "denied"}]
	rs := check.results with input as _input([_table("unknown", null, errors)])
	_status(rs, _id("unknown")) == {"error"}
}

test_pass_unrelated_read_error_ignored if {
	errors := [{"api": "dynamodb:DescribeTable", "code": "AccessDeniedException", "message": "denied"}]
	rs := check.results with input as _input([_table("appointments", {"PointInTimeRecoveryStatus": "ENABLED"}, errors)])
	_status(rs, _id("appointments")) == {"pass"}
}

test_no_result_without_tables if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
