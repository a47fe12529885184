package attestkit.checks.gcp.compute.firewall_no_public_all_ports_test

import data.attestkit.checks.gcp.compute.firewall_no_public_all_ports as check

_id(name) := sprintf("//compute.googleapis.com/projects/carebridge-analytics/global/firewalls/%s", [name])

_rule(name, extra) := {
	"id": _id(name),
	"type": "compute.googleapis.com/Firewall",
	"account": "carebridge-analytics",
	"region": "global",
	"config": object.union({"name": name, "direction": "INGRESS", "priority": 1000}, extra),
	"errors": [],
}

_input(rules) := {"resources": {"compute.googleapis.com/Firewall": rules}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_judge(extra) := s if {
	rs := check.results with input as _input([_rule("r", extra)])
	s := _status(rs, _id("r"))
}

test_pass_named_ports_from_world if {
	_judge({"sourceRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "tcp", "ports": ["22", "443"]}]}) == {"pass"}
}

test_pass_all_ports_from_internal_range if {
	_judge({"sourceRanges": ["10.128.0.0/9"], "allowed": [{"IPProtocol": "tcp", "ports": ["0-65535"]}, {"IPProtocol": "icmp"}]}) == {"pass"}
}

test_pass_icmp_from_world if {
	_judge({"sourceRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "icmp"}]}) == {"pass"}
}

test_pass_disabled if {
	_judge({"sourceRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "all"}], "disabled": true}) == {"pass"}
}

test_pass_egress if {
	_judge({"direction": "EGRESS", "destinationRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "all"}]}) == {"pass"}
}

test_fail_protocol_all_from_world if {
	_judge({"sourceRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "all"}]}) == {"fail"}
}

test_fail_tcp_without_ports_from_ipv6_world if {
	_judge({"sourceRanges": ["::/0"], "allowed": [{"IPProtocol": "tcp"}]}) == {"fail"}
}

test_fail_udp_full_range if {
	_judge({"sourceRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "udp", "ports": ["1-65535"]}]}) == {"fail"}
}

test_fail_no_source if {
	_judge({"allowed": [{"IPProtocol": "all"}]}) == {"fail"}
}

test_fail_message_names_the_protocol if {
	rs := check.results with input as _input([_rule("r", {"sourceRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "TCP"}]})])
	some r in rs
	r.message == "ingress from 0.0.0.0/0 to every port of tcp"
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned(extra, unknown) := object.union(_rule("p", extra), {
	"id": "google_compute_firewall.p",
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "a value is known only after apply"}],
})

_planned_results(extra, unknown) := rs if {
	rs := check.results with input as _input([_planned(extra, unknown)])
}

_judge_planned(extra, unknown) := {r.status | some r in _planned_results(extra, unknown)}

_unknown := "(known after apply)"

test_error_source_ranges_known_after_apply if {
	rs := _planned_results({"sourceRanges": [_unknown], "allowed": [{"IPProtocol": "all"}]}, ["sourceRanges"])
	_status(rs, "google_compute_firewall.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["sourceRanges"]
	r.message == "cannot judge before apply: sourceRanges known only after apply; judge the applied resource"
}

test_error_direction_known_after_apply if {
	rs := _planned_results({"direction": _unknown, "sourceRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "tcp"}]}, ["direction"])
	_status(rs, "google_compute_firewall.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["direction"]
}

test_error_port_known_after_apply if {
	rs := _planned_results({"sourceRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "udp", "ports": [_unknown]}]}, [])
	_status(rs, "google_compute_firewall.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["allowed[].ports"]
}

test_error_protocol_known_after_apply if {
	rs := _planned_results({"sourceRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": _unknown, "ports": ["443"]}]}, [])
	_status(rs, "google_compute_firewall.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["allowed[].IPProtocol"]
}

test_fail_all_known_open_to_world_beside_range_known_after_apply if {
	_judge_planned({"sourceRanges": ["::/0", _unknown], "allowed": [{"IPProtocol": "all"}]}, ["sourceRanges"]) == {"fail"}
}

test_pass_named_ports_from_ranges_known_after_apply if {
	_judge_planned({"sourceRanges": [_unknown], "allowed": [{"IPProtocol": "tcp", "ports": ["443"]}]}, ["sourceRanges"]) == {"pass"}
}

test_pass_egress_known_ranges_known_after_apply if {
	_judge_planned({"direction": "EGRESS", "sourceRanges": [_unknown], "allowed": [{"IPProtocol": "all"}]}, ["sourceRanges"]) == {"pass"}
}

test_error_disabled_known_after_apply if {
	rs := _planned_results({"disabled": _unknown, "sourceRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "all"}]}, ["disabled"])
	_status(rs, "google_compute_firewall.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["disabled"]
	r.message == "cannot judge before apply: disabled known only after apply; judge the applied resource"
}

test_pass_disabled_known_after_apply_named_ports if {
	rs := _planned_results({"disabled": _unknown, "sourceRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "tcp", "ports": ["443"]}]}, ["disabled"])
	_status(rs, "google_compute_firewall.p") == {"pass"}
	some r in rs
	r.evidence.known_after_apply == ["disabled"]
}
