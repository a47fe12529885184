package attestkit.checks.gcp.container.cluster_private_test

import data.attestkit.checks.gcp.container.cluster_private as check

_id(name) := sprintf("//container.googleapis.com/projects/carebridge-prod/locations/us-central1/clusters/%s", [name])

_cluster(name, extra) := {
	"id": _id(name),
	"type": "container.googleapis.com/Cluster",
	"account": "carebridge-prod",
	"region": "us-central1",
	"config": object.union({"name": name, "status": "RUNNING"}, extra),
	"errors": [],
}

_input(clusters) := {"resources": {"container.googleapis.com/Cluster": clusters}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_judge(extra) := s if {
	rs := check.results with input as _input([_cluster("c", extra)])
	s := _status(rs, _id("c"))
}

_authorized(cidrs) := {"masterAuthorizedNetworksConfig": {"enabled": true, "cidrBlocks": [{"cidrBlock": c} | some c in cidrs]}}

test_pass_private_nodes_and_endpoint if {
	_judge({"privateClusterConfig": {"enablePrivateNodes": true, "enablePrivateEndpoint": true}}) == {"pass"}
}

test_pass_private_nodes_authorized_networks if {
	_judge(object.union({"privateClusterConfig": {"enablePrivateNodes": true}}, _authorized(["203.0.113.0/24"]))) == {"pass"}
}

test_pass_network_config_private_nodes_public_endpoint_off if {
	_judge({"networkConfig": {"defaultEnablePrivateNodes": true}, "controlPlaneEndpointsConfig": {"ipEndpointsConfig": {"enablePublicEndpoint": false}}}) == {"pass"}
}

test_fail_public_nodes if {
	_judge(_authorized(["203.0.113.0/24"])) == {"fail"}
}

test_fail_open_control_plane if {
	_judge({"privateClusterConfig": {"enablePrivateNodes": true}, "masterAuthorizedNetworksConfig": {}}) == {"fail"}
}

test_fail_authorized_networks_include_world if {
	_judge(object.union({"privateClusterConfig": {"enablePrivateNodes": true}}, _authorized(["10.0.0.0/8", "0.0.0.0/0"]))) == {"fail"}
}

test_fail_nothing_set_names_both_gaps if {
	rs := check.results with input as _input([_cluster("c", {})])
	some r in rs
	r.message == "nodes have public IP addresses; control plane endpoint open to the internet"
}

# A Terraform plan writes a range known only after apply as the sentinel.
_planned(extra) := object.union(_cluster("p", extra), {"id": "google_container_cluster.p"})

test_error_authorized_range_known_after_apply if {
	rs := check.results with input as _input([_planned(object.union({"privateClusterConfig": {"enablePrivateNodes": true}}, _authorized(["203.0.113.0/24", "(known after apply)"])))])
	_status(rs, "google_container_cluster.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["masterAuthorizedNetworksConfig.cidrBlocks[].cidrBlock"]
	r.message == "cannot judge before apply: masterAuthorizedNetworksConfig.cidrBlocks[].cidrBlock known only after apply; judge the applied resource"
}

test_fail_world_range_beside_one_known_after_apply if {
	rs := check.results with input as _input([_planned(object.union({"privateClusterConfig": {"enablePrivateNodes": true}}, _authorized(["0.0.0.0/0", "(known after apply)"])))])
	_status(rs, "google_container_cluster.p") == {"fail"}
}

test_fail_public_nodes_range_known_after_apply if {
	rs := check.results with input as _input([_planned(_authorized(["(known after apply)"]))])
	_status(rs, "google_container_cluster.p") == {"fail"}
}

test_pass_private_endpoint_range_known_after_apply if {
	rs := check.results with input as _input([_planned(object.union({"privateClusterConfig": {"enablePrivateNodes": true, "enablePrivateEndpoint": true}}, _authorized(["(known after apply)"])))])
	_status(rs, "google_container_cluster.p") == {"pass"}
}

_unknown := "(known after apply)"

_listed(extra, unknown) := object.union(_cluster("p", extra), {
	"id": "google_container_cluster.p",
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "a value is known only after apply"}],
})

test_error_private_nodes_known_after_apply if {
	extra := {"privateClusterConfig": {"enablePrivateNodes": _unknown, "enablePrivateEndpoint": true}}
	rs := check.results with input as _input([_listed(extra, ["privateClusterConfig.enablePrivateNodes"])])
	_status(rs, "google_container_cluster.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["privateClusterConfig.enablePrivateNodes"]
	r.message == "cannot judge before apply: privateClusterConfig.enablePrivateNodes known only after apply; judge the applied resource"
}

test_error_private_endpoint_known_after_apply if {
	extra := {"privateClusterConfig": {"enablePrivateNodes": true, "enablePrivateEndpoint": _unknown}}
	rs := check.results with input as _input([_listed(extra, ["privateClusterConfig.enablePrivateEndpoint"])])
	_status(rs, "google_container_cluster.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["privateClusterConfig.enablePrivateEndpoint"]
}

test_error_private_endpoint_known_after_apply_beside_world_range if {
	extra := object.union({"privateClusterConfig": {"enablePrivateNodes": true, "enablePrivateEndpoint": _unknown}}, _authorized(["0.0.0.0/0"]))
	rs := check.results with input as _input([_listed(extra, ["privateClusterConfig.enablePrivateEndpoint"])])
	_status(rs, "google_container_cluster.p") == {"error"}
}

test_error_both_flags_known_after_apply if {
	extra := {"privateClusterConfig": {"enablePrivateNodes": _unknown, "enablePrivateEndpoint": _unknown}}
	rs := check.results with input as _input([_listed(extra, ["privateClusterConfig.enablePrivateEndpoint", "privateClusterConfig.enablePrivateNodes"])])
	_status(rs, "google_container_cluster.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["privateClusterConfig.enablePrivateEndpoint", "privateClusterConfig.enablePrivateNodes"]
}

test_fail_public_nodes_whatever_the_endpoint_turns_out if {
	extra := {"privateClusterConfig": {"enablePrivateNodes": false, "enablePrivateEndpoint": _unknown}}
	rs := check.results with input as _input([_listed(extra, ["privateClusterConfig.enablePrivateEndpoint"])])
	_status(rs, "google_container_cluster.p") == {"fail"}
}

test_fail_open_control_plane_whatever_the_nodes_turn_out if {
	extra := {"privateClusterConfig": {"enablePrivateNodes": _unknown, "enablePrivateEndpoint": false}}
	rs := check.results with input as _input([_listed(extra, ["privateClusterConfig.enablePrivateNodes"])])
	_status(rs, "google_container_cluster.p") == {"fail"}
}

test_pass_authorized_ranges_decide_over_endpoint_known_after_apply if {
	extra := object.union({"privateClusterConfig": {"enablePrivateNodes": true, "enablePrivateEndpoint": _unknown}}, _authorized(["203.0.113.0/24"]))
	rs := check.results with input as _input([_listed(extra, ["privateClusterConfig.enablePrivateEndpoint"])])
	_status(rs, "google_container_cluster.p") == {"pass"}
	some r in rs
	r.evidence.known_after_apply == ["privateClusterConfig.enablePrivateEndpoint"]
}
