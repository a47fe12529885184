package attestkit.checks.aws.rds.instance_multi_az_test

import data.attestkit.checks.aws.rds.instance_multi_az as check

_db(name, config) := {
	"id": sprintf("arn:aws:rds:us-east-1:111122223333:db:%s", [name]),
	"type": "AWS::RDS::DBInstance",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"DBInstanceIdentifier": name, "Engine": "postgres", "AvailabilityZone": "us-east-1a"}, config),
	"errors": [],
}

_id(name) := sprintf("arn:aws:rds:us-east-1:111122223333:db:%s", [name])

_input(dbs) := {"resources": {"AWS::RDS::DBInstance": dbs}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_multi_az if {
	rs := check.results with input as _input([_db("ehr", {"MultiAZ": true, "SecondaryAvailabilityZone": "us-east-1b"})])
	_status(rs, _id("ehr")) == {"pass"}
}

test_fail_single_az if {
	rs := check.results with input as _input([_db("eu", {"MultiAZ": false})])
	_status(rs, _id("eu")) == {"fail"}
}

test_fail_flag_absent if {
	rs := check.results with input as _input([_db("odd", {})])
	_status(rs, _id("odd")) == {"fail"}
}

test_no_result_cluster_member_or_replica if {
	dbs := [
		_db("aurora-1", {"DBClusterIdentifier": "aurora", "MultiAZ": false}),
		_db("replica", {"ReadReplicaSourceDBInstanceIdentifier": "ehr", "MultiAZ": false}),
	]
	rs := check.results with input as _input(dbs)
	count(rs) == 0
}

test_no_result_without_instances if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

test_error_multiaz_known_after_apply if {
	planned := {"MultiAZ": "(known after apply)", "_terraform": {"unknown": ["MultiAZ"]}}
	rs := check.results with input as _input([_db("planned", planned)])
	_status(rs, _id("planned")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["MultiAZ"]
	startswith(r.message, "cannot judge before apply: MultiAZ known only after apply")
}
