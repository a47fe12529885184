package attestkit.checks.aws.vpc.default_security_group_restricts_all_test

import data.attestkit.checks.aws.vpc.default_security_group_restricts_all as check

_all_out := [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "UserIdGroupPairs": [], "PrefixListIds": []}]

_self_in(id) := [{"IpProtocol": "-1", "IpRanges": [], "Ipv6Ranges": [], "UserIdGroupPairs": [{"GroupId": id}], "PrefixListIds": []}]

_group(id, name, inbound, outbound) := {
	"id": sprintf("arn:aws:ec2:us-east-1:111122223333:security-group/%s", [id]),
	"type": "AWS::EC2::SecurityGroup",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": {"GroupId": id, "GroupName": name, "VpcId": "vpc-1", "IpPermissions": inbound, "IpPermissionsEgress": outbound},
	"errors": [],
}

_id(id) := sprintf("arn:aws:ec2:us-east-1:111122223333:security-group/%s", [id])

_input(groups) := {"resources": {"AWS::EC2::SecurityGroup": groups}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_no_rules if {
	rs := check.results with input as _input([_group("sg-1", "default", [], [])])
	_status(rs, _id("sg-1")) == {"pass"}
}

test_fail_as_aws_creates_it if {
	rs := check.results with input as _input([_group("sg-2", "default", _self_in("sg-2"), _all_out)])
	_status(rs, _id("sg-2")) == {"fail"}
	some r in rs
	r.message == "default group of vpc-1 has 1 inbound and 1 outbound rule(s)"
}

test_fail_outbound_only if {
	rs := check.results with input as _input([_group("sg-3", "default", [], _all_out)])
	_status(rs, _id("sg-3")) == {"fail"}
}

test_fail_rules_not_reported if {
	g := json.patch(_group("sg-4", "default", [], []), [
		{"op": "remove", "path": "/config/IpPermissions"},
		{"op": "remove", "path": "/config/IpPermissionsEgress"},
	])
	rs := check.results with input as _input([g])
	_status(rs, _id("sg-4")) == {"fail"}
}

test_no_result_other_groups if {
	rs := check.results with input as _input([_group("sg-5", "web", [], _all_out)])
	count(rs) == 0
}

# As `attest collect terraform` writes a default group whose inline rules Terraform knows only
# after apply (`ingress = local.rules`): one rule of unknown protocol and range, the path listed.
_u := "(known after apply)"

_unknown_rules := [{"IpProtocol": _u, "IpRanges": [{"CidrIp": _u}], "Ipv6Ranges": [], "UserIdGroupPairs": []}]

_planned(id, inbound, outbound, unknown) := object.union(_group(id, "default", inbound, outbound), {
	"config": {"_terraform": {"address": "aws_default_security_group.this", "unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "aws_default_security_group.this.ingress is known only after apply"}],
})

test_error_inline_rules_known_after_apply if {
	rs := check.results with input as _input([_planned("sg-6", _unknown_rules, [], ["IpPermissions"])])
	_status(rs, _id("sg-6")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["IpPermissions"]
	r.message == "cannot judge before apply: IpPermissions known only after apply; judge the applied resource"
}

test_error_both_directions_known_after_apply if {
	rs := check.results with input as _input([_planned("sg-7", _unknown_rules, _unknown_rules, ["IpPermissions", "IpPermissionsEgress"])])
	_status(rs, _id("sg-7")) == {"error"}
}

test_fail_known_rule_decides_despite_inline_rules_known_after_apply if {
	rs := check.results with input as _input([_planned("sg-8", _unknown_rules, _all_out, ["IpPermissions"])])
	_status(rs, _id("sg-8")) == {"fail"}
	some r in rs
	r.message == "default group of vpc-1 has 0 inbound and 1 outbound rule(s) and rules known only after apply"
}

test_fail_rule_with_unknown_range_is_a_rule if {
	rule := [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": _u}], "Ipv6Ranges": [], "UserIdGroupPairs": [], "PrefixListIds": []}]
	rs := check.results with input as _input([_planned("sg-9", rule, [], ["IpPermissions"])])
	_status(rs, _id("sg-9")) == {"fail"}
}
