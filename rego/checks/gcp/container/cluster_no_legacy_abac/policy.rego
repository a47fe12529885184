# METADATA
# title: GKE clusters do not use legacy ABAC
# description: |
#   Legacy attribute-based access control (`legacyAbac.enabled`) is off, so Kubernetes RBAC
#   alone decides what identities may do in the cluster; legacy ABAC grants broad, static
#   permissions outside it. The GKE API omits false booleans: an absent setting is off.
# related_resources:
#   - ref: https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled_default_for_110
#   - ref: https://cloud.google.com/kubernetes-engine/docs/how-to/role-based-access-control
# custom:
#   id: gcp.container.cluster_no_legacy_abac
#   severity: high
#   resource_types: [container.googleapis.com/Cluster]
#   remediation: |
#     gcloud container clusters update CLUSTER --location=LOCATION --no-enable-legacy-authorization
#     (grant what workloads relied on through RBAC Roles and RoleBindings first).
package attestkit.checks.gcp.container.cluster_no_legacy_abac

import data.attestkit.lib.inventory
import data.attestkit.lib.result

results contains result.pass(c, "legacy ABAC disabled", _evidence(c)) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	_compliant(c)
}

results contains result.fail(c, "legacy ABAC enabled", _evidence(c)) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	not _compliant(c)
}

_compliant(c) if object.get(c.config, ["legacyAbac", "enabled"], false) != true

_evidence(c) := {"legacyAbac.enabled": object.get(c.config, ["legacyAbac", "enabled"], null)}
