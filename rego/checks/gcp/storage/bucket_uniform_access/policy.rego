# METADATA
# title: Cloud Storage buckets use uniform bucket-level access
# description: |
#   The bucket's `iamConfiguration.uniformBucketLevelAccess.enabled` is true: access is granted
#   only through IAM, object ACLs are disabled, so one policy says who can read the data. The
#   Cloud Storage API omits false booleans; an absent setting is judged as disabled. A
#   Terraform plan that leaves it to be known after apply is `error`.
# related_resources:
#   - ref: https://cloud.google.com/storage/docs/uniform-bucket-level-access
#   - ref: https://cloud.google.com/storage/docs/using-uniform-bucket-level-access
# custom:
#   id: gcp.storage.bucket_uniform_access
#   severity: medium
#   resource_types: [storage.googleapis.com/Bucket]
#   remediation: |
#     gcloud storage buckets update gs://BUCKET --uniform-bucket-level-access (move any object
#     ACL grants to IAM bindings first).
package attestkit.checks.gcp.storage.bucket_uniform_access

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_path := ["iamConfiguration", "uniformBucketLevelAccess", "enabled"]

# Paths a Terraform plan can leave known only after apply.
_paths := ["iamConfiguration.uniformBucketLevelAccess.enabled"]

results contains result.pass(b, "uniform bucket-level access enabled", _evidence(b)) if {
	some b in inventory.resources("storage.googleapis.com/Bucket")
	_compliant(b)
}

results contains result.fail(b, "uniform bucket-level access disabled: object ACLs can grant access outside IAM", _evidence(b)) if {
	some b in inventory.resources("storage.googleapis.com/Bucket")
	not _compliant(b)
	not _undecided(b)
}

results contains result.error(b, inventory.after_apply_message(b, _paths), inventory.with_unknown(b, _paths, _evidence(b))) if {
	some b in inventory.resources("storage.googleapis.com/Bucket")
	_undecided(b)
}

_compliant(b) if object.get(b.config, _path, false) == true

_undecided(b) if {
	not _compliant(b)
	inventory.known_after_apply(b, _paths)
}

_evidence(b) := {"iamConfiguration.uniformBucketLevelAccess.enabled": object.get(b.config, _path, null)}
