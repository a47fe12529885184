package attestkit.checks.aws.lambda.function_environment_encrypted_with_cmk_test

import data.attestkit.checks.aws.lambda.function_environment_encrypted_with_cmk as check

_id(name) := sprintf("arn:aws:lambda:us-east-1:111122223333:function:%s", [name])

_function(name, config) := {
	"id": _id(name),
	"type": "AWS::Lambda::Function",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"FunctionName": name, "Runtime": "python3.13"}, config),
	"errors": [],
}

_input(functions) := {"resources": {"AWS::Lambda::Function": functions}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_key := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

test_pass_variables_with_customer_key if {
	config := {"Environment": {"VariableNames": ["DB_PASSWORD"]}, "KMSKeyArn": _key}
	rs := check.results with input as _input([_function("f", config)])
	_status(rs, _id("f")) == {"pass"}
}

test_fail_variables_without_key if {
	rs := check.results with input as _input([_function("f", {"Environment": {"VariableNames": ["DB_PASSWORD", "TOKEN"]}})])
	_status(rs, _id("f")) == {"fail"}
	some r in rs
	r.evidence == {"Environment.VariableNames": ["DB_PASSWORD", "TOKEN"], "KMSKeyArn": null}
}

test_fail_empty_key_arn if {
	config := {"Environment": {"VariableNames": ["A"]}, "KMSKeyArn": ""}
	rs := check.results with input as _input([_function("f", config)])
	_status(rs, _id("f")) == {"fail"}
}

test_no_result_without_environment if {
	rs := check.results with input as _input([_function("f", {})])
	_status(rs, _id("f")) == set()
}

test_no_result_empty_environment if {
	rs := check.results with input as _input([_function("f", {"Environment": {"VariableNames": []}})])
	_status(rs, _id("f")) == set()
}

test_no_result_null_environment if {
	rs := check.results with input as _input([_function("f", {"Environment": null})])
	_status(rs, _id("f")) == set()
}

test_each_function_gets_at_most_one_status if {
	functions := [
		_function("cmk", {"Environment": {"VariableNames": ["A"]}, "KMSKeyArn": _key}),
		_function("aws", {"Environment": {"VariableNames": ["A"]}}),
		_function("none", {}),
	]
	rs := check.results with input as _input(functions)
	expected := {"cmk": {"pass"}, "aws": {"fail"}, "none": set()}
	every name, statuses in expected {
		_status(rs, _id(name)) == statuses
	}
}

test_no_result_without_functions if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan whose environment variables are known only after apply writes no names and
# lists the path.
_planned := {"_terraform": {"unknown": ["Environment.VariableNames"]}}

test_error_variables_known_after_apply if {
	rs := check.results with input as _input([_function("api", _planned)])
	_status(rs, _id("api")) == {"error"}
	some r in rs
	r.evidence == {"Environment.VariableNames": [], "KMSKeyArn": null, "known_after_apply": ["Environment.VariableNames"]}
	startswith(r.message, "cannot judge before apply: Environment.VariableNames")
}

test_pass_customer_key_decides_before_apply if {
	key := "arn:aws:kms:us-east-1:111122223333:key/k"
	rs := check.results with input as _input([_function("api", object.union(_planned, {"KMSKeyArn": key}))])
	_status(rs, _id("api")) == {"pass"}
}
