# METADATA
# title: Redshift clusters are not publicly accessible
# description: |
#   The cluster has PubliclyAccessible false, so it has no public endpoint address and can
#   be reached only from inside its VPC (or through peering, VPN or Direct Connect). The
#   check judges what DescribeClusters returns; it has no read of its own that can fail.
#   In a Terraform plan, PubliclyAccessible known only after apply gives `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html
#   - ref: https://docs.aws.amazon.com/redshift/latest/APIReference/API_Cluster.html
# custom:
#   id: aws.redshift.cluster_not_public
#   severity: high
#   resource_types: [AWS::Redshift::Cluster]
#   remediation: |
#     aws redshift modify-cluster --cluster-identifier ID --no-publicly-accessible, then check
#     that clients reach it through the VPC.
package attestkit.checks.aws.redshift.cluster_not_public

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::Redshift::Cluster"

# Paths a Terraform plan can leave known only after apply.
_paths := ["PubliclyAccessible"]

results contains result.error(c, inventory.after_apply_message(c, _paths), inventory.with_unknown(c, _paths, _evidence(c))) if {
	some c in inventory.resources(_type)
	_undecided(c)
}

results contains result.pass(c, "not publicly accessible", _evidence(c)) if {
	some c in inventory.resources(_type)
	not _undecided(c)
	_compliant(c)
}

results contains result.fail(c, _fail_message(c), _evidence(c)) if {
	some c in inventory.resources(_type)
	not _undecided(c)
	not _compliant(c)
}

_undecided(c) if inventory.known_after_apply(c, _paths)

_compliant(c) if c.config.PubliclyAccessible == false

_fail_message(c) := "publicly accessible" if {
	c.config.PubliclyAccessible == true
} else := "PubliclyAccessible not reported"

_evidence(c) := {
	"PubliclyAccessible": object.get(c.config, "PubliclyAccessible", null),
	"Endpoint.Address": object.get(c.config, ["Endpoint", "Address"], null),
}
