package attestkit.checks.aws.lambda.function_runtime_supported_test

import data.attestkit.checks.aws.lambda.function_runtime_supported as check

_id(name) := sprintf("arn:aws:lambda:us-east-1:111122223333:function:%s", [name])

_function(name, config) := {
	"id": _id(name),
	"type": "AWS::Lambda::Function",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"FunctionName": name, "FunctionArn": _id(name), "PackageType": "Zip"}, config),
	"errors": [],
}

_input(functions, at) := {"resources": {"AWS::Lambda::Function": functions}, "collection_errors": [], "collected_at": at}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_supported_runtime if {
	rs := check.results with input as _input([_function("f", {"Runtime": "python3.13"})], "2026-11-28T00:00:00Z")
	_status(rs, _id("f")) == {"pass"}
}

test_pass_the_day_before_deprecation if {
	rs := check.results with input as _input([_function("f", {"Runtime": "nodejs22.x"})], "2027-04-29T23:59:59Z")
	_status(rs, _id("f")) == {"pass"}
}

test_fail_on_the_deprecation_date if {
	rs := check.results with input as _input([_function("f", {"Runtime": "nodejs22.x"})], "2027-04-30T00:00:00Z")
	_status(rs, _id("f")) == {"fail"}
}

test_fail_long_deprecated_runtime if {
	rs := check.results with input as _input([_function("f", {"Runtime": "python3.8"})], "2026-11-28T00:00:00Z")
	_status(rs, _id("f")) == {"fail"}
	some r in rs
	r.message == "runtime python3.8 deprecated since 2024-10-14T00:00:00Z"
	r.evidence == {"Runtime": "python3.8", "deprecation_date": "2024-10-14T00:00:00Z"}
}

test_fail_unknown_runtime if {
	rs := check.results with input as _input([_function("f", {"Runtime": "cobol85"})], "2026-11-28T00:00:00Z")
	_status(rs, _id("f")) == {"fail"}
	some r in rs
	r.evidence.deprecation_date == null
}

test_no_result_container_image_function if {
	rs := check.results with input as _input([_function("img", {"PackageType": "Image"})], "2026-11-28T00:00:00Z")
	_status(rs, _id("img")) == set()
}

test_each_function_gets_at_most_one_status if {
	functions := [
		_function("new", {"Runtime": "python3.12"}),
		_function("old", {"Runtime": "nodejs16.x"}),
		_function("img", {"PackageType": "Image"}),
	]
	rs := check.results with input as _input(functions, "2026-11-28T00:00:00Z")
	expected := {"new": {"pass"}, "old": {"fail"}, "img": set()}
	every name, statuses in expected {
		_status(rs, _id(name)) == statuses
	}
}

test_no_result_without_functions if {
	rs := check.results with input as _input([], "2026-11-28T00:00:00Z")
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
test_error_runtime_known_after_apply if {
	planned := {"Runtime": "(known after apply)", "_terraform": {"unknown": ["Runtime"]}}
	rs := check.results with input as _input([_function("api", planned)], "2026-11-28T00:00:00Z")
	_status(rs, _id("api")) == {"error"}
	some r in rs
	r.evidence == {"Runtime": "(known after apply)", "deprecation_date": null, "known_after_apply": ["Runtime"]}
	startswith(r.message, "cannot judge before apply: Runtime")
}
