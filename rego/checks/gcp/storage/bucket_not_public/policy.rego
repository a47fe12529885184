# METADATA
# title: Cloud Storage buckets are not public
# description: |
#   No binding of the bucket's IAM policy grants a role to allUsers (anyone on the internet)
#   or allAuthenticatedUsers (anyone with a Google account), and no ACL entry the bucket data
#   carries (`acl`, `defaultObjectAcl`) names them. A bucket whose IAM policy could not be
#   listed is `error`, unless an ACL entry already shows it public.
# related_resources:
#   - ref: https://cloud.google.com/storage/docs/access-control/making-data-public
#   - ref: https://cloud.google.com/storage/docs/public-access-prevention
# custom:
#   id: gcp.storage.bucket_not_public
#   severity: critical
#   resource_types: [storage.googleapis.com/Bucket]
#   remediation: |
#     gcloud storage buckets remove-iam-policy-binding gs://BUCKET --member=allUsers --role=ROLE
#     (likewise --member=allAuthenticatedUsers), then keep it so:
#     gcloud storage buckets update gs://BUCKET --public-access-prevention
package attestkit.checks.gcp.storage.bucket_not_public

import data.attestkit.lib.gcp as gcp
import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "storage.googleapis.com/Bucket"

_apis := [gcp.iam_policy_api]

results contains result.error(b, inventory.read_error_message(b, _apis), object.union(f.evidence, {"errors": inventory.read_errors(b, _apis)})) if {
	some b in inventory.resources(_type)
	gcp.iam_unreadable(b)
	f := _facts[b.id]
	count(f.acl) == 0
}

results contains result.pass(b, "no IAM binding or ACL entry for allUsers or allAuthenticatedUsers", f.evidence) if {
	some b in inventory.resources(_type)
	not gcp.iam_unreadable(b)
	f := _facts[b.id]
	f.compliant
}

results contains result.fail(b, _message(f), f.evidence) if {
	some b in inventory.resources(_type)
	f := _facts[b.id]
	not f.compliant
}

# What the check reads of each bucket, worked out once.
_facts[b.id] := {
	"grants": grants,
	"acl": acl,
	"compliant": count(grants) + count(acl) == 0,
	"evidence": {
		"iamPolicy public bindings": grants,
		"public ACL entries": acl,
		"iamConfiguration.publicAccessPrevention": object.get(b.config, ["iamConfiguration", "publicAccessPrevention"], null),
	},
} if {
	some b in inventory.resources(_type)
	grants := gcp.public_grants(b)
	acl := _public_acl(b)
}

_public_acl(b) := [{"acl": key, "entity": e.entity, "role": object.get(e, "role", null)} |
	some key in ["acl", "defaultObjectAcl"]
	some e in inventory.array_at(b.config, key)
	e.entity in gcp.public_members
]

_message(f) := sprintf("public: %s", [concat(", ", sort(array.concat(
	[sprintf("%s has %s", [g.member, g.role]) | some g in f.grants],
	[sprintf("%s entry for %s", [a.acl, a.entity]) | some a in f.acl],
)))])
