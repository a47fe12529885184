package attestkit.checks.aws.rds.instance_deletion_protection_test

import data.attestkit.checks.aws.rds.instance_deletion_protection as check

_db(name, config) := {
	"id": sprintf("arn:aws:rds:us-east-1:111122223333:db:%s", [name]),
	"type": "AWS::RDS::DBInstance",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"DBInstanceIdentifier": name, "Engine": "postgres"}, config),
	"errors": [],
}

_id(name) := sprintf("arn:aws:rds:us-east-1:111122223333:db:%s", [name])

_input(dbs) := {"resources": {"AWS::RDS::DBInstance": dbs}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_protected if {
	rs := check.results with input as _input([_db("ehr", {"DeletionProtection": true})])
	_status(rs, _id("ehr")) == {"pass"}
}

test_fail_unprotected if {
	rs := check.results with input as _input([_db("reports", {"DeletionProtection": false})])
	_status(rs, _id("reports")) == {"fail"}
}

test_fail_flag_absent if {
	rs := check.results with input as _input([_db("odd", {})])
	_status(rs, _id("odd")) == {"fail"}
}

test_no_result_cluster_member if {
	rs := check.results with input as _input([_db("aurora-1", {"DBClusterIdentifier": "aurora", "DeletionProtection": false})])
	_status(rs, _id("aurora-1")) == set()
}

test_no_result_without_instances if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

test_error_deletionprotection_known_after_apply if {
	planned := {"DeletionProtection": "(known after apply)", "_terraform": {"unknown": ["DeletionProtection"]}}
	rs := check.results with input as _input([_db("planned", planned)])
	_status(rs, _id("planned")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["DeletionProtection"]
	startswith(r.message, "cannot judge before apply: DeletionProtection known only after apply")
}
