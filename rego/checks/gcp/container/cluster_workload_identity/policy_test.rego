package attestkit.checks.gcp.container.cluster_workload_identity_test

import data.attestkit.checks.gcp.container.cluster_workload_identity as check

_id(name) := sprintf("//container.googleapis.com/projects/carebridge-prod/locations/us-central1/clusters/%s", [name])

_cluster(name, extra) := {
	"id": _id(name),
	"type": "container.googleapis.com/Cluster",
	"account": "carebridge-prod",
	"region": "us-central1",
	"config": object.union({"name": name}, extra),
	"errors": [],
}

_input(clusters) := {"resources": {"container.googleapis.com/Cluster": clusters}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_judge(extra) := s if {
	rs := check.results with input as _input([_cluster("c", extra)])
	s := _status(rs, _id("c"))
}

_wi := {"workloadIdentityConfig": {"workloadPool": "carebridge-prod.svc.id.goog"}}

test_pass_workload_pool if {
	_judge(_wi) == {"pass"}
}

test_pass_node_pools_use_gke_metadata if {
	pools := [{"name": "default", "config": {"workloadMetadataConfig": {"mode": "GKE_METADATA"}}}, {"name": "gpu", "config": {}}]
	_judge(object.union(_wi, {"nodePools": pools})) == {"pass"}
}

test_fail_no_workload_identity if {
	_judge({}) == {"fail"}
}

test_fail_empty_workload_pool if {
	_judge({"workloadIdentityConfig": {"workloadPool": ""}}) == {"fail"}
}

test_fail_node_pool_opts_out if {
	pools := [{"name": "legacy", "config": {"workloadMetadataConfig": {"mode": "GCE_METADATA"}}}]
	rs := check.results with input as _input([_cluster("c", object.union(_wi, {"nodePools": pools}))])
	_status(rs, _id("c")) == {"fail"}
	some r in rs
	r.message == "node pools expose the node metadata server: legacy"
}

_unknown_mode := {"name": "batch", "config": {"workloadMetadataConfig": {"mode": "(known after apply)"}}}

_planned := {"_terraform": {"unknown": ["nodePools[].config.workloadMetadataConfig.mode"]}}

test_error_pool_mode_known_after_apply if {
	rs := check.results with input as _input([_cluster("c", object.union(_wi, object.union(_planned, {"nodePools": [_unknown_mode]})))])
	_status(rs, _id("c")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["nodePools[].config.workloadMetadataConfig.mode"]
}

test_fail_a_pool_known_to_opt_out_beside_an_unknown_one if {
	opted := {"name": "legacy", "config": {"workloadMetadataConfig": {"mode": "GCE_METADATA"}}}
	_judge(object.union(_wi, object.union(_planned, {"nodePools": [_unknown_mode, opted]}))) == {"fail"}
}

test_fail_no_workload_pool_whatever_the_pools if {
	_judge(object.union(_planned, {"nodePools": [_unknown_mode]})) == {"fail"}
}
