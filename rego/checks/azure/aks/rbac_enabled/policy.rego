# METADATA
# title: AKS clusters use Kubernetes RBAC
# description: |
#   Kubernetes role-based access control is enabled on the AKS cluster (`enableRBAC`), so
#   access to the Kubernetes API is granted per user, group and namespace instead of to
#   anyone holding a cluster credential. The evidence also shows whether Microsoft Entra ID
#   integration (`aadProfile`) and local accounts are in use. The check judges the cluster's
#   ARM properties; it has no read of its own that can fail. In a Terraform plan that leaves
#   `enableRBAC` to be known only after apply, the cluster is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/aks/concepts-identity
#   - ref: https://learn.microsoft.com/azure/aks/manage-azure-rbac
# custom:
#   id: azure.aks.rbac_enabled
#   severity: high
#   resource_types: [Microsoft.ContainerService/managedClusters]
#   remediation: |
#     Kubernetes RBAC is set when a cluster is created: az aks create ... (RBAC is the default;
#     never pass --disable-rbac), then move workloads; add Entra ID with az aks update --enable-aad
package attestkit.checks.azure.aks.rbac_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.ContainerService/managedClusters"

_paths := ["properties.enableRBAC"]

results contains result.error(r, inventory.after_apply_message(r, _paths), object.union(_evidence(r), {"known_after_apply": inventory.unknown_paths(r, _paths)})) if {
	some r in inventory.resources(_type)
	_undecided(r)
}

results contains result.pass(r, "Kubernetes RBAC enabled", _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	_compliant(r)
}

results contains result.fail(r, "Kubernetes RBAC disabled: any cluster credential grants full API access", _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	not _compliant(r)
}

_compliant(r) if object.get(r.config, ["properties", "enableRBAC"], null) == true

_evidence(r) := {
	"properties.enableRBAC": object.get(r.config, ["properties", "enableRBAC"], null),
	"properties.aadProfile.managed": object.get(r.config, ["properties", "aadProfile", "managed"], null),
	"properties.disableLocalAccounts": object.get(r.config, ["properties", "disableLocalAccounts"], null),
}

# A Terraform plan leaves the value to be known only after apply: neither pass nor fail.
_undecided(r) if inventory.known_after_apply(r, _paths)
