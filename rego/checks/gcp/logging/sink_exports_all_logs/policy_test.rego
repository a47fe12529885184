package attestkit.checks.gcp.logging.sink_exports_all_logs_test

import data.attestkit.checks.gcp.logging.sink_exports_all_logs as check

_project(number, parents) := {
	"id": sprintf("//cloudresourcemanager.googleapis.com/projects/%s", [number]),
	"type": "cloudresourcemanager.googleapis.com/Project",
	"account": sprintf("p%s", [number]),
	"region": "global",
	"config": {"projectNumber": number, "ancestors": array.concat([sprintf("projects/%s", [number])], parents)},
	"errors": [],
}

_org := {
	"id": "//cloudresourcemanager.googleapis.com/organizations/9",
	"type": "cloudresourcemanager.googleapis.com/Organization",
	"account": "organizations/9",
	"region": "global",
	"config": {"ancestors": ["organizations/9"]},
	"errors": [],
}

_sink(parent_ref, parents, name, extra) := {
	"id": sprintf("//logging.googleapis.com/%s/sinks/%s", [parent_ref, name]),
	"type": "logging.googleapis.com/LogSink",
	"account": "p1",
	"region": "global",
	"config": object.union({"name": name, "destination": "storage.googleapis.com/archive", "ancestors": array.concat([parent_ref], parents)}, extra),
	"errors": [],
}

_id(number) := sprintf("//cloudresourcemanager.googleapis.com/projects/%s", [number])

_input(projects, orgs, sinks) := {
	"resources": {
		"cloudresourcemanager.googleapis.com/Project": projects,
		"cloudresourcemanager.googleapis.com/Folder": [],
		"cloudresourcemanager.googleapis.com/Organization": orgs,
		"logging.googleapis.com/LogSink": sinks,
	},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_defaults(ref) := [
	_sink(ref, ["organizations/9"], "_Required", {"filter": "LOG_ID(\"cloudaudit.googleapis.com/activity\")"}),
	_sink(ref, ["organizations/9"], "_Default", {"filter": "NOT LOG_ID(\"cloudaudit.googleapis.com/activity\")"}),
]

_p1 := _project("1", ["organizations/9"])

test_pass_project_sink_without_filter if {
	sinks := array.concat(_defaults("projects/1"), [_sink("projects/1", ["organizations/9"], "all", {})])
	rs := check.results with input as _input([_p1], [_org], sinks)
	_status(rs, _id("1")) == {"pass"}
}

test_pass_empty_filter_string if {
	rs := check.results with input as _input([_p1], [_org], [_sink("projects/1", ["organizations/9"], "all", {"filter": ""})])
	_status(rs, _id("1")) == {"pass"}
}

test_pass_organization_sink_including_children if {
	rs := check.results with input as _input([_p1], [_org], [_sink("organizations/9", [], "org-all", {"includeChildren": true})])
	_status(rs, _id("1")) == {"pass"}
}

test_fail_only_default_sinks if {
	rs := check.results with input as _input([_p1], [_org], _defaults("projects/1"))
	_status(rs, _id("1")) == {"fail"}
}

test_fail_filtered_sink if {
	rs := check.results with input as _input([_p1], [_org], [_sink("projects/1", ["organizations/9"], "errors", {"filter": "severity>=ERROR"})])
	_status(rs, _id("1")) == {"fail"}
}

test_fail_disabled_sink if {
	rs := check.results with input as _input([_p1], [_org], [_sink("projects/1", ["organizations/9"], "all", {"disabled": true})])
	_status(rs, _id("1")) == {"fail"}
}

test_fail_sink_with_active_exclusion if {
	exclusions := [{"name": "no-debug", "filter": "severity<INFO"}, {"name": "old", "filter": "x", "disabled": true}]
	rs := check.results with input as _input([_p1], [_org], [_sink("projects/1", ["organizations/9"], "all", {"exclusions": exclusions})])
	_status(rs, _id("1")) == {"fail"}
}

test_pass_sink_with_disabled_exclusion_only if {
	rs := check.results with input as _input([_p1], [_org], [_sink("projects/1", ["organizations/9"], "all", {"exclusions": [{"name": "old", "filter": "x", "disabled": true}]})])
	_status(rs, _id("1")) == {"pass"}
}

test_fail_organization_sink_without_children if {
	rs := check.results with input as _input([_p1], [_org], [_sink("organizations/9", [], "org-all", {})])
	_status(rs, _id("1")) == {"fail"}
}

test_fail_other_projects_sink_does_not_count if {
	rs := check.results with input as _input([_p1, _project("2", ["organizations/9"])], [_org], [_sink("projects/2", ["organizations/9"], "all", {})])
	_status(rs, _id("1")) == {"fail"}
	_status(rs, _id("2")) == {"pass"}
}

test_fail_notes_uncollected_organization if {
	rs := check.results with input as _input([_p1], [], _defaults("projects/1"))
	some r in rs
	r.evidence["levels not collected"] == ["organizations/9"]
}

test_error_sinks_not_listed if {
	scope_error := {"service": "cloudasset", "region": "global", "account": "p1", "api": "cloudasset:ListAssets[RESOURCE]", "code": "RESOURCE_EXHAUSTED", "message": "quota", "resource_types": ["logging.googleapis.com/LogSink"]}
	rs := check.results with input as object.union(_input([_p1], [_org], []), {"collection_errors": [scope_error]})
	_status(rs, _id("1")) == {"error"}
}

test_error_sinks_not_listed_in_organization_scope if {
	scope_error := {"service": "cloudasset", "region": "global", "account": "organizations/9", "api": "cloudasset:ListAssets[RESOURCE]", "code": "UNAVAILABLE", "message": "x", "resource_types": ["logging.googleapis.com/LogSink"]}
	rs := check.results with input as object.union(_input([_p1], [_org], []), {"collection_errors": [scope_error]})
	_status(rs, _id("1")) == {"error"}
}

test_fail_other_scopes_error_does_not_count if {
	scope_error := {"service": "cloudasset", "region": "global", "account": "p2", "api": "cloudasset:ListAssets[RESOURCE]", "code": "PERMISSION_DENIED", "message": "x", "resource_types": ["logging.googleapis.com/LogSink"]}
	rs := check.results with input as object.union(_input([_p1], [_org], []), {"collection_errors": [scope_error]})
	_status(rs, _id("1")) == {"fail"}
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned_sink(name, extra, unknown) := object.union(_sink("projects/1", ["organizations/9"], name, extra), {
	"id": sprintf("google_logging_project_sink.%s", [name]),
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "a value is known only after apply"}],
})

test_error_sink_filter_known_after_apply if {
	sinks := array.concat(_defaults("projects/1"), [_planned_sink("all", {"filter": "(known after apply)"}, ["filter"])])
	rs := check.results with input as _input([_p1], [_org], sinks)
	_status(rs, _id("1")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["google_logging_project_sink.all: filter"]
	r.message == "cannot judge before apply: google_logging_project_sink.all: filter known only after apply; judge the applied resource"
}

test_error_sink_disabled_known_after_apply if {
	rs := check.results with input as _input([_p1], [_org], [_planned_sink("all", {"disabled": "(known after apply)"}, ["disabled"])])
	_status(rs, _id("1")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["google_logging_project_sink.all: disabled"]
}

test_pass_known_sink_beside_one_known_after_apply if {
	sinks := [_sink("projects/1", ["organizations/9"], "known", {}), _planned_sink("all", {"filter": "(known after apply)"}, ["filter"])]
	rs := check.results with input as _input([_p1], [_org], sinks)
	_status(rs, _id("1")) == {"pass"}
}

test_fail_sink_filter_known_after_apply_with_active_exclusion if {
	sink := _planned_sink("all", {"filter": "(known after apply)", "exclusions": [{"name": "no-debug", "filter": "severity<INFO"}]}, ["filter"])
	rs := check.results with input as _input([_p1], [_org], [sink])
	_status(rs, _id("1")) == {"fail"}
}

_planned_org_sink(name, extra, unknown) := object.union(_sink("organizations/9", [], name, extra), {
	"id": sprintf("google_logging_organization_sink.%s", [name]),
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "a value is known only after apply"}],
})

test_error_organization_sink_include_children_known_after_apply if {
	sink := _planned_org_sink("org-all", {"includeChildren": "(known after apply)"}, ["includeChildren"])
	rs := check.results with input as _input([_p1], [_org], array.concat(_defaults("projects/1"), [sink]))
	_status(rs, _id("1")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["google_logging_organization_sink.org-all: includeChildren"]
	count(r.evidence["sinks applying to the project"]) == 3
}

test_fail_filtered_organization_sink_include_children_known_after_apply if {
	sink := _planned_org_sink("org-errors", {"filter": "severity>=ERROR", "includeChildren": "(known after apply)"}, ["includeChildren"])
	rs := check.results with input as _input([_p1], [_org], [sink])
	_status(rs, _id("1")) == {"fail"}
}

test_error_exclusion_disabled_known_after_apply if {
	sink := _planned_sink("all", {"exclusions": [{"name": "no-debug", "filter": "severity<INFO", "disabled": "(known after apply)"}]}, ["exclusions[].disabled"])
	rs := check.results with input as _input([_p1], [_org], [sink])
	_status(rs, _id("1")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["google_logging_project_sink.all: exclusions[].disabled"]
}

test_fail_active_exclusion_beside_one_known_after_apply if {
	exclusions := [{"name": "no-debug", "filter": "severity<INFO"}, {"name": "maybe", "filter": "x", "disabled": "(known after apply)"}]
	sink := _planned_sink("all", {"exclusions": exclusions}, ["exclusions[].disabled"])
	rs := check.results with input as _input([_p1], [_org], [sink])
	_status(rs, _id("1")) == {"fail"}
}
