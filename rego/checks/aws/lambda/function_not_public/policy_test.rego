package attestkit.checks.aws.lambda.function_not_public_test

import data.attestkit.checks.aws.lambda.function_not_public as check

_id(name) := sprintf("arn:aws:lambda:us-east-1:111122223333:function:%s", [name])

_function(name, policy, errors) := {
	"id": _id(name),
	"type": "AWS::Lambda::Function",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"FunctionName": name, "Runtime": "python3.13"}, policy),
	"errors": errors,
}

_policy(statements) := {"Policy": {"Version": "2012-10-17", "Id": "default", "Statement": statements}}

_input(functions) := {"resources": {"AWS::Lambda::Function": functions}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_allow(sid, principal, condition) := object.union(
	{"Sid": sid, "Effect": "Allow", "Principal": principal, "Action": "lambda:InvokeFunction", "Resource": "arn"},
	condition,
)

test_pass_no_policy if {
	rs := check.results with input as _input([_function("f", {"Policy": null}, [])])
	_status(rs, _id("f")) == {"pass"}
}

test_pass_service_principal if {
	policy := _policy([_allow("s3", {"Service": "s3.amazonaws.com"}, {})])
	rs := check.results with input as _input([_function("f", policy, [])])
	_status(rs, _id("f")) == {"pass"}
}

test_pass_public_principal_with_source_arn_condition if {
	condition := {"Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:s3:::uploads"}}}
	policy := _policy([_allow("s3", "*", condition)])
	rs := check.results with input as _input([_function("f", policy, [])])
	_status(rs, _id("f")) == {"pass"}
}

test_pass_public_deny_statement if {
	policy := _policy([{"Sid": "deny", "Effect": "Deny", "Principal": "*", "Action": "lambda:*"}])
	rs := check.results with input as _input([_function("f", policy, [])])
	_status(rs, _id("f")) == {"pass"}
}

test_fail_principal_star if {
	rs := check.results with input as _input([_function("f", _policy([_allow("AnyoneMayInvoke", "*", {})]), [])])
	_status(rs, _id("f")) == {"fail"}
	some r in rs
	r.message == "resource policy lets anyone invoke it: AnyoneMayInvoke"
}

test_fail_principal_aws_star if {
	rs := check.results with input as _input([_function("f", _policy([_allow("p", {"AWS": "*"}, {})]), [])])
	_status(rs, _id("f")) == {"fail"}
}

test_fail_principal_aws_list_with_star if {
	principal := {"AWS": ["arn:aws:iam::444455556666:root", "*"]}
	rs := check.results with input as _input([_function("f", _policy([_allow("p", principal, {})]), [])])
	_status(rs, _id("f")) == {"fail"}
}

test_fail_single_statement_object if {
	policy := {"Policy": {"Version": "2012-10-17", "Statement": _allow("p", "*", {})}}
	rs := check.results with input as _input([_function("f", policy, [])])
	_status(rs, _id("f")) == {"fail"}
}

test_fail_public_function_url if {
	condition := {"Condition": {"StringEquals": {"lambda:FunctionUrlAuthType": "NONE"}}}
	statement := object.union(_allow("FunctionURLAllowPublicAccess", "*", condition), {"Action": "lambda:InvokeFunctionUrl"})
	rs := check.results with input as _input([_function("f", _policy([statement]), [])])
	_status(rs, _id("f")) == {"fail"}
}

test_fail_null_condition_restricts_nothing if {
	rs := check.results with input as _input([_function("f", _policy([_allow("p", "*", {"Condition": null})]), [])])
	_status(rs, _id("f")) == {"fail"}
}

test_error_policy_unreadable if {
	errors := [{"api": "lambda:GetPolicy", "code": "AccessDeniedException", "message": "denied"}]
	rs := check.results with input as _input([_function("f", {}, errors)])
	_status(rs, _id("f")) == {"error"}
}

test_each_function_gets_exactly_one_status if {
	functions := [
		_function("private", {"Policy": null}, []),
		_function("public", _policy([_allow("p", "*", {})]), []),
		_function("unreadable", {}, [{"api": "lambda:GetPolicy", "code": "AccessDeniedException", "message": "denied"}]),
	]
	rs := check.results with input as _input(functions)
	expected := {"private": "pass", "public": "fail", "unreadable": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

test_no_result_without_functions if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
