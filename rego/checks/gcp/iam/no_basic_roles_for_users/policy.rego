# METADATA
# title: No person holds Owner or Editor on a project
# description: |
#   The project's IAM policy grants the basic roles roles/owner and roles/editor to no user,
#   group or domain: people get predefined or custom roles scoped to their job, not the
#   thousands of permissions basic roles carry. Service accounts are not judged here.
#   A project whose IAM policy could not be listed is `error`.
# related_resources:
#   - ref: https://cloud.google.com/iam/docs/understanding-roles#basic
#   - ref: https://cloud.google.com/iam/docs/using-iam-securely
# custom:
#   id: gcp.iam.no_basic_roles_for_users
#   severity: high
#   resource_types: [cloudresourcemanager.googleapis.com/Project]
#   remediation: |
#     gcloud projects remove-iam-policy-binding PROJECT_ID --member=user:EMAIL --role=roles/owner
#     after granting the predefined roles the person needs (gcloud projects add-iam-policy-binding
#     PROJECT_ID --member=user:EMAIL --role=ROLE).
package attestkit.checks.gcp.iam.no_basic_roles_for_users

import data.attestkit.lib.gcp as gcp
import data.attestkit.lib.inventory
import data.attestkit.lib.result

_basic_roles := {"roles/owner", "roles/editor"}

_people := ["user:", "group:", "domain:"]

results contains result.error(p, inventory.read_error_message(p, [gcp.iam_policy_api]), {"errors": inventory.read_errors(p, [gcp.iam_policy_api])}) if {
	some p in inventory.resources(gcp.project_type)
	gcp.iam_unreadable(p)
}

results contains result.pass(p, "no user, group or domain holds roles/owner or roles/editor", _evidence(p)) if {
	some p in inventory.resources(gcp.project_type)
	not gcp.iam_unreadable(p)
	_compliant(p)
}

results contains result.fail(p, sprintf("basic roles granted to people: %s", [concat(", ", [sprintf("%s has %s", [g.member, g.role]) | some g in _grants(p)])]), _evidence(p)) if {
	some p in inventory.resources(gcp.project_type)
	not gcp.iam_unreadable(p)
	not _compliant(p)
}

_compliant(p) if count(_grants(p)) == 0

_grants(p) := [{"role": b.role, "member": m} |
	some b in gcp.bindings(p)
	b.role in _basic_roles
	some m in inventory.array_at(b, "members")
	some prefix in _people
	startswith(m, prefix)
]

_evidence(p) := {"basic role grants to people": _grants(p)}
