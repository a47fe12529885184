# METADATA
# title: Organization policy enforces public access prevention for Cloud Storage
# description: |
#   The effective `constraints/storage.publicAccessPrevention` organization policy of each
#   project is enforced, so no bucket in it can be made public. The effective policy is the one
#   set nearest the project: on the project itself, else on its folders, else on the
#   organization (a policy with `restoreDefault`, or unset everywhere, is not enforced). When
#   the deciding level was not collected (a `--project` collection does not see folder and
#   organization policies) the project fails with a note to collect the organization; when
#   that level's org policies could not be listed it is `error`.
# related_resources:
#   - ref: https://cloud.google.com/storage/docs/public-access-prevention
#   - ref: https://cloud.google.com/resource-manager/docs/organization-policy/understanding-hierarchy
# custom:
#   id: gcp.storage.public_access_prevention_enforced
#   severity: high
#   resource_types: [cloudresourcemanager.googleapis.com/Project, cloudresourcemanager.googleapis.com/Folder, cloudresourcemanager.googleapis.com/Organization]
#   remediation: |
#     gcloud resource-manager org-policies enable-enforce storage.publicAccessPrevention
#     --organization=ORG_ID (or --folder=FOLDER_ID / --project=PROJECT_ID).
package attestkit.checks.gcp.storage.public_access_prevention_enforced

import data.attestkit.lib.gcp as gcp
import data.attestkit.lib.inventory
import data.attestkit.lib.result

_constraint := "constraints/storage.publicAccessPrevention"

results contains result.pass(p, sprintf("enforced by the policy on %s", [_deciding(p).level]), _evidence(p)) if {
	some p in inventory.resources(gcp.project_type)
	_deciding(p).state == "enforced"
}

results contains result.fail(p, _fail_message(p), _evidence(p)) if {
	some p in inventory.resources(gcp.project_type)
	_deciding(p).state in {"not_enforced", "not_collected", "default"}
}

results contains result.error(p, sprintf("could not list the organization policies of %s", [_deciding(p).level]), object.union(_evidence(p), {"errors": _errors(p)})) if {
	some p in inventory.resources(gcp.project_type)
	_deciding(p).state == "unreadable"
}

# The state at each level of the project's ancestry, nearest first.
_states(p) := [{"level": ref, "state": _state(ref)} | some ref in gcp.ancestors(p)]

# The first level that decides; "default" when none does.
_deciding(p) := _states(p)[min(decided)] if {
	decided := {i | some i, s in _states(p); s.state != "unset"}
	count(decided) > 0
} else := {"level": "none", "state": "default"}

_state(ref) := "not_collected" if {
	not gcp.hierarchy[ref]
} else := "unreadable" if {
	gcp.org_policy_unreadable(gcp.hierarchy[ref])
} else := s if {
	some policy in inventory.array_at(gcp.hierarchy[ref].config, "orgPolicy")
	policy.constraint == _constraint
	s := _policy_state(policy)
} else := "unset"

_policy_state(policy) := "enforced" if {
	object.get(policy, ["booleanPolicy", "enforced"], false) == true
} else := "not_enforced"

_fail_message(p) := "not enforced: no policy sets it on the project or above" if {
	_deciding(p).state == "default"
} else := sprintf("not enforced by the policy on %s", [_deciding(p).level]) if {
	_deciding(p).state == "not_enforced"
} else := sprintf("not set on the project, and %s was not collected: collect the organization to see inherited policies", [_deciding(p).level])

_errors(p) := [{"level": ref, "errors": inventory.read_errors(gcp.hierarchy[ref], [gcp.org_policy_api])} |
	some ref in gcp.ancestors(p)
	gcp.hierarchy[ref]
	gcp.org_policy_unreadable(gcp.hierarchy[ref])
]

_evidence(p) := {"constraint": _constraint, "levels": _states(p), "deciding": _deciding(p)}
