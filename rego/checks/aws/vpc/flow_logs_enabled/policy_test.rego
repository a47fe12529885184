package attestkit.checks.aws.vpc.flow_logs_enabled_test

import data.attestkit.checks.aws.vpc.flow_logs_enabled as check

_flow(traffic, changes) := object.union({
	"FlowLogId": "fl-0123456789abcdef0",
	"FlowLogStatus": "ACTIVE",
	"DeliverLogsStatus": "SUCCESS",
	"TrafficType": traffic,
	"ResourceId": "vpc-1",
	"LogDestinationType": "s3",
	"LogDestination": "arn:aws:s3:::network-logs",
}, changes)

_vpc(name, flow_logs, errors) := {
	"id": sprintf("arn:aws:ec2:us-east-1:111122223333:vpc/%s", [name]),
	"type": "AWS::EC2::VPC",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"VpcId": name, "IsDefault": false, "CidrBlock": "10.0.0.0/16"}, _logs(flow_logs)),
	"errors": errors,
}

_logs(null) := {}

_logs(flow_logs) := {"FlowLogs": flow_logs} if flow_logs != null

_id(name) := sprintf("arn:aws:ec2:us-east-1:111122223333:vpc/%s", [name])

_input(vpcs) := {"resources": {"AWS::EC2::VPC": vpcs}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_all_traffic if {
	rs := check.results with input as _input([_vpc("vpc-1", [_flow("ALL", {})], [])])
	_status(rs, _id("vpc-1")) == {"pass"}
	some r in rs
	r.message == "flow log of ALL traffic to s3"
}

test_pass_rejected_traffic if {
	rs := check.results with input as _input([_vpc("vpc-2", [_flow("REJECT", {})], [])])
	_status(rs, _id("vpc-2")) == {"pass"}
}

test_pass_one_good_among_others if {
	logs := [_flow("ACCEPT", {}), _flow("ALL", {"FlowLogStatus": "ACTIVE", "LogDestinationType": "cloud-watch-logs"})]
	rs := check.results with input as _input([_vpc("vpc-3", logs, [])])
	_status(rs, _id("vpc-3")) == {"pass"}
}

test_fail_no_flow_log if {
	rs := check.results with input as _input([_vpc("vpc-4", [], [])])
	_status(rs, _id("vpc-4")) == {"fail"}
	some r in rs
	r.evidence == {"FlowLogs": []}
}

test_fail_accepted_traffic_only if {
	rs := check.results with input as _input([_vpc("vpc-5", [_flow("ACCEPT", {})], [])])
	_status(rs, _id("vpc-5")) == {"fail"}
}

test_fail_delivery_failing if {
	rs := check.results with input as _input([_vpc("vpc-6", [_flow("ALL", {"DeliverLogsStatus": "FAILED"})], [])])
	_status(rs, _id("vpc-6")) == {"fail"}
}

test_fail_flow_logs_null if {
	rs := check.results with input as _input([_vpc("vpc-7", null, [])])
	_status(rs, _id("vpc-7")) == {"fail"}
}

test_error_flow_logs_unreadable if {
	errors := [{"api": "ec2:DescribeFlowLogs", "code": "UnauthorizedOperation", "message": "denied"}]
	rs := check.results with input as _input([_vpc("vpc-8", null, errors)])
	_status(rs, _id("vpc-8")) == {"error"}
}

test_no_result_without_vpcs if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
