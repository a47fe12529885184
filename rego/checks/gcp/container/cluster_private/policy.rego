# METADATA
# title: GKE clusters are private
# description: |
#   The cluster's nodes have only internal IP addresses (`privateClusterConfig.enablePrivateNodes`
#   or `networkConfig.defaultEnablePrivateNodes`) and its control plane is not reachable from
#   the whole internet: the private endpoint only (`privateClusterConfig.enablePrivateEndpoint`,
#   or `controlPlaneEndpointsConfig.ipEndpointsConfig.enablePublicEndpoint` false), or the
#   public endpoint limited by master authorized networks with no /0 range. A cluster that
#   would be private but for values a Terraform plan leaves to be known after apply (private
#   nodes, the private endpoint, authorized ranges none known to be /0) is `error`.
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

results contains result.pass(c, "private nodes; control plane not open to the internet", inventory.with_unknown(c, _paths, _evidence(c))) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	_compliant(c)
}

results contains result.fail(c, concat("; ", _gaps(c)), _evidence(c)) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	not _compliant(c)
	not _undecided(c)
}

results contains result.error(c, sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [concat(", ", _waiting(c))]), object.union(_evidence(c), {"known_after_apply": _waiting(c)})) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	_undecided(c)
}

_block_path := "masterAuthorizedNetworksConfig.cidrBlocks[].cidrBlock"

# Paths a Terraform plan can leave known only after apply.
_nodes_path := "privateClusterConfig.enablePrivateNodes"

_endpoint_path := "privateClusterConfig.enablePrivateEndpoint"

_paths := [_endpoint_path, _nodes_path]

_compliant(c) if count(_gaps(c)) == 0

# Private nodes (or nodes known only after apply) and a control plane that is restricted, or
# would be but for values known only after apply: the private endpoint flag, or authorized
# ranges none known to be /0.
_undecided(c) if {
	not _compliant(c)
	_maybe_private_nodes(c)
	_maybe_restricted_control_plane(c)
}

_maybe_private_nodes(c) if _private_nodes(c) == true

_maybe_private_nodes(c) if inventory.known_after_apply(c, [_nodes_path])

_maybe_restricted_control_plane(c) if _restricted_control_plane(c) == true

_maybe_restricted_control_plane(c) if inventory.known_after_apply(c, [_endpoint_path])

_maybe_restricted_control_plane(c) if _ranges_pending(c)

_ranges_pending(c) if {
	_authorized_networks(c)
	count(_world_blocks(c)) == 0
	count(_unknown_blocks(c)) > 0
}

# What the verdict waits for: only values of a requirement the known values do not meet.
_waiting(c) := sort(array.concat(_waiting_nodes(c), _waiting_control_plane(c)))

_waiting_nodes(c) := [] if _private_nodes(c) == true else := inventory.unknown_paths(c, [_nodes_path])

_waiting_control_plane(c) := [] if {
	_restricted_control_plane(c) == true
} else := array.concat(inventory.unknown_paths(c, [_endpoint_path]), [_block_path | _ranges_pending(c)])

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
