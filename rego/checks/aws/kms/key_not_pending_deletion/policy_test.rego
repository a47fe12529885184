package attestkit.checks.aws.kms.key_not_pending_deletion_test

import data.attestkit.checks.aws.kms.key_not_pending_deletion as check

_key(name, metadata, errors) := {
	"id": sprintf("arn:aws:kms:us-east-1:111122223333:key/%s", [name]),
	"type": "AWS::KMS::Key",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"KeyId": name}, _described(metadata)),
	"errors": errors,
}

_described(null) := {}

_described(metadata) := {"KeyMetadata": object.union({"KeyManager": "CUSTOMER", "KeySpec": "SYMMETRIC_DEFAULT"}, metadata)} if metadata != null

_id(name) := sprintf("arn:aws:kms:us-east-1:111122223333:key/%s", [name])

_input(keys) := {"resources": {"AWS::KMS::Key": keys}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_enabled if {
	rs := check.results with input as _input([_key("phi", {"KeyState": "Enabled"}, [])])
	_status(rs, _id("phi")) == {"pass"}
}

test_pass_disabled if {
	rs := check.results with input as _input([_key("paused", {"KeyState": "Disabled"}, [])])
	_status(rs, _id("paused")) == {"pass"}
}

test_fail_pending_deletion if {
	metadata := {"KeyState": "PendingDeletion", "DeletionDate": "2026-12-28T00:00:00Z", "PendingDeletionWindowInDays": 30}
	rs := check.results with input as _input([_key("legacy", metadata, [])])
	_status(rs, _id("legacy")) == {"fail"}
	some r in rs
	r.message == "scheduled for deletion on 2026-12-28T00:00:00Z"
}

test_fail_replica_pending_deletion if {
	rs := check.results with input as _input([_key("replica", {"KeyState": "PendingReplicaDeletion"}, [])])
	_status(rs, _id("replica")) == {"fail"}
}

test_fail_state_absent if {
	rs := check.results with input as _input([_key("odd", {}, [])])
	_status(rs, _id("odd")) == {"fail"}
}

test_error_key_not_described if {
	rs := check.results with input as _input([_key("unknown", null, [{"api": "kms:DescribeKey", "code": "AccessDeniedException", "message": "denied"}])])
	_status(rs, _id("unknown")) == {"error"}
}

test_no_result_aws_managed_key if {
	rs := check.results with input as _input([_key("aws-s3", {"KeyManager": "AWS", "KeyState": "PendingDeletion"}, [])])
	count(rs) == 0
}
