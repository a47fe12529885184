# METADATA
# title: VM instances use OS Login
# description: |
#   OS Login is on for the instance, so SSH access follows IAM (and is revoked with it)
#   instead of keys pasted into metadata. The effective setting is the instance's own
#   `enable-oslogin` metadata item when it has one, else its project's
#   (`compute.googleapis.com/Project` `commonInstanceMetadata`); it must be TRUE. When the
#   instance sets nothing and its project's metadata is not in the bundle, the check is
#   `error`; so it is when a Terraform plan leaves the setting that decides to be known after
#   apply: the instance's metadata or its enable-oslogin value, or, for an instance that sets
#   none, its project's metadata, enable-oslogin value or a metadata item's key.
# related_resources:
#   - ref: https://cloud.google.com/compute/docs/oslogin
#   - ref: https://cloud.google.com/compute/docs/oslogin/set-up-oslogin
# custom:
#   id: gcp.compute.instance_os_login
#   severity: medium
#   resource_types: [compute.googleapis.com/Instance, compute.googleapis.com/Project]
#   remediation: |
#     gcloud compute project-info add-metadata --metadata=enable-oslogin=TRUE, and remove
#     instance overrides: gcloud compute instances remove-metadata INSTANCE --zone=ZONE
#     --keys=enable-oslogin (enforce it with the constraints/compute.requireOsLogin org policy).
package attestkit.checks.gcp.compute.instance_os_login

import data.attestkit.lib.gcp as gcp
import data.attestkit.lib.inventory
import data.attestkit.lib.result

_key := "enable-oslogin"

_project_type := "compute.googleapis.com/Project"

# Paths a Terraform plan can leave known only after apply, on the instance and on the project.
_paths := ["metadata", "metadata.items[enable-oslogin].value"]

_project_paths := ["commonInstanceMetadata", "commonInstanceMetadata.items[].key", "commonInstanceMetadata.items[enable-oslogin].value"]

results contains result.pass(i, sprintf("OS Login enabled by the %s metadata", [s.source]), _evidence(s)) if {
	some i in _instances
	s := _settings[i.id]
	s.value == "TRUE"
}

results contains result.fail(i, _fail_message(s), _evidence(s)) if {
	some i in _instances
	s := _settings[i.id]
	s.source in {"instance", "project", "default"}
	s.value != "TRUE"
}

results contains result.error(i, "the instance sets no enable-oslogin and its project's metadata is not in the bundle", object.union(_evidence(s), {"errors": gcp.scope_errors(i, _project_type)})) if {
	some i in _instances
	s := _settings[i.id]
	s.source == "unknown"
}

# The metadata that would decide, the instance's or its project's, is known only after apply.
results contains result.error(i, sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [concat(", ", s.waiting)]), object.union(_evidence(s), {"known_after_apply": s.waiting})) if {
	some i in _instances
	s := _settings[i.id]
	s.source == "after apply"
}

_instances := inventory.resources("compute.googleapis.com/Instance")

# The effective setting of each instance, worked out once.
_settings[i.id] := _setting(i) if some i in _instances

# The compute project resource of each project, by its ancestry entry (projects/NUMBER).
_projects := {gcp.ancestors(p)[0]: p | some p in inventory.resources(_project_type)}

_setting(i) := {"source": "after apply", "value": null, "waiting": inventory.unknown_paths(i, _paths)} if {
	inventory.known_after_apply(i, _paths)
} else := {"source": "instance", "value": v} if {
	v := gcp.metadata_value(object.get(i.config, "metadata", null), _key)
} else := {"source": "after apply", "value": null, "waiting": waiting} if {
	project := _projects[gcp.ancestors(i)[0]]
	inventory.known_after_apply(project, _project_paths)
	waiting := [sprintf("%s: %s", [project.id, path]) | some path in inventory.unknown_paths(project, _project_paths)]
} else := {"source": "project", "value": v} if {
	project := _projects[gcp.ancestors(i)[0]]
	v := gcp.metadata_value(object.get(project.config, "commonInstanceMetadata", null), _key)
} else := {"source": "default", "value": null} if {
	_projects[gcp.ancestors(i)[0]]
} else := {"source": "unknown", "value": null}

_fail_message(s) := "OS Login not enabled: neither the instance nor its project sets enable-oslogin" if {
	s.source == "default"
} else := sprintf("OS Login disabled: the %s metadata sets enable-oslogin=%s", [s.source, s.value])

_evidence(s) := {"enable-oslogin": s.value, "set by": s.source}
