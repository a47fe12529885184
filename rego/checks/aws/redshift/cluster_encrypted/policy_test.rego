package attestkit.checks.aws.redshift.cluster_encrypted_test

import data.attestkit.checks.aws.redshift.cluster_encrypted as check

_id(name) := sprintf("arn:aws:redshift:us-east-1:111122223333:cluster:%s", [name])

_cluster(name, config) := {
	"id": _id(name),
	"type": "AWS::Redshift::Cluster",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"ClusterIdentifier": name, "PubliclyAccessible": false}, config),
	"errors": [],
}

_input(clusters) := {"resources": {"AWS::Redshift::Cluster": clusters}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_encrypted if {
	config := {"Encrypted": true, "KmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/k"}
	rs := check.results with input as _input([_cluster("dw", config)])
	_status(rs, _id("dw")) == {"pass"}
}

test_fail_unencrypted if {
	rs := check.results with input as _input([_cluster("dw", {"Encrypted": false})])
	_status(rs, _id("dw")) == {"fail"}
	some r in rs
	r.evidence == {"Encrypted": false, "KmsKeyId": null}
}

test_fail_flag_missing if {
	rs := check.results with input as _input([_cluster("dw", {})])
	_status(rs, _id("dw")) == {"fail"}
}

test_each_cluster_gets_exactly_one_status if {
	rs := check.results with input as _input([_cluster("a", {"Encrypted": true}), _cluster("b", {"Encrypted": false})])
	_status(rs, _id("a")) == {"pass"}
	_status(rs, _id("b")) == {"fail"}
	count(rs) == 2
}

test_no_result_without_clusters if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
