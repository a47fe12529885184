package attestkit.checks.gcp.storage.public_access_prevention_enforced_test

import data.attestkit.checks.gcp.storage.public_access_prevention_enforced as check

_pap(enforced) := {"constraint": "constraints/storage.publicAccessPrevention", "booleanPolicy": {"enforced": enforced}}

_other := {"constraint": "constraints/compute.requireOsLogin", "booleanPolicy": {"enforced": true}}

_denied := [{"api": "cloudasset:ListAssets[ORG_POLICY]", "code": "PERMISSION_DENIED", "message": "denied"}]

_project(number, parents, policies) := {
	"id": sprintf("//cloudresourcemanager.googleapis.com/projects/%s", [number]),
	"type": "cloudresourcemanager.googleapis.com/Project",
	"account": sprintf("p%s", [number]),
	"region": "global",
	"config": {"projectNumber": number, "ancestors": array.concat([sprintf("projects/%s", [number])], parents), "orgPolicy": policies},
	"errors": [],
}

_container(kind, ref, parents, policies) := {
	"id": sprintf("//cloudresourcemanager.googleapis.com/%s", [ref]),
	"type": sprintf("cloudresourcemanager.googleapis.com/%s", [kind]),
	"account": ref,
	"region": "global",
	"config": {"name": ref, "ancestors": array.concat([ref], parents), "orgPolicy": policies},
	"errors": [],
}

_unreadable(r) := object.union(object.remove(r, ["config", "errors"]), {"config": object.remove(r.config, ["orgPolicy"]), "errors": _denied})

_id(number) := sprintf("//cloudresourcemanager.googleapis.com/projects/%s", [number])

_input(projects, folders, orgs) := {
	"resources": {
		"cloudresourcemanager.googleapis.com/Project": projects,
		"cloudresourcemanager.googleapis.com/Folder": folders,
		"cloudresourcemanager.googleapis.com/Organization": orgs,
	},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_org := _container("Organization", "organizations/9", [], null)

_folder := _container("Folder", "folders/5", ["organizations/9"], [_pap(true)])

test_pass_enforced_on_the_project if {
	rs := check.results with input as _input([_project("1", [], [_other, _pap(true)])], [], [])
	_status(rs, _id("1")) == {"pass"}
}

test_pass_inherited_from_folder if {
	rs := check.results with input as _input([_project("1", ["folders/5", "organizations/9"], null)], [_folder], [_org])
	_status(rs, _id("1")) == {"pass"}
}

test_pass_inherited_from_organization if {
	org := _container("Organization", "organizations/9", [], [_pap(true)])
	rs := check.results with input as _input([_project("1", ["organizations/9"], [_other])], [], [org])
	_status(rs, _id("1")) == {"pass"}
}

test_fail_project_overrides_folder if {
	rs := check.results with input as _input([_project("1", ["folders/5", "organizations/9"], [{"constraint": "constraints/storage.publicAccessPrevention", "booleanPolicy": {}}])], [_folder], [_org])
	_status(rs, _id("1")) == {"fail"}
}

test_fail_restore_default_on_project if {
	rs := check.results with input as _input([_project("1", ["folders/5", "organizations/9"], [{"constraint": "constraints/storage.publicAccessPrevention", "restoreDefault": {}}])], [_folder], [_org])
	_status(rs, _id("1")) == {"fail"}
}

test_fail_set_nowhere if {
	rs := check.results with input as _input([_project("1", ["organizations/9"], null)], [], [_org])
	_status(rs, _id("1")) == {"fail"}
}

test_fail_ancestors_not_collected if {
	rs := check.results with input as _input([_project("1", ["folders/5", "organizations/9"], null)], [], [])
	_status(rs, _id("1")) == {"fail"}
	some r in rs
	r.evidence.deciding == {"level": "folders/5", "state": "not_collected"}
}

test_error_project_org_policies_unreadable if {
	rs := check.results with input as _input([_unreadable(_project("1", ["folders/5", "organizations/9"], null))], [_folder], [_org])
	_status(rs, _id("1")) == {"error"}
}

test_error_folder_org_policies_unreadable if {
	rs := check.results with input as _input([_project("1", ["folders/5", "organizations/9"], null)], [_unreadable(_folder)], [_org])
	_status(rs, _id("1")) == {"error"}
}

test_pass_project_decides_before_an_unreadable_folder if {
	rs := check.results with input as _input([_project("1", ["folders/5", "organizations/9"], [_pap(true)])], [_unreadable(_folder)], [_org])
	_status(rs, _id("1")) == {"pass"}
}

test_each_project_gets_exactly_one_status if {
	projects := [
		_project("1", ["folders/5", "organizations/9"], null),
		_project("2", ["organizations/9"], null),
		_unreadable(_project("3", ["organizations/9"], null)),
		_project("4", ["folders/7", "organizations/9"], null),
	]
	rs := check.results with input as _input(projects, [_folder], [_org])
	expected := {"1": "pass", "2": "fail", "3": "error", "4": "fail"}
	every number, status in expected {
		_status(rs, _id(number)) == {status}
	}
}
