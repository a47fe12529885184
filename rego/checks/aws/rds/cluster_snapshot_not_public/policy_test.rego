package attestkit.checks.aws.rds.cluster_snapshot_not_public_test

import data.attestkit.checks.aws.rds.cluster_snapshot_not_public as check

_snapshot(name, restore, errors) := {
	"id": sprintf("arn:aws:rds:us-east-1:111122223333:cluster-snapshot:%s", [name]),
	"type": "AWS::RDS::DBClusterSnapshot",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"DBClusterSnapshotIdentifier": name, "SnapshotType": "manual"}, _attributes(name, restore)),
	"errors": errors,
}

_attributes(_, null) := {}

_attributes(name, restore) := {"DBClusterSnapshotAttributesResult": {
	"DBClusterSnapshotIdentifier": name,
	"DBClusterSnapshotAttributes": [{"AttributeName": "restore", "AttributeValues": restore}],
}} if restore != null

_id(name) := sprintf("arn:aws:rds:us-east-1:111122223333:cluster-snapshot:%s", [name])

_input(snapshots) := {"resources": {"AWS::RDS::DBClusterSnapshot": snapshots}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "rds:DescribeDBClusterSnapshotAttributes", "code": "AccessDenied", "message": "denied"}]

test_pass_private if {
	rs := check.results with input as _input([_snapshot("before-upgrade", [], [])])
	_status(rs, _id("before-upgrade")) == {"pass"}
}

test_pass_shared_with_named_accounts if {
	rs := check.results with input as _input([_snapshot("dr-copy", ["210987654321", "444455556666"], [])])
	_status(rs, _id("dr-copy")) == {"pass"}
}

test_fail_public if {
	rs := check.results with input as _input([_snapshot("share", ["all"], [])])
	_status(rs, _id("share")) == {"fail"}
}

test_error_attributes_unreadable if {
	rs := check.results with input as _input([_snapshot("unknown", null, _denied)])
	_status(rs, _id("unknown")) == {"error"}
}

test_pass_unrelated_read_error_ignored if {
	errors := [{"api": "rds:ListTagsForResource", "code": "AccessDenied", "message": "denied"}]
	rs := check.results with input as _input([_snapshot("tagged", [], errors)])
	_status(rs, _id("tagged")) == {"pass"}
}

test_no_result_without_snapshots if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
