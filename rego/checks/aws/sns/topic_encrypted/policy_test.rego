package attestkit.checks.aws.sns.topic_encrypted_test

import data.attestkit.checks.aws.sns.topic_encrypted as check

_topic(name, attributes, errors) := {
	"id": sprintf("arn:aws:sns:us-east-1:111122223333:%s", [name]),
	"type": "AWS::SNS::Topic",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"TopicArn": sprintf("arn:aws:sns:us-east-1:111122223333:%s", [name])}, _with(attributes)),
	"errors": errors,
}

_with(null) := {}

_with(attributes) := {"Attributes": object.union({"Owner": "111122223333", "DisplayName": ""}, attributes)} if attributes != null

_id(name) := sprintf("arn:aws:sns:us-east-1:111122223333:%s", [name])

_input(topics) := {"resources": {"AWS::SNS::Topic": topics}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_customer_key if {
	rs := check.results with input as _input([_topic("reminders", {"KmsMasterKeyId": "arn:aws:kms:us-east-1:111122223333:key/k"}, [])])
	_status(rs, _id("reminders")) == {"pass"}
}

test_pass_aws_managed_key if {
	rs := check.results with input as _input([_topic("events", {"KmsMasterKeyId": "alias/aws/sns"}, [])])
	_status(rs, _id("events")) == {"pass"}
}

test_fail_unencrypted if {
	rs := check.results with input as _input([_topic("alerts", {}, [])])
	_status(rs, _id("alerts")) == {"fail"}
	some r in rs
	r.evidence == {"Attributes.KmsMasterKeyId": null}
}

test_fail_empty_key if {
	rs := check.results with input as _input([_topic("cleared", {"KmsMasterKeyId": ""}, [])])
	_status(rs, _id("cleared")) == {"fail"}
}

test_error_attributes_unreadable if {
	rs := check.results with input as _input([_topic("unknown", null, [{"api": "sns:GetTopicAttributes", "code": "AuthorizationError", "message": "denied"}])])
	_status(rs, _id("unknown")) == {"error"}
}
