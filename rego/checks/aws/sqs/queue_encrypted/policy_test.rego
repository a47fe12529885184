package attestkit.checks.aws.sqs.queue_encrypted_test

import data.attestkit.checks.aws.sqs.queue_encrypted as check

_queue(name, attributes, errors) := {
	"id": sprintf("arn:aws:sqs:us-east-1:111122223333:%s", [name]),
	"type": "AWS::SQS::Queue",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"QueueUrl": sprintf("https://sqs.us-east-1.amazonaws.com/111122223333/%s", [name])}, _with(attributes)),
	"errors": errors,
}

_with(null) := {}

_with(attributes) := {"Attributes": object.union({"VisibilityTimeout": "30"}, attributes)} if attributes != null

_id(name) := sprintf("arn:aws:sqs:us-east-1:111122223333:%s", [name])

_input(queues) := {"resources": {"AWS::SQS::Queue": queues}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_kms_key if {
	rs := check.results with input as _input([_queue("lab-results", {"KmsMasterKeyId": "arn:aws:kms:us-east-1:111122223333:key/k", "SqsManagedSseEnabled": "false"}, [])])
	_status(rs, _id("lab-results")) == {"pass"}
}

test_pass_sqs_managed if {
	rs := check.results with input as _input([_queue("intake", {"SqsManagedSseEnabled": "true"}, [])])
	_status(rs, _id("intake")) == {"pass"}
	some r in rs
	r.message == "encrypted with SQS managed keys (SSE-SQS)"
}

test_fail_sse_off if {
	rs := check.results with input as _input([_queue("fax", {"SqsManagedSseEnabled": "false"}, [])])
	_status(rs, _id("fax")) == {"fail"}
	some r in rs
	r.evidence == {"Attributes.KmsMasterKeyId": null, "Attributes.SqsManagedSseEnabled": "false"}
}

test_fail_no_encryption_attributes if {
	rs := check.results with input as _input([_queue("old", {}, [])])
	_status(rs, _id("old")) == {"fail"}
}

test_error_attributes_unreadable if {
	rs := check.results with input as _input([_queue("unknown", null, [{"api": "sqs:GetQueueAttributes", "code": "AccessDenied", "message": "denied"}])])
	_status(rs, _id("unknown")) == {"error"}
}
