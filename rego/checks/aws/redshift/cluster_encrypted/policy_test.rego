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

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
test_error_encrypted_known_after_apply if {
	planned := {"Encrypted": "(known after apply)", "_terraform": {"unknown": ["Encrypted"]}}
	rs := check.results with input as _input([_cluster("warehouse", planned)])
	_status(rs, _id("warehouse")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["Encrypted"]
	startswith(r.message, "cannot judge before apply: Encrypted")
}

test_pass_other_value_known_after_apply if {
	planned := {"Encrypted": true, "PubliclyAccessible": "(known after apply)", "_terraform": {"unknown": ["PubliclyAccessible"]}}
	rs := check.results with input as _input([_cluster("warehouse", planned)])
	_status(rs, _id("warehouse")) == {"pass"}
}
