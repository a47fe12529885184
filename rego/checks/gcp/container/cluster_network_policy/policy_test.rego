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
