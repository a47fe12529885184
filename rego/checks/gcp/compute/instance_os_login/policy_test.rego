package attestkit.checks.gcp.compute.instance_os_login_test

import data.attestkit.checks.gcp.compute.instance_os_login as check

_id(name) := sprintf("//compute.googleapis.com/projects/carebridge-prod/zones/us-central1-a/instances/%s", [name])

_items(pairs) := {"kind": "compute#metadata", "items": [{"key": k, "value": v} | some [k, v] in pairs]}

_instance(name, number, items) := {
	"id": _id(name),
	"type": "compute.googleapis.com/Instance",
	"account": "carebridge-prod",
	"region": "us-central1-a",
	"config": {"name": name, "metadata": _items(items), "ancestors": [sprintf("projects/%s", [number]), "organizations/9"]},
	"errors": [],
}

_project(number, items) := {
	"id": sprintf("//compute.googleapis.com/projects/p%s", [number]),
	"type": "compute.googleapis.com/Project",
	"account": sprintf("p%s", [number]),
	"region": "global",
	"config": {"name": sprintf("p%s", [number]), "commonInstanceMetadata": _items(items), "ancestors": [sprintf("projects/%s", [number]), "organizations/9"]},
	"errors": [],
}

_input(instances, projects) := {
	"resources": {"compute.googleapis.com/Instance": instances, "compute.googleapis.com/Project": projects},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_on := [["enable-oslogin", "TRUE"]]

test_pass_project_enables if {
	rs := check.results with input as _input([_instance("a", "1", [])], [_project("1", _on)])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_instance_enables_lowercase if {
	rs := check.results with input as _input([_instance("a", "1", [["enable-oslogin", "true"]])], [_project("1", [])])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_instance_enables_without_project_metadata_in_bundle if {
	rs := check.results with input as _input([_instance("a", "1", _on)], [])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_instance_overrides_project if {
	rs := check.results with input as _input([_instance("b", "1", [["enable-oslogin", "FALSE"], ["startup-script", "***"]])], [_project("1", _on)])
	_status(rs, _id("b")) == {"fail"}
	some r in rs
	r.evidence == {"enable-oslogin": "FALSE", "set by": "instance"}
}

test_fail_set_nowhere if {
	rs := check.results with input as _input([_instance("b", "1", [])], [_project("1", [["block-project-ssh-keys", "TRUE"]])])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_other_projects_setting_does_not_count if {
	rs := check.results with input as _input([_instance("b", "1", [])], [_project("1", []), _project("2", _on)])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_project_disables if {
	rs := check.results with input as _input([_instance("b", "1", [])], [_project("1", [["enable-oslogin", "false"]])])
	_status(rs, _id("b")) == {"fail"}
}

test_error_project_metadata_missing if {
	scope_error := {"service": "cloudasset", "region": "global", "account": "organizations/9", "api": "cloudasset:ListAssets[RESOURCE]", "code": "RESOURCE_EXHAUSTED", "message": "quota", "resource_types": ["compute.googleapis.com/Project"]}
	rs := check.results with input as object.union(_input([_instance("c", "1", [])], []), {"collection_errors": [scope_error]})
	_status(rs, _id("c")) == {"error"}
	some r in rs
	r.evidence.errors == [{"account": "organizations/9", "api": "cloudasset:ListAssets[RESOURCE]", "code": "RESOURCE_EXHAUSTED"}]
}

test_error_project_metadata_missing_without_scope_error if {
	rs := check.results with input as _input([_instance("c", "1", [])], [])
	_status(rs, _id("c")) == {"error"}
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path;
# a metadata map known only after apply is left out of config.
_planned(number) := object.union(object.remove(_instance("p", number, []), ["config"]), {
	"id": "google_compute_instance.p",
	"config": {"name": "p", "ancestors": [sprintf("projects/%s", [number])], "_terraform": {"unknown": ["metadata"]}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "metadata is known only after apply"}],
})

test_error_instance_metadata_known_after_apply if {
	rs := check.results with input as _input([_planned("1")], [_project("1", _on)])
	_status(rs, "google_compute_instance.p") == {"error"}
	some r in rs
	r.evidence == {"enable-oslogin": null, "set by": "after apply", "known_after_apply": ["metadata"]}
	r.message == "cannot judge before apply: metadata known only after apply; judge the applied resource"
}

test_error_instance_oslogin_value_known_after_apply if {
	i := object.union(_instance("p", "1", [["enable-oslogin", "(known after apply)"], ["startup-script", "***"]]), {
		"id": "google_compute_instance.p",
		"config": {"_terraform": {"unknown": ["metadata.items[enable-oslogin].value"]}},
	})
	rs := check.results with input as _input([i], [_project("1", _on)])
	_status(rs, "google_compute_instance.p") == {"error"}
	some r in rs
	r.evidence == {"enable-oslogin": null, "set by": "after apply", "known_after_apply": ["metadata.items[enable-oslogin].value"]}
}

_planned_project(number, items, unknown) := object.union(_project(number, items), {
	"id": sprintf("//compute.googleapis.com/projects/p%s", [number]),
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "a value is known only after apply"}],
})

test_error_project_metadata_known_after_apply if {
	rs := check.results with input as _input([_instance("a", "1", [])], [_planned_project("1", [], ["commonInstanceMetadata"])])
	_status(rs, _id("a")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["//compute.googleapis.com/projects/p1: commonInstanceMetadata"]
	r.message == "cannot judge before apply: //compute.googleapis.com/projects/p1: commonInstanceMetadata known only after apply; judge the applied resource"
}

test_error_project_oslogin_value_known_after_apply if {
	project := _planned_project("1", [["enable-oslogin", "(known after apply)"]], ["commonInstanceMetadata.items[enable-oslogin].value"])
	rs := check.results with input as _input([_instance("a", "1", [])], [project])
	_status(rs, _id("a")) == {"error"}
}

test_pass_instance_decides_over_project_known_after_apply if {
	rs := check.results with input as _input([_instance("a", "1", _on)], [_planned_project("1", [], ["commonInstanceMetadata"])])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_instance_disables_whatever_project_turns_out if {
	project := _planned_project("1", [["enable-oslogin", "(known after apply)"]], ["commonInstanceMetadata.items[enable-oslogin].value"])
	rs := check.results with input as _input([_instance("a", "1", [["enable-oslogin", "FALSE"]])], [project])
	_status(rs, _id("a")) == {"fail"}
}
