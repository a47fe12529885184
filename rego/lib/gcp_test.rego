package attestkit.lib.gcp_test

import data.attestkit.lib.gcp as gcp

_project := {
	"id": "//cloudresourcemanager.googleapis.com/projects/1",
	"type": "cloudresourcemanager.googleapis.com/Project",
	"account": "p1",
	"config": {"ancestors": ["projects/1", "folders/5", "organizations/9"], "iamPolicy": {"bindings": [
		{"role": "roles/viewer", "members": ["allUsers", "user:a@x.com"]},
		{"role": "roles/owner", "members": null},
	]}},
	"errors": [],
}

_folder := {"id": "//cloudresourcemanager.googleapis.com/folders/5", "type": "cloudresourcemanager.googleapis.com/Folder", "account": "folders/5", "config": {"ancestors": ["folders/5", "organizations/9"]}, "errors": []}

_input(errors) := {
	"resources": {"cloudresourcemanager.googleapis.com/Project": [_project], "cloudresourcemanager.googleapis.com/Folder": [_folder]},
	"collection_errors": errors,
	"collected_at": "2026-11-28T00:00:00Z",
}

test_public_grants_ignore_null_members if {
	gcp.public_grants(_project) == [{"role": "roles/viewer", "member": "allUsers"}]
}

test_hierarchy_indexes_by_ancestry_entry if {
	h := gcp.hierarchy with input as _input([])
	h["folders/5"].id == _folder.id
	h["projects/1"].id == _project.id
	not h["organizations/9"]
}

test_containers_above if {
	gcp.containers_above(_project) == ["folders/5", "organizations/9"]
}

# scope_unreadable is tested through the checks that use it (logging.sink_exports_all_logs,
# compute.instance_os_login): regorus evaluates `with input` on their `results` rule.

test_metadata_value_upper_cased_first_wins if {
	metadata := {"items": [{"key": "enable-oslogin", "value": "true"}, {"key": "enable-oslogin", "value": "FALSE"}]}
	gcp.metadata_value(metadata, "enable-oslogin") == "TRUE"
	not gcp.metadata_value(metadata, "block-project-ssh-keys")
	not gcp.metadata_value(null, "enable-oslogin")
}
