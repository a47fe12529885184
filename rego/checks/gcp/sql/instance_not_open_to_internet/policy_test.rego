package attestkit.checks.gcp.sql.instance_not_open_to_internet_test

import data.attestkit.checks.gcp.sql.instance_not_open_to_internet as check

_id(name) := sprintf("//cloudsql.googleapis.com/projects/carebridge-prod/instances/%s", [name])

_instance(name, ip) := {
	"id": _id(name),
	"type": "sqladmin.googleapis.com/Instance",
	"account": "carebridge-prod",
	"region": "us-central1",
	"config": {"name": name, "settings": {"ipConfiguration": ip}},
	"errors": [],
}

_nets(cidrs) := [{"value": c, "name": sprintf("n%d", [i]), "kind": "sql#aclEntry"} | some i, c in cidrs]

_input(instances) := {"resources": {"sqladmin.googleapis.com/Instance": instances}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_private_ip_only if {
	rs := check.results with input as _input([_instance("a", {"ipv4Enabled": false, "privateNetwork": "projects/p/global/networks/v"})])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_private_ip_with_stale_world_entry if {
	rs := check.results with input as _input([_instance("a", {"ipv4Enabled": false, "authorizedNetworks": _nets(["0.0.0.0/0"])})])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_public_ip_office_range if {
	rs := check.results with input as _input([_instance("a", {"ipv4Enabled": true, "authorizedNetworks": _nets(["198.51.100.0/24", "203.0.113.7/32"])})])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_public_ip_no_authorized_networks if {
	rs := check.results with input as _input([_instance("a", {"ipv4Enabled": true, "authorizedNetworks": null})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_world_open if {
	rs := check.results with input as _input([_instance("b", {"ipv4Enabled": true, "authorizedNetworks": _nets(["198.51.100.0/24", "0.0.0.0/0"])})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_world_open_other_zero_prefix if {
	rs := check.results with input as _input([_instance("b", {"ipv4Enabled": true, "authorizedNetworks": _nets(["128.0.0.0/0"])})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_evidence_lists_networks if {
	rs := check.results with input as _input([_instance("b", {"ipv4Enabled": true, "authorizedNetworks": _nets(["0.0.0.0/0"])})])
	some r in rs
	r.evidence == {"settings.ipConfiguration.ipv4Enabled": true, "settings.ipConfiguration.authorizedNetworks": ["0.0.0.0/0"]}
}
