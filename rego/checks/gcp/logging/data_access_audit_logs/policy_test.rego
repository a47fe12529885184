package attestkit.checks.gcp.logging.data_access_audit_logs_test

import data.attestkit.checks.gcp.logging.data_access_audit_logs as check

_all := {"service": "allServices", "auditLogConfigs": [{"logType": "ADMIN_READ"}, {"logType": "DATA_READ"}, {"logType": "DATA_WRITE"}]}

_denied := [{"api": "cloudasset:ListAssets[IAM_POLICY]", "code": "PERMISSION_DENIED", "message": "denied"}]

_level(kind, ref, parents, configs) := {
	"id": sprintf("//cloudresourcemanager.googleapis.com/%s", [ref]),
	"type": sprintf("cloudresourcemanager.googleapis.com/%s", [kind]),
	"account": ref,
	"region": "global",
	"config": {"ancestors": array.concat([ref], parents), "iamPolicy": {"version": 1, "bindings": [], "auditConfigs": configs}},
	"errors": [],
}

_project(number, parents, configs) := _level("Project", sprintf("projects/%s", [number]), parents, configs)

_unreadable(r) := object.union(object.remove(r, ["config", "errors"]), {"config": {"ancestors": r.config.ancestors}, "errors": _denied})

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

_org(configs) := _level("Organization", "organizations/9", [], configs)

test_pass_project_logs_everything if {
	rs := check.results with input as _input([_project("1", ["organizations/9"], [_all])], [], [])
	_status(rs, _id("1")) == {"pass"}
}

test_pass_inherited_from_organization if {
	rs := check.results with input as _input([_project("1", ["organizations/9"], [])], [], [_org([_all])])
	_status(rs, _id("1")) == {"pass"}
}

test_pass_types_split_across_levels if {
	project := _project("1", ["folders/5", "organizations/9"], [{"service": "allServices", "auditLogConfigs": [{"logType": "DATA_READ"}]}])
	folder := _level("Folder", "folders/5", ["organizations/9"], [{"service": "allServices", "auditLogConfigs": [{"logType": "DATA_WRITE"}, {"logType": "ADMIN_READ"}]}])
	rs := check.results with input as _input([project], [folder], [_org(null)])
	_status(rs, _id("1")) == {"pass"}
}

test_error_organization_unreadable_even_when_the_project_logs_everything if {
	# the organization could exempt members for allServices
	rs := check.results with input as _input([_project("1", ["organizations/9"], [_all])], [], [_unreadable(_org([]))])
	_status(rs, _id("1")) == {"error"}
}

test_fail_exemption_seen_despite_unreadable_organization if {
	configs := [{"service": "allServices", "auditLogConfigs": [{"logType": "DATA_READ", "exemptedMembers": ["user:dana@x.com"]}]}]
	rs := check.results with input as _input([_project("1", ["organizations/9"], configs)], [], [_unreadable(_org([]))])
	_status(rs, _id("1")) == {"fail"}
}

test_fail_one_service_only if {
	rs := check.results with input as _input([_project("1", ["organizations/9"], [{"service": "storage.googleapis.com", "auditLogConfigs": [{"logType": "DATA_WRITE"}]}])], [], [_org([])])
	_status(rs, _id("1")) == {"fail"}
}

test_fail_data_read_missing if {
	configs := [{"service": "allServices", "auditLogConfigs": [{"logType": "ADMIN_READ"}, {"logType": "DATA_WRITE"}]}]
	rs := check.results with input as _input([_project("1", [], configs)], [], [])
	_status(rs, _id("1")) == {"fail"}
	some r in rs
	r.message == "allServices does not log DATA_READ"
}

test_fail_exempted_member if {
	configs := [{"service": "allServices", "auditLogConfigs": [{"logType": "ADMIN_READ"}, {"logType": "DATA_READ", "exemptedMembers": ["user:dana@x.com"]}, {"logType": "DATA_WRITE"}]}]
	rs := check.results with input as _input([_project("1", [], configs)], [], [])
	_status(rs, _id("1")) == {"fail"}
}

test_fail_no_audit_configs_ancestors_not_collected if {
	rs := check.results with input as _input([_project("1", ["folders/5", "organizations/9"], null)], [], [])
	_status(rs, _id("1")) == {"fail"}
	some r in rs
	r.evidence["levels not collected"] == ["folders/5", "organizations/9"]
}

test_error_project_iam_unreadable if {
	rs := check.results with input as _input([_unreadable(_project("1", ["organizations/9"], []))], [], [_org([])])
	_status(rs, _id("1")) == {"error"}
}

test_error_organization_iam_unreadable if {
	rs := check.results with input as _input([_project("1", ["organizations/9"], [])], [], [_unreadable(_org([]))])
	_status(rs, _id("1")) == {"error"}
}
