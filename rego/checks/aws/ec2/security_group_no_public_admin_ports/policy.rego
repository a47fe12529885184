# METADATA
# title: Security groups do not open SSH or RDP to the internet
# description: |
#   No inbound rule of the security group allows 0.0.0.0/0 or ::/0 to reach TCP port 22
#   (SSH) or 3389 (RDP), whether through a port range that covers them or an all-traffic
#   rule (protocol -1). UDP-only and ICMP rules are not judged. The check judges the rules
#   DescribeSecurityGroups returns; it has no read of its own that can fail.
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

results contains result.pass(sg, "no ingress from 0.0.0.0/0 or ::/0 to port 22 or 3389", _evidence(sg)) if {
	some sg in inventory.resources("AWS::EC2::SecurityGroup")
	_compliant(sg)
}

results contains result.fail(sg, concat("; ", {_describe(x) | some x in _exposures(sg)}), _evidence(sg)) if {
	some sg in inventory.resources("AWS::EC2::SecurityGroup")
	not _compliant(sg)
}

_compliant(sg) if count(_exposures(sg)) == 0

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
	p.FromPort <= port
	port <= p.ToPort
}

_describe(x) := sprintf("ingress from %s to port %d (all traffic)", [x.cidr, x.port]) if {
	x.IpProtocol == "-1"
} else := sprintf("ingress from %s to port %d (tcp %v-%v)", [x.cidr, x.port, x.FromPort, x.ToPort])

_evidence(sg) := {"IpPermissions open to the internet on 22/3389": [x | some x in _exposures(sg)]}
