# METADATA
# title: AKS clusters have a private API server
# description: |
#   The AKS cluster is a private cluster (`apiServerAccessProfile.enablePrivateCluster`): its
#   Kubernetes API server has a private IP address in the cluster's virtual network and is not
#   reachable from the internet. A public API server fails even when authorized IP ranges
#   narrow it; the evidence shows them. The check judges the cluster's ARM properties; it has
#   no read of its own that can fail. In a Terraform plan that leaves
#   `apiServerAccessProfile.enablePrivateCluster` to be known only after apply, the cluster is
#   `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/private-clusters
#   - ref: https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges
# custom:
#   id: azure.aks.private_api_server
#   severity: medium
#   resource_types: [Microsoft.ContainerService/managedClusters]
#   remediation: |
#     az aks update --name CLUSTER --resource-group RG --enable-apiserver-vnet-integration
#     --enable-private-cluster (or create the cluster with --enable-private-cluster)
package attestkit.checks.azure.aks.private_api_server

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.ContainerService/managedClusters"

_paths := ["properties.apiServerAccessProfile.enablePrivateCluster"]

results contains result.error(r, inventory.after_apply_message(r, _paths), object.union(_evidence(r), {"known_after_apply": inventory.unknown_paths(r, _paths)})) if {
	some r in inventory.resources(_type)
	_undecided(r)
}

results contains result.pass(r, "private API server", _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	_compliant(r)
}

results contains result.fail(r, _fail_message(r), _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	not _compliant(r)
}

_private(r) := object.get(r.config, ["properties", "apiServerAccessProfile", "enablePrivateCluster"], null)

_ranges(r) := inventory.array_at(r.config, ["properties", "apiServerAccessProfile", "authorizedIPRanges"])

_compliant(r) if _private(r) == true

_fail_message(r) := "public API server reachable from any address" if {
	count(_ranges(r)) == 0
} else := "public API server (narrowed by authorized IP ranges)"

_evidence(r) := {
	"properties.apiServerAccessProfile.enablePrivateCluster": _private(r),
	"properties.apiServerAccessProfile.authorizedIPRanges": _ranges(r),
}

# A Terraform plan leaves the value to be known only after apply: neither pass nor fail.
_undecided(r) if inventory.known_after_apply(r, _paths)
