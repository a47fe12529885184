# METADATA
# title: Security groups do not open SSH or RDP to the internet
# description: |
#   No inbound rule of the security group allows 0.0.0.0/0 or ::/0 to reach TCP port 22
#   (SSH) or 3389 (RDP), whether through a port range that covers them or an all-traffic
#   rule (protocol -1). UDP-only and ICMP rules are not judged. The check judges the rules
#   DescribeSecurityGroups returns; it has no read of its own that can fail. In a Terraform
#   plan, a rule whose CIDR, protocol or ports are known only after apply and that could open
#   22 or 3389 to the internet makes the group `error`, unless another rule already fails it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
# custom:
#   id: aws.ec2.security_group_no_public_admin_ports
#   severity: high
#   resource_types: [AWS::EC2::SecurityGroup]
#   remediation: |
#     Remove the rule, e.g. aws ec2 revoke-security-group-ingress --group-id SG_ID --protocol tcp
#     --port 22 --cidr 0.0.0.0/0, and allow only known address ranges, or use Systems Manager
#     Session Manager instead of open SSH/RDP.
package attestkit.checks.aws.ec2.security_group_no_public_admin_ports

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_admin_ports := [22, 3389]

# Paths a Terraform plan can leave known only after apply: the plan collector writes the
# sentinel in the fields of the rules concerned.
_paths := ["IpPermissions"]

results contains result.error(sg, _after_apply_message(sg), _unknown_evidence(sg)) if {
	some sg in inventory.resources("AWS::EC2::SecurityGroup")
	_undecided(sg)
}

results contains result.pass(sg, "no ingress from 0.0.0.0/0 or ::/0 to port 22 or 3389", _evidence(sg)) if {
	some sg in inventory.resources("AWS::EC2::SecurityGroup")
	not _undecided(sg)
	_compliant(sg)
}

results contains result.fail(sg, concat("; ", {_describe(x) | some x in _exposures(sg)}), _evidence(sg)) if {
	some sg in inventory.resources("AWS::EC2::SecurityGroup")
	not _compliant(sg)
}

_compliant(sg) if count(_exposures(sg)) == 0

# A rule known to open an admin port fails the group whatever the unknown rules turn out to be.
_undecided(sg) if {
	inventory.known_after_apply(sg, _paths)
	_compliant(sg)
	count(_undecided_rules(sg)) > 0
}

# The ingress rules that could open an admin port to the internet once their unknown fields are known.
_undecided_rules(sg) := [x |
	some p in inventory.array_at(sg.config, "IpPermissions")
	count(_unknown_fields(p)) > 0
	_may_be_world(p)
	_may_reach_admin_port(p)
	x := object.union(_ports(p), {"known_after_apply": _unknown_fields(p)})
]

_ports(p) := {k: object.get(p, k, null) | some k in ["IpProtocol", "FromPort", "ToPort"]}

# The fields of a rule holding the plan's sentinel, named by their path in the rule.
_unknown_fields(p) := sort({f |
	some [f, v] in _field_values(p)
	inventory.unknown_until_apply(v)
})

_field_values(p) := array.concat(
	[[k, v] | some k, v in _ports(p)],
	array.concat(
		[["IpRanges[].CidrIp", object.get(r, "CidrIp", null)] | some r in inventory.array_at(p, "IpRanges")],
		[["Ipv6Ranges[].CidrIpv6", object.get(r, "CidrIpv6", null)] | some r in inventory.array_at(p, "Ipv6Ranges")],
	),
)

_may_be_world(p) if count(_world_cidrs(p)) > 0

_may_be_world(p) if "IpRanges[].CidrIp" in _unknown_fields(p)

_may_be_world(p) if "Ipv6Ranges[].CidrIpv6" in _unknown_fields(p)

_may_reach_admin_port(p) if {
	some port in _admin_ports
	_may_cover(p, port)
}

# An unknown protocol may be -1 (every port); an unknown bound may take in the port.
_may_cover(p, _) if inventory.unknown_until_apply(p.IpProtocol)

_may_cover(p, port) if _covers(p, port)

_may_cover(p, port) if {
	p.IpProtocol in _tcp
	_at_most(p.FromPort, port)
	_at_most(port, p.ToPort)
}

_at_most(a, _) if inventory.unknown_until_apply(a)

_at_most(_, b) if inventory.unknown_until_apply(b)

_at_most(a, b) if {
	is_number(a)
	is_number(b)
	a <= b
}

_after_apply_message(sg) := sprintf("cannot judge before apply: IpPermissions known only after apply (%s of an ingress rule that could open port 22 or 3389 to the internet); judge the applied resource", [concat(", ", {f | some x in _undecided_rules(sg); some f in x.known_after_apply})])

# One entry per (rule, world-open CIDR, admin port) the rule lets through.
_exposures(sg) := {x |
	some p in inventory.array_at(sg.config, "IpPermissions")
	some cidr in _world_cidrs(p)
	some port in _admin_ports
	_covers(p, port)
	x := {
		"cidr": cidr,
		"port": port,
		"IpProtocol": p.IpProtocol,
		"FromPort": object.get(p, "FromPort", null),
		"ToPort": object.get(p, "ToPort", null),
	}
}

_world_cidrs(p) := {c |
	some r in inventory.array_at(p, "IpRanges")
	c := r.CidrIp
	c == "0.0.0.0/0"
} | {c |
	some r in inventory.array_at(p, "Ipv6Ranges")
	c := r.CidrIpv6
	c == "::/0"
}

_tcp := {"tcp", "6"}

# An all-traffic rule (protocol -1) reaches every port.
_covers(p, _) if p.IpProtocol == "-1"

_covers(p, port) if {
	p.IpProtocol in _tcp
	is_number(p.FromPort)
	is_number(p.ToPort)
	p.FromPort <= port
	port <= p.ToPort
}

_describe(x) := sprintf("ingress from %s to port %d (all traffic)", [x.cidr, x.port]) if {
	x.IpProtocol == "-1"
} else := sprintf("ingress from %s to port %d (tcp %v-%v)", [x.cidr, x.port, x.FromPort, x.ToPort])

_evidence(sg) := {"IpPermissions open to the internet on 22/3389": [x | some x in _exposures(sg)]}

_unknown_evidence(sg) := object.union(_evidence(sg), {
	"known_after_apply": inventory.unknown_paths(sg, _paths),
	"IpPermissions known only after apply": _undecided_rules(sg),
})
