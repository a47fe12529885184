# METADATA
# title: GKE clusters use Workload Identity
# description: |
#   The cluster has a workload pool (`workloadIdentityConfig.workloadPool`), so pods use
#   their own Kubernetes service accounts mapped to IAM instead of the node's service account
#   and metadata server, and no node pool opts out (`config.workloadMetadataConfig.mode`
#   GCE_METADATA exposes the node's credentials to its pods).
# related_resources:
#   - ref: https://cloud.google.com/kubernetes-engine/docs/concepts/workload-identity
#   - ref: https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
# custom:
#   id: gcp.container.cluster_workload_identity
#   severity: medium
#   resource_types: [container.googleapis.com/Cluster]
#   remediation: |
#     gcloud container clusters update CLUSTER --location=LOCATION
#     --workload-pool=PROJECT_ID.svc.id.goog, then for each node pool gcloud container
#     node-pools update POOL --cluster=CLUSTER --location=LOCATION --workload-metadata=GKE_METADATA
package attestkit.checks.gcp.container.cluster_workload_identity

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_paths := ["nodePools[].config.workloadMetadataConfig.mode"]

results contains result.error(c, inventory.after_apply_message(c, _paths), inventory.with_unknown(c, _paths, _evidence(c))) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	_undecided(c)
}

results contains result.pass(c, sprintf("workload pool %s", [_pool(c)]), _evidence(c)) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	not _undecided(c)
	_compliant(c)
}

results contains result.fail(c, _fail_message(c), _evidence(c)) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	not _undecided(c)
	not _compliant(c)
}

# a workload pool and no pool known to opt out, but a pool whose mode is known only after apply
_undecided(c) if {
	_pool(c)
	count(_opted_out(c)) == 0
	some np in inventory.array_at(c.config, "nodePools")
	inventory.unknown_until_apply(object.get(np, ["config", "workloadMetadataConfig", "mode"], ""))
}

_pool(c) := p if {
	p := object.get(c.config, ["workloadIdentityConfig", "workloadPool"], "")
	is_string(p)
	p != ""
}

_opted_out(c) := [object.get(np, "name", "?") |
	some np in inventory.array_at(c.config, "nodePools")
	object.get(np, ["config", "workloadMetadataConfig", "mode"], "") == "GCE_METADATA"
]

_compliant(c) if {
	_pool(c)
	count(_opted_out(c)) == 0
}

_fail_message(c) := "Workload Identity not enabled (no workload pool)" if {
	not _pool(c)
} else := sprintf("node pools expose the node metadata server: %s", [concat(", ", _opted_out(c))])

_evidence(c) := {
	"workloadIdentityConfig.workloadPool": object.get(c.config, ["workloadIdentityConfig", "workloadPool"], null),
	"node pools with GCE_METADATA": _opted_out(c),
}
