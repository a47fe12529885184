package attestkit.checks.aws.rds.cluster_deletion_protection_test

import data.attestkit.checks.aws.rds.cluster_deletion_protection as check

_cluster(name, config) := {
	"id": sprintf("arn:aws:rds:us-east-1:111122223333:cluster:%s", [name]),
	"type": "AWS::RDS::DBCluster",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"DBClusterIdentifier": name, "Engine": "aurora-mysql"}, config),
	"errors": [],
}

_id(name) := sprintf("arn:aws:rds:us-east-1:111122223333:cluster:%s", [name])

_input(clusters) := {"resources": {"AWS::RDS::DBCluster": clusters}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_protected if {
	rs := check.results with input as _input([_cluster("scheduling", {"DeletionProtection": true})])
	_status(rs, _id("scheduling")) == {"pass"}
}

test_fail_unprotected if {
	rs := check.results with input as _input([_cluster("video", {"DeletionProtection": false})])
	_status(rs, _id("video")) == {"fail"}
}

test_fail_flag_absent if {
	rs := check.results with input as _input([_cluster("odd", {})])
	_status(rs, _id("odd")) == {"fail"}
}

test_no_result_without_clusters if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
