# METADATA
# title: GKE clusters are private
# description: |
#   The cluster's nodes have only internal IP addresses (`privateClusterConfig.enablePrivateNodes`
#   or `networkConfig.defaultEnablePrivateNodes`) and its control plane is not reachable from
#   the whole internet: the private endpoint only (`privateClusterConfig.enablePrivateEndpoint`,
#   or `controlPlaneEndpointsConfig.ipEndpointsConfig.enablePublicEndpoint` false), or the
#   public endpoint limited by master authorized networks with no /0 range. A cluster with
#   private nodes whose authorized ranges a Terraform plan leaves partly to be known after
#   apply (none known to be /0) is `error`.
# related_resources:
#   - ref: https://cloud.google.com/kubernetes-engine/docs/concepts/private-cluster-concept
#   - ref: https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks
# custom:
#   id: gcp.container.cluster_private
#   severity: high
#   resource_types: [container.googleapis.com/Cluster]
#   remediation: |
#     gcloud container clusters update CLUSTER --location=LOCATION --enable-private-nodes, and
#     --enable-master-authorized-networks --master-authorized-networks=CIDR[,CIDR] (or
#     --enable-private-endpoint).
package attestkit.checks.gcp.container.cluster_private

import data.attestkit.lib.inventory
import data.attestkit.lib.result

results contains result.pass(c, "private nodes; control plane not open to the internet", _evidence(c)) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	_compliant(c)
}

results contains result.fail(c, concat("; ", _gaps(c)), _evidence(c)) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	not _compliant(c)
	not _undecided(c)
}

results contains result.error(c, sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [_block_path]), object.union(_evidence(c), {"known_after_apply": [_block_path]})) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	_undecided(c)
}

_block_path := "masterAuthorizedNetworksConfig.cidrBlocks[].cidrBlock"

_compliant(c) if count(_gaps(c)) == 0

# Private nodes, and a control plane limited to authorized ranges none known to be /0, but
# some known only after apply.
_undecided(c) if {
	_private_nodes(c)
	_authorized_networks(c)
	count(_world_blocks(c)) == 0
	count(_unknown_blocks(c)) > 0
	not _compliant(c)
}

_gaps(c) := [gap |
	some [gap, ok] in [
		["nodes have public IP addresses", _private_nodes(c)],
		["control plane endpoint open to the internet", _restricted_control_plane(c)],
	]
	ok == false
]

_private_nodes(c) := true if {
	object.get(c.config, ["privateClusterConfig", "enablePrivateNodes"], false) == true
} else := true if {
	object.get(c.config, ["networkConfig", "defaultEnablePrivateNodes"], false) == true
} else := false

_restricted_control_plane(c) := true if {
	object.get(c.config, ["privateClusterConfig", "enablePrivateEndpoint"], false) == true
} else := true if {
	object.get(c.config, ["controlPlaneEndpointsConfig", "ipEndpointsConfig", "enablePublicEndpoint"], true) == false
} else := true if {
	_authorized_networks(c)
	count(_world_blocks(c)) == 0
	count(_unknown_blocks(c)) == 0
} else := false

_authorized_networks(c) if object.get(c.config, ["masterAuthorizedNetworksConfig", "enabled"], false) == true

_world_blocks(c) := [b.cidrBlock |
	some b in inventory.array_at(object.get(c.config, "masterAuthorizedNetworksConfig", null), "cidrBlocks")
	endswith(b.cidrBlock, "/0")
]

# Terraform plans write a range known only after apply as the placeholder.
_unknown_blocks(c) := [b |
	some b in inventory.array_at(object.get(c.config, "masterAuthorizedNetworksConfig", null), "cidrBlocks")
	inventory.unknown_until_apply(b.cidrBlock)
]

_evidence(c) := {
	"privateClusterConfig.enablePrivateNodes": object.get(c.config, ["privateClusterConfig", "enablePrivateNodes"], null),
	"privateClusterConfig.enablePrivateEndpoint": object.get(c.config, ["privateClusterConfig", "enablePrivateEndpoint"], null),
	"networkConfig.defaultEnablePrivateNodes": object.get(c.config, ["networkConfig", "defaultEnablePrivateNodes"], null),
	"masterAuthorizedNetworksConfig": object.get(c.config, "masterAuthorizedNetworksConfig", null),
}
