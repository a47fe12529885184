# METADATA
# title: GKE clusters enforce Kubernetes network policies
# description: |
#   NetworkPolicy objects are enforced in the cluster, so workloads can be isolated from each
#   other: network policy enforcement is on (`networkPolicy.enabled`), or the cluster uses
#   GKE Dataplane V2 (`networkConfig.datapathProvider` ADVANCED_DATAPATH), which always
#   enforces them, as Autopilot clusters do. When a Terraform plan leaves one of these to be
#   known after apply and the known ones do not enforce policies, the cluster is `error`.
# related_resources:
#   - ref: https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy
#   - ref: https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2
# custom:
#   id: gcp.container.cluster_network_policy
#   severity: medium
#   resource_types: [container.googleapis.com/Cluster]
#   remediation: |
#     gcloud container clusters update CLUSTER --location=LOCATION --update-addons=NetworkPolicy=ENABLED,
#     then gcloud container clusters update CLUSTER --location=LOCATION --enable-network-policy
#     (new clusters: --enable-dataplane-v2).
package attestkit.checks.gcp.container.cluster_network_policy

import data.attestkit.lib.inventory
import data.attestkit.lib.result

# Paths a Terraform plan can leave known only after apply.
_paths := ["autopilot.enabled", "networkConfig.datapathProvider", "networkPolicy.enabled"]

results contains result.pass(c, _how(c), inventory.with_unknown(c, _paths, _evidence(c))) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	_compliant(c)
}

results contains result.fail(c, "network policies are not enforced", _evidence(c)) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	not _compliant(c)
	not _undecided(c)
}

results contains result.error(c, inventory.after_apply_message(c, _paths), inventory.with_unknown(c, _paths, _evidence(c))) if {
	some c in inventory.resources("container.googleapis.com/Cluster")
	_undecided(c)
}

_compliant(c) if _how(c)

# Any one of the settings known only after apply could turn enforcement on.
_undecided(c) if {
	not _compliant(c)
	inventory.known_after_apply(c, _paths)
}

_how(c) := "network policy enforcement enabled" if {
	object.get(c.config, ["networkPolicy", "enabled"], false) == true
} else := "GKE Dataplane V2 enforces network policies" if {
	object.get(c.config, ["networkConfig", "datapathProvider"], "") == "ADVANCED_DATAPATH"
} else := "Autopilot enforces network policies" if {
	object.get(c.config, ["autopilot", "enabled"], false) == true
}

_evidence(c) := {
	"networkPolicy": object.get(c.config, "networkPolicy", null),
	"networkConfig.datapathProvider": object.get(c.config, ["networkConfig", "datapathProvider"], null),
	"autopilot.enabled": object.get(c.config, ["autopilot", "enabled"], null),
}
