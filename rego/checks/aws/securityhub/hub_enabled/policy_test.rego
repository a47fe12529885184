package attestkit.checks.aws.securityhub.hub_enabled_test

import data.attestkit.checks.aws.securityhub.hub_enabled as check

_id(region) := sprintf("arn:aws:securityhub:%s:111122223333:hub/default", [region])

_hub(region, config, errors) := {
	"id": _id(region),
	"type": "AWS::SecurityHub::Hub",
	"account": "111122223333",
	"region": region,
	"config": config,
	"errors": errors,
}

_input(hubs) := {"resources": {"AWS::SecurityHub::Hub": hubs}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_subscribed(region) := {"Hub": {
	"HubArn": _id(region),
	"SubscribedAt": "2026-01-05T10:00:00Z",
	"AutoEnableControls": true,
	"ControlFindingGenerator": "SECURITY_CONTROL",
}}

test_pass_subscribed if {
	rs := check.results with input as _input([_hub("us-east-1", _subscribed("us-east-1"), [])])
	_status(rs, _id("us-east-1")) == {"pass"}
}

test_fail_not_subscribed if {
	rs := check.results with input as _input([_hub("us-east-1", {"Hub": null}, [])])
	_status(rs, _id("us-east-1")) == {"fail"}
}

test_fail_hub_missing_without_error if {
	rs := check.results with input as _input([_hub("us-east-1", {}, [])])
	_status(rs, _id("us-east-1")) == {"fail"}
}

test_fail_evidence_is_null_hub if {
	rs := check.results with input as _input([_hub("eu-west-1", {"Hub": null}, [])])
	some r in rs
	r.evidence == {"Hub": null}
	r.message == "Security Hub not enabled in eu-west-1"
}

test_error_describe_hub_denied if {
	errors := [{"api": "securityhub:DescribeHub", "code": "AccessDeniedException", "message": "denied"}]
	rs := check.results with input as _input([_hub("us-east-1", {}, errors)])
	_status(rs, _id("us-east-1")) == {"error"}
}

test_each_region_gets_exactly_one_status if {
	hubs := [
		_hub("us-east-1", _subscribed("us-east-1"), []),
		_hub("us-west-2", {"Hub": null}, []),
		_hub("eu-west-1", {}, [{"api": "securityhub:DescribeHub", "code": "AccessDeniedException", "message": "denied"}]),
	]
	rs := check.results with input as _input(hubs)
	expected := {"us-east-1": "pass", "us-west-2": "fail", "eu-west-1": "error"}
	every region, status in expected {
		_status(rs, _id(region)) == {status}
	}
	count(rs) == 3
}

test_no_result_without_hubs if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
