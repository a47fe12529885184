package attestkit.checks.gcp.container.cluster_network_policy_test

import data.attestkit.checks.gcp.container.cluster_network_policy as check

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

test_pass_calico_enabled if {
	_judge({"networkPolicy": {"provider": "CALICO", "enabled": true}}) == {"pass"}
}

test_pass_dataplane_v2 if {
	_judge({"networkConfig": {"datapathProvider": "ADVANCED_DATAPATH"}}) == {"pass"}
}

test_pass_autopilot if {
	_judge({"autopilot": {"enabled": true}}) == {"pass"}
}

test_fail_addon_disabled if {
	_judge({"addonsConfig": {"networkPolicyConfig": {"disabled": true}}}) == {"fail"}
}

test_fail_network_policy_disabled if {
	_judge({"networkPolicy": {"provider": "CALICO"}, "networkConfig": {"datapathProvider": "LEGACY_DATAPATH"}}) == {"fail"}
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_unknown := "(known after apply)"

_planned(extra, unknown) := object.union(_cluster("p", extra), {
	"id": "google_container_cluster.p",
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "a value is known only after apply"}],
})

test_error_network_policy_known_after_apply if {
	rs := check.results with input as _input([_planned({"networkPolicy": {"enabled": _unknown, "provider": "CALICO"}}, ["networkPolicy.enabled"])])
	_status(rs, "google_container_cluster.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["networkPolicy.enabled"]
	r.message == "cannot judge before apply: networkPolicy.enabled known only after apply; judge the applied resource"
}

test_error_datapath_provider_known_after_apply if {
	rs := check.results with input as _input([_planned({"networkConfig": {"datapathProvider": _unknown}}, ["networkConfig.datapathProvider"])])
	_status(rs, "google_container_cluster.p") == {"error"}
}

test_pass_dataplane_v2_decides_over_network_policy_known_after_apply if {
	extra := {"networkPolicy": {"enabled": _unknown}, "networkConfig": {"datapathProvider": "ADVANCED_DATAPATH"}}
	rs := check.results with input as _input([_planned(extra, ["networkPolicy.enabled"])])
	_status(rs, "google_container_cluster.p") == {"pass"}
	some r in rs
	r.evidence.known_after_apply == ["networkPolicy.enabled"]
}

test_fail_nothing_known_after_apply_on_a_plan if {
	rs := check.results with input as _input([_planned({"networkPolicy": {"enabled": false}}, [])])
	_status(rs, "google_container_cluster.p") == {"fail"}
}
