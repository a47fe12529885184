package attestkit.checks.aws.ec2.instance_imdsv2_required_test

import data.attestkit.checks.aws.ec2.instance_imdsv2_required as check

_id(name) := sprintf("arn:aws:ec2:us-east-1:111122223333:instance/%s", [name])

_instance(name, options) := {
	"id": _id(name),
	"type": "AWS::EC2::Instance",
	"account": "111122223333",
	"region": "us-east-1",
	"config": {"InstanceId": name, "State": {"Name": "running"}, "MetadataOptions": options},
	"errors": [],
}

_input(instances) := {"resources": {"AWS::EC2::Instance": instances}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_tokens_required if {
	rs := check.results with input as _input([_instance("i-1", {"HttpTokens": "required", "HttpEndpoint": "enabled"})])
	_status(rs, _id("i-1")) == {"pass"}
}

test_pass_metadata_service_disabled if {
	rs := check.results with input as _input([_instance("i-1", {"HttpTokens": "optional", "HttpEndpoint": "disabled"})])
	_status(rs, _id("i-1")) == {"pass"}
}

test_fail_tokens_optional if {
	rs := check.results with input as _input([_instance("i-2", {"HttpTokens": "optional", "HttpEndpoint": "enabled"})])
	_status(rs, _id("i-2")) == {"fail"}
	some r in rs
	r.evidence == {"MetadataOptions.HttpTokens": "optional", "MetadataOptions.HttpEndpoint": "enabled"}
}

test_fail_options_missing if {
	rs := check.results with input as _input([_instance("i-3", null)])
	_status(rs, _id("i-3")) == {"fail"}
}

test_each_instance_gets_exactly_one_status if {
	instances := [_instance("a", {"HttpTokens": "required"}), _instance("b", {"HttpTokens": "optional"})]
	rs := check.results with input as _input(instances)
	_status(rs, _id("a")) == {"pass"}
	_status(rs, _id("b")) == {"fail"}
	count(rs) == 2
}

test_no_result_without_instances if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned(options) := object.union(_instance("web", options), {"id": "aws_instance.web", "config": {"_terraform": {"unknown": ["MetadataOptions.HttpTokens"]}}})

test_error_tokens_known_after_apply if {
	rs := check.results with input as _input([_planned({"HttpTokens": "(known after apply)"})])
	_status(rs, "aws_instance.web") == {"error"}
	some r in rs
	r.evidence == {"MetadataOptions.HttpTokens": "(known after apply)", "MetadataOptions.HttpEndpoint": null, "known_after_apply": ["MetadataOptions.HttpTokens"]}
	r.message == "cannot judge before apply: MetadataOptions.HttpTokens known only after apply; judge the applied resource"
}

test_pass_metadata_service_disabled_tokens_known_after_apply if {
	rs := check.results with input as _input([_planned({"HttpTokens": "(known after apply)", "HttpEndpoint": "disabled"})])
	_status(rs, "aws_instance.web") == {"pass"}
}
