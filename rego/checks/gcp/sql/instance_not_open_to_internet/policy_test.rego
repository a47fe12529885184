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

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned(ip, unknown) := object.union(_instance("p", ip), {
	"id": "google_sql_database_instance.p",
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "a value is known only after apply"}],
})

_net_path := "settings.ipConfiguration.authorizedNetworks[].value"

_ipv4_path := "settings.ipConfiguration.ipv4Enabled"

test_error_authorized_network_known_after_apply if {
	ip := {"ipv4Enabled": true, "authorizedNetworks": _nets(["198.51.100.0/24", "(known after apply)"])}
	rs := check.results with input as _input([_planned(ip, [_net_path])])
	_status(rs, "google_sql_database_instance.p") == {"error"}
	some r in rs
	r.evidence == {
		"settings.ipConfiguration.ipv4Enabled": true,
		"settings.ipConfiguration.authorizedNetworks": ["198.51.100.0/24", "(known after apply)"],
		"known_after_apply": [_net_path],
	}
	r.message == "cannot judge before apply: settings.ipConfiguration.authorizedNetworks[].value known only after apply; judge the applied resource"
}

test_error_public_ip_known_after_apply_world_network if {
	ip := {"ipv4Enabled": "(known after apply)", "authorizedNetworks": _nets(["0.0.0.0/0"])}
	rs := check.results with input as _input([_planned(ip, [_ipv4_path])])
	_status(rs, "google_sql_database_instance.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == [_ipv4_path]
}

test_fail_world_network_known_beside_one_known_after_apply if {
	ip := {"ipv4Enabled": true, "authorizedNetworks": _nets(["0.0.0.0/0", "(known after apply)"])}
	rs := check.results with input as _input([_planned(ip, [_net_path])])
	_status(rs, "google_sql_database_instance.p") == {"fail"}
}

test_pass_private_ip_network_known_after_apply if {
	ip := {"ipv4Enabled": false, "authorizedNetworks": _nets(["(known after apply)"])}
	rs := check.results with input as _input([_planned(ip, [_net_path])])
	_status(rs, "google_sql_database_instance.p") == {"pass"}
}

test_pass_public_ip_known_after_apply_named_networks if {
	ip := {"ipv4Enabled": "(known after apply)", "authorizedNetworks": _nets(["198.51.100.0/24"])}
	rs := check.results with input as _input([_planned(ip, [_ipv4_path])])
	_status(rs, "google_sql_database_instance.p") == {"pass"}
}
