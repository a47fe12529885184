package attestkit.checks.aws.elbv2.access_logging_enabled_test

import data.attestkit.checks.aws.elbv2.access_logging_enabled as check

_attributes(enabled, bucket) := [
	{"Key": "access_logs.s3.enabled", "Value": enabled},
	{"Key": "access_logs.s3.bucket", "Value": bucket},
	{"Key": "deletion_protection.enabled", "Value": "false"},
]

_lb(name, type, attributes, errors) := {
	"id": sprintf("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/%s", [name]),
	"type": "AWS::ElasticLoadBalancingV2::LoadBalancer",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"LoadBalancerName": name, "Type": type}, _with(attributes)),
	"errors": errors,
}

_with(null) := {}

_with(attributes) := {"Attributes": attributes} if attributes != null

_id(name) := sprintf("arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/%s", [name])

_input(lbs) := {"resources": {"AWS::ElasticLoadBalancingV2::LoadBalancer": lbs}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_access_logs_on if {
	rs := check.results with input as _input([_lb("portal", "application", _attributes("true", "network-logs"), [])])
	_status(rs, _id("portal")) == {"pass"}
	some r in rs
	r.message == "access logs to s3://network-logs"
}

test_fail_access_logs_off if {
	rs := check.results with input as _input([_lb("admin", "application", _attributes("false", ""), [])])
	_status(rs, _id("admin")) == {"fail"}
}

test_fail_attribute_absent if {
	rs := check.results with input as _input([_lb("odd", "application", [], [])])
	_status(rs, _id("odd")) == {"fail"}
}

test_error_attributes_unreadable if {
	errors := [{"api": "elbv2:DescribeLoadBalancerAttributes", "code": "AccessDenied", "message": "denied"}]
	rs := check.results with input as _input([_lb("unknown", "application", null, errors)])
	_status(rs, _id("unknown")) == {"error"}
}

test_no_result_network_load_balancer if {
	rs := check.results with input as _input([_lb("hl7", "network", _attributes("false", ""), [])])
	count(rs) == 0
}
