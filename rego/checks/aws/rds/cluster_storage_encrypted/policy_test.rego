package attestkit.checks.aws.rds.cluster_storage_encrypted_test

import data.attestkit.checks.aws.rds.cluster_storage_encrypted as check

_cluster(name, config) := {
	"id": sprintf("arn:aws:rds:us-east-1:111122223333:cluster:%s", [name]),
	"type": "AWS::RDS::DBCluster",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"DBClusterIdentifier": name, "Engine": "aurora-postgresql"}, config),
	"errors": [],
}

_id(name) := sprintf("arn:aws:rds:us-east-1:111122223333:cluster:%s", [name])

_input(clusters) := {"resources": {"AWS::RDS::DBCluster": clusters}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_encrypted if {
	rs := check.results with input as _input([_cluster("scheduling", {"StorageEncrypted": true, "KmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/k"})])
	_status(rs, _id("scheduling")) == {"pass"}
}

test_fail_unencrypted if {
	rs := check.results with input as _input([_cluster("video", {"StorageEncrypted": false})])
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

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
test_error_storage_encrypted_known_after_apply if {
	planned := {"StorageEncrypted": "(known after apply)", "_terraform": {"unknown": ["StorageEncrypted"]}}
	rs := check.results with input as _input([_cluster("reporting", planned)])
	_status(rs, _id("reporting")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["StorageEncrypted"]
	startswith(r.message, "cannot judge before apply: StorageEncrypted")
}
