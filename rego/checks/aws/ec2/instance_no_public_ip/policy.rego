# METADATA
# title: EC2 instances have no public IPv4 address
# description: |
#   The instance has no public IPv4 address, neither on the instance (PublicIpAddress) nor on
#   any of its network interfaces (NetworkInterfaces[].Association.PublicIp, which includes
#   Elastic IPs), so it is reachable from the internet only through a load balancer, NAT or
#   bastion placed on purpose. Terminated instances are not collected. The check judges what
#   DescribeInstances returns; it has no read of its own that can fail.
#   In a Terraform plan, an address the subnet decides and the plan does not show gives `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html
# custom:
#   id: aws.ec2.instance_no_public_ip
#   severity: medium
#   resource_types: [AWS::EC2::Instance]
#   remediation: |
#     Move the workload behind a load balancer or NAT gateway in private subnets: release an
#     Elastic IP with aws ec2 disassociate-address --association-id ID, and turn off automatic
#     public addresses with aws ec2 modify-subnet-attribute --subnet-id SUBNET
#     --no-map-public-ip-on-launch (a running instance keeps its auto-assigned address until
#     it is replaced or its interface changed).
package attestkit.checks.aws.ec2.instance_no_public_ip

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::EC2::Instance"

# Paths a Terraform plan can leave known only after apply: PublicIpAddress is listed when the
# subnet's map_public_ip_on_launch decides and the plan does not say (an address the plan does
# assign is the sentinel without being listed, and fails).
_paths := ["PublicIpAddress"]

results contains result.error(i, inventory.after_apply_message(i, _paths), inventory.with_unknown(i, _paths, _evidence(i))) if {
	some i in inventory.resources(_type)
	_undecided(i)
}

results contains result.pass(i, "no public IPv4 address", _evidence(i)) if {
	some i in inventory.resources(_type)
	not _undecided(i)
	_compliant(i)
}

results contains result.fail(i, sprintf("public IPv4 address %s", [concat(", ", _public_ips(i))]), _evidence(i)) if {
	some i in inventory.resources(_type)
	not _undecided(i)
	not _compliant(i)
}

# A known public address fails whatever the plan leaves open.
_undecided(i) if {
	inventory.known_after_apply(i, _paths)
	every ip in _public_ips(i) {
		inventory.unknown_until_apply(ip)
	}
}

_compliant(i) if count(_public_ips(i)) == 0

_public_ips(i) := sort({ip |
	some ip in array.concat(
		[i.config.PublicIpAddress | is_string(i.config.PublicIpAddress)],
		[n.Association.PublicIp | some n in inventory.array_at(i.config, "NetworkInterfaces"); is_string(n.Association.PublicIp)],
	)
	ip != ""
})

_evidence(i) := {
	"PublicIpAddress": object.get(i.config, "PublicIpAddress", null),
	"NetworkInterfaces[].Association.PublicIp": [object.get(n, ["Association", "PublicIp"], null) |
		some n in inventory.array_at(i.config, "NetworkInterfaces")
	],
}
