# METADATA
# title: VPC subnets record flow logs
# description: |
#   Every subnet that carries VM traffic (purpose PRIVATE, or none) has VPC Flow Logs on:
#   `logConfig.enable` true, or for subnets written before `logConfig` existed,
#   `enableFlowLogs` true. Proxy-only, Private Service Connect and NAT subnets cannot log
#   flows and are not judged.
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

results contains result.pass(s, "flow logs enabled", _evidence(s)) if {
	some s in _subnets
	_compliant(s)
}

results contains result.fail(s, "flow logs disabled", _evidence(s)) if {
	some s in _subnets
	not _compliant(s)
}

_subnets contains s if {
	some s in inventory.resources("compute.googleapis.com/Subnetwork")
	object.get(s.config, "purpose", "PRIVATE") in _judged_purposes
}

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
