# METADATA
# title: Default security groups allow no traffic
# description: |
#   The default security group of every VPC has no inbound and no outbound rules. Resources
#   launched without a security group of their own land in it; with no rules they can reach
#   nothing and nothing can reach them, so every allowed flow comes from a group someone
#   designed. Only groups named `default` are judged. A group whose inline rules a Terraform
#   plan sets to a value known only after apply (which may be no rule) is `error`, unless a
#   rule known to the plan already fails it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
# custom:
#   id: aws.vpc.default_security_group_restricts_all
#   severity: medium
#   resource_types: [AWS::EC2::SecurityGroup]
#   remediation: |
#     Move resources to purpose-made groups, then remove every rule:
#     aws ec2 revoke-security-group-ingress --group-id SG_ID --security-group-rule-ids RULE_IDS
#     and aws ec2 revoke-security-group-egress --group-id SG_ID --security-group-rule-ids RULE_IDS
#     (list them with aws ec2 describe-security-group-rules --filters Name=group-id,Values=SG_ID)
package attestkit.checks.aws.vpc.default_security_group_restricts_all

import data.attestkit.lib.inventory
import data.attestkit.lib.result

# Paths a Terraform plan can leave known only after apply.
_paths := ["IpPermissions", "IpPermissionsEgress"]

results contains result.error(g, inventory.after_apply_message(g, _paths), inventory.with_unknown(g, _paths, _evidence(g))) if {
	some g in _default_groups
	_undecided(g)
}

results contains result.pass(g, sprintf("default group of %v has no rules", [_vpc(g)]), _evidence(g)) if {
	some g in _default_groups
	_compliant(g)
}

results contains result.fail(g, msg, inventory.with_unknown(g, _paths, _evidence(g))) if {
	some g in _default_groups
	not _compliant(g)
	not _undecided(g)
	msg := sprintf("default group of %v has %d inbound and %d outbound rule(s)%s", [
		_vpc(g),
		count(_known(_inbound(g))),
		count(_known(_outbound(g))),
		_more(g),
	])
}

# Inline rules a Terraform plan sets to a value known only after apply are written as one rule
# of unknown protocol and range (collectors/terraform/aws_network.py `_inline`): after apply
# they may be no rule at all. Every other rule is a rule, whatever its unknown parts.
_unknown_inline := {"IpProtocol": inventory.after_apply, "IpRanges": [{"CidrIp": inventory.after_apply}], "Ipv6Ranges": [], "UserIdGroupPairs": []}

_known(rules) := [rule | some rule in rules; rule != _unknown_inline]

_undecided(g) if {
	inventory.known_after_apply(g, _paths)
	is_array(g.config.IpPermissions)
	is_array(g.config.IpPermissionsEgress)
	count(_known(_inbound(g))) == 0
	count(_known(_outbound(g))) == 0
	some rule in array.concat(_inbound(g), _outbound(g))
	rule == _unknown_inline
}

_more(g) := " and rules known only after apply" if {
	some rule in array.concat(_inbound(g), _outbound(g))
	rule == _unknown_inline
} else := ""

_default_groups := [g |
	some g in inventory.resources("AWS::EC2::SecurityGroup")
	g.config.GroupName == "default"
]

_inbound(g) := inventory.array_at(g.config, "IpPermissions")

_outbound(g) := inventory.array_at(g.config, "IpPermissionsEgress")

# Both lists must be present: a group whose rules were not reported is not shown to be closed.
_compliant(g) if {
	is_array(g.config.IpPermissions)
	is_array(g.config.IpPermissionsEgress)
	count(_inbound(g)) == 0
	count(_outbound(g)) == 0
}

_vpc(g) := object.get(g.config, "VpcId", "its VPC")

_evidence(g) := {
	"GroupName": g.config.GroupName,
	"VpcId": object.get(g.config, "VpcId", null),
	"IpPermissions": object.get(g.config, "IpPermissions", null),
	"IpPermissionsEgress": object.get(g.config, "IpPermissionsEgress", null),
}
