package attestkit.checks.gcp.container.cluster_no_legacy_abac_test

import data.attestkit.checks.gcp.container.cluster_no_legacy_abac as check

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

test_pass_legacy_abac_empty_object if {
	rs := check.results with input as _input([_cluster("a", {"legacyAbac": {}})])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_legacy_abac_absent if {
	rs := check.results with input as _input([_cluster("a", {})])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_legacy_abac_false if {
	rs := check.results with input as _input([_cluster("a", {"legacyAbac": {"enabled": false}})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_legacy_abac_enabled if {
	rs := check.results with input as _input([_cluster("b", {"legacyAbac": {"enabled": true}})])
	_status(rs, _id("b")) == {"fail"}
	some r in rs
	r.evidence == {"legacyAbac.enabled": true}
}
