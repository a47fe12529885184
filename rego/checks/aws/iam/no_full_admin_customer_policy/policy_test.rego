package attestkit.checks.aws.iam.no_full_admin_customer_policy_test

import data.attestkit.checks.aws.iam.no_full_admin_customer_policy as check

_id(name) := sprintf("arn:aws:iam::111122223333:policy/%s", [name])

_policy(name, statement, errors) := {
	"id": _id(name),
	"type": "AWS::IAM::ManagedPolicy",
	"account": "111122223333",
	"region": "global",
	"config": _config(name, statement, errors),
	"errors": errors,
}

# A failed GetPolicyVersion leaves PolicyVersion absent.
_config(name, statement, errors) := {"PolicyName": name, "DefaultVersionId": "v2", "AttachmentCount": 1} if {
	count(errors) > 0
} else := {
	"PolicyName": name,
	"DefaultVersionId": "v2",
	"AttachmentCount": 1,
	"PolicyVersion": {"VersionId": "v2", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17", "Statement": statement}},
}

_input(policies) := {"resources": {"AWS::IAM::ManagedPolicy": policies}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "iam:GetPolicyVersion", "code": "AccessDenied", "message": "denied"}]

test_pass_scoped_policy if {
	statement := [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::phi/*"}]
	rs := check.results with input as _input([_policy("scoped", statement, [])])
	_status(rs, _id("scoped")) == {"pass"}
}

test_pass_all_actions_on_one_resource if {
	statement := [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::sandbox/*"}]
	rs := check.results with input as _input([_policy("sandbox", statement, [])])
	_status(rs, _id("sandbox")) == {"pass"}
}

test_pass_service_wildcard_on_everything if {
	statement := [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]
	rs := check.results with input as _input([_policy("s3-admin", statement, [])])
	_status(rs, _id("s3-admin")) == {"pass"}
}

test_pass_deny_star_star if {
	statement := [{"Effect": "Deny", "Action": "*", "Resource": "*"}]
	rs := check.results with input as _input([_policy("deny", statement, [])])
	_status(rs, _id("deny")) == {"pass"}
}

test_fail_star_star_strings if {
	statement := [{"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}]
	rs := check.results with input as _input([_policy("admin", statement, [])])
	_status(rs, _id("admin")) == {"fail"}
	some r in rs
	r.evidence["PolicyVersion.Document.Statement (Allow * on *)"] == ["Admin"]
}

test_fail_star_star_in_lists if {
	statement := [
		{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"},
		{"Effect": "Allow", "Action": ["ec2:*", "*"], "Resource": ["arn:aws:s3:::x", "*"]},
	]
	rs := check.results with input as _input([_policy("admin", statement, [])])
	_status(rs, _id("admin")) == {"fail"}
	some r in rs
	r.evidence["PolicyVersion.Document.Statement (Allow * on *)"] == ["statement 1"]
}

test_fail_single_statement_object if {
	rs := check.results with input as _input([_policy("admin", {"Effect": "Allow", "Action": "*", "Resource": "*"}, [])])
	_status(rs, _id("admin")) == {"fail"}
}

test_fail_document_missing if {
	policy := object.remove(_policy("odd", [], []), ["config"])
	config := {"PolicyName": "odd", "DefaultVersionId": "v1", "PolicyVersion": {"VersionId": "v1"}}
	rs := check.results with input as _input([object.union(policy, {"config": config})])
	_status(rs, _id("odd")) == {"fail"}
}

test_error_version_unreadable if {
	rs := check.results with input as _input([_policy("hidden", [], _denied)])
	_status(rs, _id("hidden")) == {"error"}
}

test_each_policy_gets_exactly_one_status if {
	policies := [
		_policy("scoped", [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}], []),
		_policy("admin", [{"Effect": "Allow", "Action": "*", "Resource": "*"}], []),
		_policy("hidden", [], _denied),
	]
	rs := check.results with input as _input(policies)
	expected := {"scoped": "pass", "admin": "fail", "hidden": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

test_no_result_without_policies if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
