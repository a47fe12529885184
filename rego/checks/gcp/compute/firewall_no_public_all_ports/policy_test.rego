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
