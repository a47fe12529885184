# METADATA
# title: VPCs record flow logs
# description: |
#   The VPC has an active flow log of its own (FlowLogs: FlowLogStatus ACTIVE, delivery not
#   FAILED) capturing all traffic, or at least rejected traffic (TrafficType ALL or REJECT),
#   so connections to and from the network can be reviewed and investigated. Flow logs of
#   single subnets or network interfaces do not count for the VPC. A VPC whose flow logs
#   could not be listed is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/working-with-flow-logs.html
# custom:
#   id: aws.vpc.flow_logs_enabled
#   severity: medium
#   resource_types: [AWS::EC2::VPC]
#   remediation: |
#     aws ec2 create-flow-logs --resource-type VPC --resource-ids VPC_ID --traffic-type ALL
#     --log-destination-type s3 --log-destination arn:aws:s3:::BUCKET (or cloud-watch-logs with
#     --log-group-name and --deliver-logs-permission-arn)
package attestkit.checks.aws.vpc.flow_logs_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["ec2:DescribeFlowLogs"]

_traffic := {"ALL", "REJECT"}

results contains result.error(v, inventory.read_error_message(v, _apis), {"errors": inventory.read_errors(v, _apis)}) if {
	some v in inventory.resources("AWS::EC2::VPC")
	inventory.any_read_failed(v, _apis)
}

results contains result.pass(v, msg, _evidence(v)) if {
	some v in inventory.resources("AWS::EC2::VPC")
	not inventory.any_read_failed(v, _apis)
	_compliant(v)
	msg := sprintf("flow log of %s traffic to %s", [concat(" and ", _captured(v)), concat(", ", _destinations(v))])
}

results contains result.fail(v, _fail_message(v), _evidence(v)) if {
	some v in inventory.resources("AWS::EC2::VPC")
	not inventory.any_read_failed(v, _apis)
	not _compliant(v)
}

_flow_logs(v) := inventory.array_at(v.config, "FlowLogs")

_good(f) if {
	f.FlowLogStatus == "ACTIVE"
	f.TrafficType in _traffic
	object.get(f, "DeliverLogsStatus", "SUCCESS") != "FAILED"
}

_compliant(v) if {
	some f in _flow_logs(v)
	_good(f)
}

_captured(v) := sort({f.TrafficType | some f in _flow_logs(v); _good(f)})

_destinations(v) := sort({object.get(f, "LogDestinationType", "destination") | some f in _flow_logs(v); _good(f)})

_fail_message(v) := "no flow log" if {
	count(_flow_logs(v)) == 0
} else := "no active flow log of all or rejected traffic"

_evidence(v) := {"FlowLogs": [{
	"FlowLogId": object.get(f, "FlowLogId", null),
	"FlowLogStatus": object.get(f, "FlowLogStatus", null),
	"TrafficType": object.get(f, "TrafficType", null),
	"DeliverLogsStatus": object.get(f, "DeliverLogsStatus", null),
	"LogDestination": object.get(f, "LogDestination", object.get(f, "LogGroupName", null)),
} |
	some f in _flow_logs(v)
]}
