package attestkit.checks.aws.rds.snapshot_not_public_test

import data.attestkit.checks.aws.rds.snapshot_not_public as check

_snapshot(name, restore, errors) := {
	"id": sprintf("arn:aws:rds:us-east-1:111122223333:snapshot:%s", [name]),
	"type": "AWS::RDS::DBSnapshot",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"DBSnapshotIdentifier": name, "SnapshotType": "manual", "Encrypted": false}, _attributes(name, restore)),
	"errors": errors,
}

_attributes(_, null) := {}

_attributes(name, restore) := {"DBSnapshotAttributesResult": {
	"DBSnapshotIdentifier": name,
	"DBSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": restore}],
}} if restore != null

_id(name) := sprintf("arn:aws:rds:us-east-1:111122223333:snapshot:%s", [name])

_input(snapshots) := {"resources": {"AWS::RDS::DBSnapshot": snapshots}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "rds:DescribeDBSnapshotAttributes", "code": "AccessDenied", "message": "denied"}]

test_pass_private if {
	rs := check.results with input as _input([_snapshot("pre-migration", [], [])])
	_status(rs, _id("pre-migration")) == {"pass"}
}

test_pass_shared_with_one_account if {
	rs := check.results with input as _input([_snapshot("for-partner", ["210987654321"], [])])
	_status(rs, _id("for-partner")) == {"pass"}
}

test_fail_public if {
	rs := check.results with input as _input([_snapshot("export", ["all"], [])])
	_status(rs, _id("export")) == {"fail"}
	some r in rs
	r.evidence == {"DBSnapshotAttributesResult.DBSnapshotAttributes[restore].AttributeValues": ["all"]}
}

test_fail_public_and_shared if {
	rs := check.results with input as _input([_snapshot("export", ["210987654321", "all"], [])])
	_status(rs, _id("export")) == {"fail"}
}

test_error_attributes_unreadable if {
	rs := check.results with input as _input([_snapshot("unknown", null, _denied)])
	_status(rs, _id("unknown")) == {"error"}
}

test_each_snapshot_gets_exactly_one_status if {
	snapshots := [_snapshot("a", [], []), _snapshot("b", ["all"], []), _snapshot("c", null, _denied)]
	rs := check.results with input as _input(snapshots)
	expected := {"a": "pass", "b": "fail", "c": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

test_no_result_without_snapshots if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
