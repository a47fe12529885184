package attestkit.checks.aws.dynamodb.table_encrypted_with_kms_test

import data.attestkit.checks.aws.dynamodb.table_encrypted_with_kms as check

_key := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

_table(name, table, errors) := {
	"id": sprintf("arn:aws:dynamodb:us-east-1:111122223333:table/%s", [name]),
	"type": "AWS::DynamoDB::Table",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"TableName": name}, _described(name, table)),
	"errors": errors,
}

_described(_, null) := {}

_described(name, table) := {"Table": object.union({"TableName": name, "TableStatus": "ACTIVE"}, table)} if table != null

_id(name) := sprintf("arn:aws:dynamodb:us-east-1:111122223333:table/%s", [name])

_input(tables) := {"resources": {"AWS::DynamoDB::Table": tables}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_customer_managed_key if {
	table := {"SSEDescription": {"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": _key}}
	rs := check.results with input as _input([_table("appointments", table, [])])
	_status(rs, _id("appointments")) == {"pass"}
}

test_pass_key_being_updated if {
	table := {"SSEDescription": {"Status": "UPDATING", "SSEType": "KMS", "KMSMasterKeyArn": _key}}
	rs := check.results with input as _input([_table("rekeying", table, [])])
	_status(rs, _id("rekeying")) == {"pass"}
}

test_fail_aws_owned_key if {
	rs := check.results with input as _input([_table("sessions", {}, [])])
	_status(rs, _id("sessions")) == {"fail"}
	some r in rs
	r.message == "encrypted only with an AWS owned key (no KMS key)"
}

test_fail_kms_being_disabled if {
	table := {"SSEDescription": {"Status": "DISABLING", "SSEType": "KMS", "KMSMasterKeyArn": _key}}
	rs := check.results with input as _input([_table("going", table, [])])
	_status(rs, _id("going")) == {"fail"}
}

test_error_table_not_described if {
	errors := [{"api": "dynamodb:DescribeTable", "code": "AccessDeniedException", "message": "denied"}]
	rs := check.results with input as _input([_table("unknown", null, errors)])
	_status(rs, _id("unknown")) == {"error"}
}

test_no_result_without_tables if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
