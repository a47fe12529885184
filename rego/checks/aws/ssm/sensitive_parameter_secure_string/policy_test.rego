package attestkit.checks.aws.ssm.sensitive_parameter_secure_string_test

import data.attestkit.checks.aws.ssm.sensitive_parameter_secure_string as check

_id(name) := sprintf("arn:aws:ssm:us-east-1:111122223333:parameter%s", [name])

_parameter(name, type) := {
	"id": _id(name),
	"type": "AWS::SSM::Parameter",
	"account": "111122223333",
	"region": "us-east-1",
	"config": {"Name": name, "Type": type, "Tier": "Standard", "DataType": "text", "Version": 1},
	"errors": [],
}

_input(parameters) := {"resources": {"AWS::SSM::Parameter": parameters}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_password_secure_string if {
	rs := check.results with input as _input([_parameter("/prod/db/password", "SecureString")])
	_status(rs, _id("/prod/db/password")) == {"pass"}
}

test_fail_password_plain_string if {
	rs := check.results with input as _input([_parameter("/prod/db/password", "String")])
	_status(rs, _id("/prod/db/password")) == {"fail"}
	some r in rs
	r.evidence == {"Name": "/prod/db/password", "Type": "String", "KeyId": null}
}

test_fail_secret_looking_names if {
	names := ["/prod/DB_PASSWD", "/app/api_key", "/app/apiKey", "/stripe/secret", "/github/token", "/signing-key", "/KEY", "/svc/credentials"]
	rs := check.results with input as _input([_parameter(n, "String") | some n in names])
	every n in names {
		_status(rs, _id(n)) == {"fail"}
	}
}

test_fail_string_list_of_tokens if {
	rs := check.results with input as _input([_parameter("/app/tokens", "StringList")])
	_status(rs, _id("/app/tokens")) == {"fail"}
}

test_no_result_ordinary_names if {
	names := ["/prod/portal/base-url", "/app/keyboard-layout", "/monkey", "/app/log-level"]
	rs := check.results with input as _input([_parameter(n, "String") | some n in names])
	count(rs) == 0
}

test_no_result_references_to_secrets if {
	names := ["/app/kms-key-id", "/app/db-secret-arn", "/auth/token-url", "/policy/password-length", "/AWS_ACCESS_KEY_ID"]
	rs := check.results with input as _input([_parameter(n, "String") | some n in names])
	count(rs) == 0
}

test_each_parameter_gets_at_most_one_status if {
	parameters := [
		_parameter("/a/password", "SecureString"),
		_parameter("/b/password", "String"),
		_parameter("/c/base-url", "String"),
	]
	rs := check.results with input as _input(parameters)
	expected := {"/a/password": {"pass"}, "/b/password": {"fail"}, "/c/base-url": set()}
	every name, statuses in expected {
		_status(rs, _id(name)) == statuses
	}
}

test_no_result_without_parameters if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned(name, type, unknown) := object.union(_parameter(name, type), {
	"id": "aws_ssm_parameter.this",
	"config": {"_terraform": {"unknown": unknown}},
})

test_error_name_known_after_apply if {
	rs := check.results with input as _input([_planned("(known after apply)", "String", ["Name"])])
	_status(rs, "aws_ssm_parameter.this") == {"error"}
	some r in rs
	r.evidence == {"Name": "(known after apply)", "Type": "String", "KeyId": null, "known_after_apply": ["Name"]}
	startswith(r.message, "cannot judge before apply: Name")
}

test_error_type_known_after_apply if {
	rs := check.results with input as _input([_planned("/app/db/password", "(known after apply)", ["Type"])])
	_status(rs, "aws_ssm_parameter.this") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["Type"]
}

test_pass_secure_string_name_known_after_apply if {
	rs := check.results with input as _input([_planned("(known after apply)", "SecureString", ["Name"])])
	_status(rs, "aws_ssm_parameter.this") == {"pass"}
}

test_no_result_ordinary_name_type_known_after_apply if {
	rs := check.results with input as _input([_planned("/app/log-level", "(known after apply)", ["Type"])])
	count(rs) == 0
}
