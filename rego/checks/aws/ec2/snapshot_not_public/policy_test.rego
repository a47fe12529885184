package attestkit.checks.aws.ec2.snapshot_not_public_test

import data.attestkit.checks.aws.ec2.snapshot_not_public as check

_id(name) := sprintf("arn:aws:ec2:us-east-1:111122223333:snapshot/%s", [name])

_snapshot(name, permissions, errors) := {
	"id": _id(name),
	"type": "AWS::EC2::Snapshot",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"SnapshotId": name, "OwnerId": "111122223333", "Encrypted": true}, permissions),
	"errors": errors,
}

_input(snapshots) := {"resources": {"AWS::EC2::Snapshot": snapshots}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "ec2:DescribeSnapshotAttribute", "code": "UnauthorizedOperation", "message": "denied"}]

test_pass_not_shared if {
	rs := check.results with input as _input([_snapshot("snap-1", {"CreateVolumePermissions": []}, [])])
	_status(rs, _id("snap-1")) == {"pass"}
}

test_pass_shared_with_one_account if {
	permissions := {"CreateVolumePermissions": [{"UserId": "444455556666"}]}
	rs := check.results with input as _input([_snapshot("snap-1", permissions, [])])
	_status(rs, _id("snap-1")) == {"pass"}
	some r in rs
	r.message == "shared with account(s) 444455556666 only"
}

test_fail_public if {
	rs := check.results with input as _input([_snapshot("snap-2", {"CreateVolumePermissions": [{"Group": "all"}]}, [])])
	_status(rs, _id("snap-2")) == {"fail"}
}

test_fail_public_and_shared if {
	permissions := {"CreateVolumePermissions": [{"UserId": "444455556666"}, {"Group": "all"}]}
	rs := check.results with input as _input([_snapshot("snap-2", permissions, [])])
	_status(rs, _id("snap-2")) == {"fail"}
}

test_error_attribute_unreadable if {
	rs := check.results with input as _input([_snapshot("snap-3", {}, _denied)])
	_status(rs, _id("snap-3")) == {"error"}
}

test_each_snapshot_gets_exactly_one_status if {
	snapshots := [
		_snapshot("private", {"CreateVolumePermissions": []}, []),
		_snapshot("public", {"CreateVolumePermissions": [{"Group": "all"}]}, []),
		_snapshot("unreadable", {}, _denied),
	]
	rs := check.results with input as _input(snapshots)
	expected := {"private": "pass", "public": "fail", "unreadable": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

test_no_result_without_snapshots if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
