package attestkit.checks.aws.ec2.security_group_no_public_admin_ports_test

import data.attestkit.checks.aws.ec2.security_group_no_public_admin_ports as check

_sg(group, permissions) := {
	"id": sprintf("arn:aws:ec2:us-east-1:111122223333:security-group/%s", [group]),
	"type": "AWS::EC2::SecurityGroup",
	"account": "111122223333",
	"region": "us-east-1",
	"config": {
		"GroupId": group,
		"GroupName": group,
		"VpcId": "vpc-1",
		"IpPermissions": permissions,
		"IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": []}],
	},
	"errors": [],
}

_id(group) := sprintf("arn:aws:ec2:us-east-1:111122223333:security-group/%s", [group])

_input(groups) := {"resources": {"AWS::EC2::SecurityGroup": groups}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_rule(protocol, from, to, v4, v6) := {
	"IpProtocol": protocol,
	"FromPort": from,
	"ToPort": to,
	"IpRanges": [{"CidrIp": c} | some c in v4],
	"Ipv6Ranges": [{"CidrIpv6": c} | some c in v6],
	"UserIdGroupPairs": [],
	"PrefixListIds": [],
}

_all_traffic(v4, v6) := {
	"IpProtocol": "-1",
	"IpRanges": [{"CidrIp": c} | some c in v4],
	"Ipv6Ranges": [{"CidrIpv6": c} | some c in v6],
	"UserIdGroupPairs": [],
	"PrefixListIds": [],
}

test_pass_no_ingress_rules if {
	rs := check.results with input as _input([_sg("sg-1", [])])
	_status(rs, _id("sg-1")) == {"pass"}
}

test_pass_https_open_to_world if {
	rs := check.results with input as _input([_sg("sg-1", [_rule("tcp", 443, 443, ["0.0.0.0/0"], ["::/0"])])])
	_status(rs, _id("sg-1")) == {"pass"}
}

test_pass_ssh_from_private_range if {
	rs := check.results with input as _input([_sg("sg-1", [_rule("tcp", 22, 22, ["10.0.0.0/8"], ["2001:db8::/32"])])])
	_status(rs, _id("sg-1")) == {"pass"}
}

test_pass_udp_range_covering_22 if {
	rs := check.results with input as _input([_sg("sg-1", [_rule("udp", 0, 65535, ["0.0.0.0/0"], [])])])
	_status(rs, _id("sg-1")) == {"pass"}
}

test_pass_all_traffic_from_security_group_only if {
	rule := object.union(_all_traffic([], []), {"UserIdGroupPairs": [{"GroupId": "sg-1"}]})
	rs := check.results with input as _input([_sg("sg-1", [rule])])
	_status(rs, _id("sg-1")) == {"pass"}
}

test_pass_range_just_below_ssh if {
	rs := check.results with input as _input([_sg("sg-1", [_rule("tcp", 20, 21, ["0.0.0.0/0"], [])])])
	_status(rs, _id("sg-1")) == {"pass"}
}

test_pass_null_ipv6_ranges if {
	rule := object.union(_rule("tcp", 443, 443, ["0.0.0.0/0"], []), {"Ipv6Ranges": null})
	rs := check.results with input as _input([_sg("sg-1", [rule])])
	_status(rs, _id("sg-1")) == {"pass"}
}

test_fail_ssh_open_to_world if {
	rs := check.results with input as _input([_sg("sg-2", [_rule("tcp", 22, 22, ["0.0.0.0/0"], [])])])
	_status(rs, _id("sg-2")) == {"fail"}
}

test_fail_rdp_open_to_world if {
	rs := check.results with input as _input([_sg("sg-2", [_rule("tcp", 3389, 3389, ["0.0.0.0/0"], [])])])
	_status(rs, _id("sg-2")) == {"fail"}
}

test_fail_ssh_open_to_world_ipv6 if {
	rs := check.results with input as _input([_sg("sg-2", [_rule("tcp", 22, 22, ["10.0.0.0/8"], ["::/0"])])])
	_status(rs, _id("sg-2")) == {"fail"}
}

test_fail_port_range_covers_rdp if {
	rs := check.results with input as _input([_sg("sg-2", [_rule("tcp", 3000, 4000, ["0.0.0.0/0"], [])])])
	_status(rs, _id("sg-2")) == {"fail"}
}

test_fail_all_tcp_ports if {
	rs := check.results with input as _input([_sg("sg-2", [_rule("tcp", 0, 65535, ["0.0.0.0/0"], [])])])
	_status(rs, _id("sg-2")) == {"fail"}
}

test_fail_protocol_number_6 if {
	rs := check.results with input as _input([_sg("sg-2", [_rule("6", 22, 22, ["0.0.0.0/0"], [])])])
	_status(rs, _id("sg-2")) == {"fail"}
}

test_fail_all_traffic_rule if {
	rs := check.results with input as _input([_sg("sg-2", [_all_traffic(["0.0.0.0/0"], [])])])
	_status(rs, _id("sg-2")) == {"fail"}
}

test_fail_all_traffic_rule_ipv6 if {
	rs := check.results with input as _input([_sg("sg-2", [_all_traffic([], ["::/0"])])])
	_status(rs, _id("sg-2")) == {"fail"}
}

test_fail_world_cidr_among_others if {
	rule := _rule("tcp", 22, 22, ["10.0.0.0/8", "0.0.0.0/0"], [])
	rs := check.results with input as _input([_sg("sg-2", [_rule("tcp", 443, 443, ["0.0.0.0/0"], []), rule])])
	_status(rs, _id("sg-2")) == {"fail"}
}

test_fail_exposure_in_evidence if {
	rs := check.results with input as _input([_sg("sg-2", [_rule("tcp", 22, 22, [], ["::/0"])])])
	some r in rs
	r.resource == _id("sg-2")
	r.evidence["IpPermissions open to the internet on 22/3389"] == [{"cidr": "::/0", "port": 22, "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22}]
}

test_each_group_gets_exactly_one_status if {
	groups := [
		_sg("sg-web", [_rule("tcp", 443, 443, ["0.0.0.0/0"], ["::/0"])]),
		_sg("sg-ssh", [_rule("tcp", 22, 22, ["0.0.0.0/0"], ["::/0"])]),
		_sg("sg-all", [_all_traffic(["0.0.0.0/0"], [])]),
		_sg("sg-internal", [_all_traffic(["10.0.0.0/8"], [])]),
		_sg("sg-both", [_rule("tcp", 0, 65535, ["0.0.0.0/0"], ["::/0"])]),
	]
	rs := check.results with input as _input(groups)
	expected := {"sg-web": "pass", "sg-ssh": "fail", "sg-all": "fail", "sg-internal": "pass", "sg-both": "fail"}
	every group, status in expected {
		_status(rs, _id(group)) == {status}
	}
}

test_no_result_without_groups if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel in the rule's field
# and lists the path.
_planned(group, permissions) := object.union(_sg(group, permissions), {"config": {"_terraform": {"unknown": ["IpPermissions"]}}})

_later := "(known after apply)"

test_error_cidr_known_after_apply if {
	rs := check.results with input as _input([_planned("sg-plan", [_rule("tcp", 22, 22, [_later], [])])])
	_status(rs, _id("sg-plan")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["IpPermissions"]
	r.evidence["IpPermissions known only after apply"] == [{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "known_after_apply": ["IpRanges[].CidrIp"]}]
	r.message == "cannot judge before apply: IpPermissions known only after apply (IpRanges[].CidrIp of an ingress rule that could open port 22 or 3389 to the internet); judge the applied resource"
}

test_error_port_known_after_apply if {
	rs := check.results with input as _input([_planned("sg-plan", [_rule("tcp", 0, _later, ["0.0.0.0/0"], [])])])
	_status(rs, _id("sg-plan")) == {"error"}
}

test_error_protocol_known_after_apply if {
	# an unknown protocol may be -1, which reaches every port
	rs := check.results with input as _input([_planned("sg-plan", [_rule(_later, 443, 443, ["0.0.0.0/0"], [])])])
	_status(rs, _id("sg-plan")) == {"error"}
}

test_fail_known_open_rule_decides_before_apply if {
	rules := [_rule("tcp", 22, 22, ["0.0.0.0/0"], []), _rule("tcp", 3389, 3389, [_later], [])]
	rs := check.results with input as _input([_planned("sg-plan", rules)])
	_status(rs, _id("sg-plan")) == {"fail"}
}

test_pass_unknown_fields_that_cannot_open_admin_ports if {
	rules := [_rule("tcp", _later, _later, ["10.0.0.0/8"], []), _rule("udp", 0, 65535, [_later], []), _rule("tcp", 443, 443, [_later], [])]
	rs := check.results with input as _input([_planned("sg-plan", rules)])
	_status(rs, _id("sg-plan")) == {"pass"}
}

test_error_ipv6_cidr_known_after_apply if {
	rs := check.results with input as _input([_planned("sg-plan", [_rule("-1", null, null, [], [_later])])])
	_status(rs, _id("sg-plan")) == {"error"}
	some r in rs
	r.evidence["IpPermissions known only after apply"][0].known_after_apply == ["Ipv6Ranges[].CidrIpv6"]
}

test_error_names_each_undecided_rule_once if {
	rs := check.results with input as _input([_planned("sg-plan", [_rule("-1", null, null, [_later], [])])])
	some r in rs
	r.evidence["IpPermissions known only after apply"] == [{"IpProtocol": "-1", "FromPort": null, "ToPort": null, "known_after_apply": ["IpRanges[].CidrIp"]}]
}
