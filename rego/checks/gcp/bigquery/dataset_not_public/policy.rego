# METADATA
# title: BigQuery datasets are not public
# description: |
#   No entry of the dataset's `access` list grants a role to allAuthenticatedUsers
#   (`specialGroup`) or to allUsers / allAuthenticatedUsers (`iamMember`), and no binding of
#   its IAM policy does. A dataset whose IAM policy could not be listed is `error`, unless its
#   access list already shows it public.
# related_resources:
#   - ref: https://cloud.google.com/bigquery/docs/control-access-to-resources-iam
#   - ref: https://cloud.google.com/bigquery/docs/reference/rest/v2/datasets#Dataset.FIELDS.access
# custom:
#   id: gcp.bigquery.dataset_not_public
#   severity: critical
#   resource_types: [bigquery.googleapis.com/Dataset]
#   remediation: |
#     bq show --format=prettyjson PROJECT:DATASET > dataset.json, remove the access entries for
#     allUsers / allAuthenticatedUsers, then bq update --source dataset.json PROJECT:DATASET.
package attestkit.checks.gcp.bigquery.dataset_not_public

import data.attestkit.lib.gcp as gcp
import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "bigquery.googleapis.com/Dataset"

_apis := [gcp.iam_policy_api]

results contains result.error(d, inventory.read_error_message(d, _apis), object.union(_evidence(d), {"errors": inventory.read_errors(d, _apis)})) if {
	some d in inventory.resources(_type)
	gcp.iam_unreadable(d)
	count(_public_entries[d.id]) == 0
}

results contains result.pass(d, "no access entry or IAM binding for allUsers or allAuthenticatedUsers", _evidence(d)) if {
	some d in inventory.resources(_type)
	not gcp.iam_unreadable(d)
	_compliant(d)
}

results contains result.fail(d, _message(d), _evidence(d)) if {
	some d in inventory.resources(_type)
	not _compliant(d)
}

_compliant(d) if {
	count(_public_entries[d.id]) == 0
	count(gcp.public_grants(d)) == 0
}

# Worked out once per resource (the branches, message and evidence all read it).
_public_entries[d.id] := _public_access(d) if some d in inventory.resources(_type)

_public_access(d) := [{"role": object.get(e, "role", null), "member": member} |
	some e in inventory.array_at(d.config, "access")
	some key in ["specialGroup", "iamMember"]
	member := object.get(e, key, null)
	member in gcp.public_members
]

_message(d) := sprintf("public: %s", [concat(", ", sort([sprintf("%s has %s", [g.member, g.role]) |
	some g in array.concat(_public_entries[d.id], gcp.public_grants(d))
]))])

_evidence(d) := {"public access entries": _public_entries[d.id], "iamPolicy public bindings": gcp.public_grants(d)}
