# METADATA
# title: VPC subnets record flow logs
# description: |
#   Every subnet that carries VM traffic (purpose PRIVATE, or none) has VPC Flow Logs on:
#   `logConfig.enable` true, or for subnets written before `logConfig` existed,
#   `enableFlowLogs` true. Proxy-only, Private Service Connect and NAT subnets cannot log
#   flows and are not judged. When a Terraform plan leaves the setting, or the purpose of a
#   subnet without flow logs, to be known after apply, the subnet is `error`.
# related_resources:
#   - ref: https://cloud.google.com/vpc/docs/flow-logs
#   - ref: https://cloud.google.com/vpc/docs/using-flow-logs
# custom:
#   id: gcp.compute.subnet_flow_logs
#   severity: medium
#   resource_types: [compute.googleapis.com/Subnetwork]
#   remediation: |
#     gcloud compute networks subnets update SUBNET --region=REGION --enable-flow-logs
#     --logging-aggregation-interval=interval-5-sec --logging-flow-sampling=1.0
#     --logging-metadata=include-all
package attestkit.checks.gcp.compute.subnet_flow_logs

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_judged_purposes := {"PRIVATE", "PRIVATE_RFC_1918"}

# Paths a Terraform plan can leave known only after apply.
_paths := ["logConfig.enable"]

results contains result.pass(s, "flow logs enabled", _evidence(s)) if {
	some s in _subnets
	_compliant(s)
}

results contains result.fail(s, "flow logs disabled", _evidence(s)) if {
	some s in _subnets
	not _compliant(s)
	not _undecided(s)
}

results contains result.error(s, sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [concat(", ", _after_apply(s))]), object.union(_evidence(s), {"known_after_apply": _after_apply(s)})) if {
	some s in _subnets
	_undecided(s)
}

_subnets contains s if {
	some s in inventory.resources("compute.googleapis.com/Subnetwork")
	object.get(s.config, "purpose", "PRIVATE") in _judged_purposes
}

# A purpose a plan leaves to be known after apply may be PRIVATE: judged, not dropped.
_subnets contains s if {
	some s in inventory.resources("compute.googleapis.com/Subnetwork")
	inventory.unknown_until_apply(object.get(s.config, "purpose", null))
}

# Flow logs known to be on pass whatever the purpose (only subnets carrying VM traffic log flows).
_undecided(s) if {
	not _compliant(s)
	count(_after_apply(s)) > 0
}

# What the verdict waits for: the listed paths, and a purpose known only after apply.
_after_apply(s) := sort(array.concat(inventory.unknown_paths(s, _paths), ["purpose" |
	inventory.unknown_until_apply(object.get(s.config, "purpose", null))
]))

# logConfig, when it says, is authoritative; the legacy flag speaks only without it.
_compliant(s) if object.get(s.config, ["logConfig", "enable"], null) == true

_compliant(s) if {
	object.get(s.config, ["logConfig", "enable"], null) == null
	object.get(s.config, "enableFlowLogs", false) == true
}

_evidence(s) := {
	"purpose": object.get(s.config, "purpose", null),
	"logConfig": object.get(s.config, "logConfig", null),
	"enableFlowLogs": object.get(s.config, "enableFlowLogs", null),
}
