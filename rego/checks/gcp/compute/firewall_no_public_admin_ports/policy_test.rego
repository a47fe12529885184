package attestkit.checks.gcp.compute.firewall_no_public_admin_ports_test

import data.attestkit.checks.gcp.compute.firewall_no_public_admin_ports as check

_id(name) := sprintf("//compute.googleapis.com/projects/carebridge-prod/global/firewalls/%s", [name])

_rule(name, extra) := {
	"id": _id(name),
	"type": "compute.googleapis.com/Firewall",
	"account": "carebridge-prod",
	"region": "global",
	"config": object.union({"name": name, "direction": "INGRESS", "priority": 1000, "disabled": false}, extra),
	"errors": [],
}

_allow(ranges, allowed) := {"sourceRanges": ranges, "allowed": allowed}

_input(rules) := {"resources": {"compute.googleapis.com/Firewall": rules}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_judge(extra) := s if {
	rs := check.results with input as _input([_rule("r", extra)])
	s := _status(rs, _id("r"))
}

test_pass_https_from_world if {
	_judge(_allow(["0.0.0.0/0"], [{"IPProtocol": "tcp", "ports": ["443"]}])) == {"pass"}
}

test_pass_ssh_from_iap_range if {
	_judge(_allow(["35.235.240.0/20"], [{"IPProtocol": "tcp", "ports": ["22", "3389"]}])) == {"pass"}
}

test_pass_disabled_rule if {
	_judge(object.union(_allow(["0.0.0.0/0"], [{"IPProtocol": "tcp", "ports": ["22"]}]), {"disabled": true})) == {"pass"}
}

test_pass_egress_rule if {
	_judge({"direction": "EGRESS", "destinationRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "all"}]}) == {"pass"}
}

test_pass_deny_rule if {
	_judge({"sourceRanges": ["0.0.0.0/0"], "denied": [{"IPProtocol": "tcp", "ports": ["22"]}]}) == {"pass"}
}

test_pass_udp_everywhere if {
	_judge(_allow(["0.0.0.0/0"], [{"IPProtocol": "udp"}])) == {"pass"}
}

test_pass_range_below_ssh if {
	_judge(_allow(["0.0.0.0/0"], [{"IPProtocol": "tcp", "ports": ["20-21", "23-3388"]}])) == {"pass"}
}

test_pass_source_tags_only if {
	_judge({"sourceTags": ["bastion"], "allowed": [{"IPProtocol": "tcp", "ports": ["22"]}]}) == {"pass"}
}

test_fail_ssh_from_world if {
	_judge(_allow(["0.0.0.0/0"], [{"IPProtocol": "tcp", "ports": ["22"]}])) == {"fail"}
}

test_fail_rdp_from_ipv6_world if {
	_judge(_allow(["2001:db8::/32", "::/0"], [{"IPProtocol": "tcp", "ports": ["3389"]}])) == {"fail"}
}

test_fail_range_covering_ssh if {
	_judge(_allow(["0.0.0.0/0"], [{"IPProtocol": "tcp", "ports": ["1-1024"]}])) == {"fail"}
}

test_fail_tcp_without_ports if {
	_judge(_allow(["0.0.0.0/0"], [{"IPProtocol": "tcp"}])) == {"fail"}
}

test_fail_protocol_all if {
	_judge(_allow(["0.0.0.0/0"], [{"IPProtocol": "all"}])) == {"fail"}
}

test_fail_protocol_number if {
	_judge(_allow(["0.0.0.0/0"], [{"IPProtocol": "6", "ports": ["3389"]}])) == {"fail"}
}

test_fail_no_source_at_all if {
	_judge({"allowed": [{"IPProtocol": "tcp", "ports": ["22"]}]}) == {"fail"}
}

test_fail_direction_absent_means_ingress if {
	r := _rule("r", _allow(["0.0.0.0/0"], [{"IPProtocol": "tcp", "ports": ["22"]}]))
	rs := check.results with input as _input([object.union(object.remove(r, ["config"]), {"config": object.remove(r.config, ["direction"])})])
	_status(rs, _id("r")) == {"fail"}
}

test_fail_evidence_names_the_ports if {
	rs := check.results with input as _input([_rule("r", _allow(["0.0.0.0/0"], [{"IPProtocol": "all"}]))])
	some r in rs
	r.evidence["exposed admin ports"] == [22, 3389]
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned(extra, unknown) := object.union(_rule("p", extra), {
	"id": "google_compute_firewall.p",
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "a value is known only after apply"}],
})

_judge_planned(extra, unknown) := {r.status | some r in _planned_results(extra, unknown)}

_planned_results(extra, unknown) := rs if {
	rs := check.results with input as _input([_planned(extra, unknown)])
}

_unknown := "(known after apply)"

_ssh := [{"IPProtocol": "tcp", "ports": ["22"]}]

test_error_source_ranges_known_after_apply if {
	rs := _planned_results(_allow([_unknown], _ssh), ["sourceRanges"])
	_status(rs, "google_compute_firewall.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["sourceRanges"]
	r.evidence["exposed admin ports"] == []
	r.message == "cannot judge before apply: sourceRanges known only after apply; judge the applied resource"
}

test_error_direction_known_after_apply if {
	rs := _planned_results(object.union(_allow(["0.0.0.0/0"], _ssh), {"direction": _unknown}), ["direction"])
	_status(rs, "google_compute_firewall.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["direction"]
}

test_error_protocol_known_after_apply if {
	rs := _planned_results(_allow(["0.0.0.0/0"], [{"IPProtocol": _unknown}]), [])
	_status(rs, "google_compute_firewall.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["allowed[].IPProtocol"]
}

test_error_port_known_after_apply if {
	rs := _planned_results(_allow(["0.0.0.0/0"], [{"IPProtocol": "tcp", "ports": ["443", _unknown]}]), [])
	_status(rs, "google_compute_firewall.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["allowed[].ports"]
}

test_fail_ssh_known_open_to_world_beside_range_known_after_apply if {
	_judge_planned(_allow(["0.0.0.0/0", _unknown], _ssh), ["sourceRanges"]) == {"fail"}
}

test_pass_https_only_from_ranges_known_after_apply if {
	_judge_planned(_allow([_unknown], [{"IPProtocol": "tcp", "ports": ["443"]}]), ["sourceRanges"]) == {"pass"}
}

test_pass_disabled_rule_ranges_known_after_apply if {
	_judge_planned(object.union(_allow([_unknown], _ssh), {"disabled": true}), ["sourceRanges"]) == {"pass"}
}

test_pass_direction_known_after_apply_from_known_range if {
	rs := _planned_results(object.union(_allow(["35.235.240.0/20"], _ssh), {"direction": _unknown}), ["direction"])
	_status(rs, "google_compute_firewall.p") == {"pass"}
	some r in rs
	r.message == "no ingress from the internet to port 22 or 3389"
}

test_error_disabled_known_after_apply if {
	rs := _planned_results(object.union(_allow(["0.0.0.0/0"], _ssh), {"disabled": _unknown}), ["disabled"])
	_status(rs, "google_compute_firewall.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["disabled"]
	r.evidence.disabled == _unknown
	r.message == "cannot judge before apply: disabled known only after apply; judge the applied resource"
}

test_pass_disabled_known_after_apply_from_known_range if {
	rs := _planned_results(object.union(_allow(["35.235.240.0/20"], _ssh), {"disabled": _unknown}), ["disabled"])
	_status(rs, "google_compute_firewall.p") == {"pass"}
	some r in rs
	r.message == "no ingress from the internet to port 22 or 3389"
	r.evidence.known_after_apply == ["disabled"]
}

test_pass_disabled_known_after_apply_https_from_world if {
	_judge_planned(object.union(_allow(["0.0.0.0/0"], [{"IPProtocol": "tcp", "ports": ["443"]}]), {"disabled": _unknown}), ["disabled"]) == {"pass"}
}

test_pass_live_rule_disabled_unchanged if {
	rs := check.results with input as _input([_rule("r", object.union(_allow(["0.0.0.0/0"], _ssh), {"disabled": true}))])
	some r in rs
	r.message == "ingress rule disabled"
	not r.evidence.known_after_apply
}
