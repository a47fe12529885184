package attestkit.checks.aws.redshift.cluster_not_public_test

import data.attestkit.checks.aws.redshift.cluster_not_public as check

_id(name) := sprintf("arn:aws:redshift:us-east-1:111122223333:cluster:%s", [name])

_cluster(name, config) := {
	"id": _id(name),
	"type": "AWS::Redshift::Cluster",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"ClusterIdentifier": name, "Encrypted": true}, config),
	"errors": [],
}

_input(clusters) := {"resources": {"AWS::Redshift::Cluster": clusters}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_private if {
	rs := check.results with input as _input([_cluster("dw", {"PubliclyAccessible": false})])
	_status(rs, _id("dw")) == {"pass"}
}

test_fail_public if {
	config := {"PubliclyAccessible": true, "Endpoint": {"Address": "dw.abc.us-east-1.redshift.amazonaws.com", "Port": 5439}}
	rs := check.results with input as _input([_cluster("dw", config)])
	_status(rs, _id("dw")) == {"fail"}
	some r in rs
	r.evidence["Endpoint.Address"] == "dw.abc.us-east-1.redshift.amazonaws.com"
}

test_fail_flag_missing if {
	rs := check.results with input as _input([_cluster("dw", {})])
	_status(rs, _id("dw")) == {"fail"}
}

test_each_cluster_gets_exactly_one_status if {
	rs := check.results with input as _input([_cluster("a", {"PubliclyAccessible": false}), _cluster("b", {"PubliclyAccessible": true})])
	_status(rs, _id("a")) == {"pass"}
	_status(rs, _id("b")) == {"fail"}
	count(rs) == 2
}

test_no_result_without_clusters if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
test_error_publicly_accessible_known_after_apply if {
	planned := {"PubliclyAccessible": "(known after apply)", "_terraform": {"unknown": ["PubliclyAccessible"]}}
	rs := check.results with input as _input([_cluster("warehouse", planned)])
	_status(rs, _id("warehouse")) == {"error"}
	some r in rs
	r.evidence == {"PubliclyAccessible": "(known after apply)", "Endpoint.Address": null, "known_after_apply": ["PubliclyAccessible"]}
	startswith(r.message, "cannot judge before apply: PubliclyAccessible")
}
