package attestkit.checks.gcp.iam.no_basic_roles_for_users_test

import data.attestkit.checks.gcp.iam.no_basic_roles_for_users as check

_id(number) := sprintf("//cloudresourcemanager.googleapis.com/projects/%s", [number])

_project(number, bindings) := {
	"id": _id(number),
	"type": "cloudresourcemanager.googleapis.com/Project",
	"account": sprintf("p%s", [number]),
	"region": "global",
	"config": {"projectNumber": number, "ancestors": [sprintf("projects/%s", [number])], "iamPolicy": {"version": 1, "bindings": bindings}},
	"errors": [],
}

_unreadable(number) := {
	"id": _id(number),
	"type": "cloudresourcemanager.googleapis.com/Project",
	"account": sprintf("p%s", [number]),
	"region": "global",
	"config": {"projectNumber": number, "ancestors": [sprintf("projects/%s", [number])]},
	"errors": [{"api": "cloudasset:ListAssets[IAM_POLICY]", "code": "PERMISSION_DENIED", "message": "denied"}],
}

_input(projects) := {"resources": {"cloudresourcemanager.googleapis.com/Project": projects}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_judge(bindings) := s if {
	rs := check.results with input as _input([_project("1", bindings)])
	s := _status(rs, _id("1"))
}

test_pass_service_accounts_only if {
	_judge([
		{"role": "roles/owner", "members": ["serviceAccount:terraform@p.iam.gserviceaccount.com"]},
		{"role": "roles/editor", "members": ["serviceAccount:1@cloudservices.gserviceaccount.com"]},
	]) == {"pass"}
}

test_pass_people_with_predefined_roles if {
	_judge([{"role": "roles/viewer", "members": ["group:analysts@x.com"]}, {"role": "roles/compute.admin", "members": ["user:a@x.com"]}]) == {"pass"}
}

test_pass_no_iam_policy if {
	p := _project("1", [])
	rs := check.results with input as _input([object.union(object.remove(p, ["config"]), {"config": {"ancestors": ["projects/1"], "iamPolicy": null}})])
	_status(rs, _id("1")) == {"pass"}
}

test_pass_deleted_user_is_not_a_person_with_access if {
	_judge([{"role": "roles/owner", "members": ["deleted:user:old@x.com?uid=123"]}]) == {"pass"}
}

test_fail_user_owner if {
	_judge([{"role": "roles/owner", "members": ["serviceAccount:t@p.iam.gserviceaccount.com", "user:dana@x.com"]}]) == {"fail"}
}

test_fail_group_editor if {
	_judge([{"role": "roles/editor", "members": ["group:engineering@x.com"]}]) == {"fail"}
}

test_fail_domain_owner if {
	_judge([{"role": "roles/owner", "members": ["domain:x.com"]}]) == {"fail"}
}

test_fail_evidence_lists_grants if {
	rs := check.results with input as _input([_project("1", [{"role": "roles/owner", "members": ["user:dana@x.com"]}])])
	some r in rs
	r.evidence == {"basic role grants to people": [{"role": "roles/owner", "member": "user:dana@x.com"}]}
}

test_error_iam_policy_unreadable if {
	rs := check.results with input as _input([_unreadable("2")])
	_status(rs, _id("2")) == {"error"}
}

test_each_project_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_project("1", []),
		_project("3", [{"role": "roles/editor", "members": ["user:a@x.com"]}]),
		_unreadable("2"),
	])
	_status(rs, _id("1")) == {"pass"}
	_status(rs, _id("3")) == {"fail"}
	_status(rs, _id("2")) == {"error"}
}
