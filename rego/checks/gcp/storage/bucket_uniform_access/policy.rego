# METADATA
# title: Cloud Storage buckets use uniform bucket-level access
# description: |
#   The bucket's `iamConfiguration.uniformBucketLevelAccess.enabled` is true: access is granted
#   only through IAM, object ACLs are disabled, so one policy says who can read the data. The
#   Cloud Storage API omits false booleans; an absent setting is judged as disabled.
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

results contains result.pass(b, "uniform bucket-level access enabled", _evidence(b)) if {
	some b in inventory.resources("storage.googleapis.com/Bucket")
	_compliant(b)
}

results contains result.fail(b, "uniform bucket-level access disabled: object ACLs can grant access outside IAM", _evidence(b)) if {
	some b in inventory.resources("storage.googleapis.com/Bucket")
	not _compliant(b)
}

_compliant(b) if object.get(b.config, _path, false) == true

_evidence(b) := {"iamConfiguration.uniformBucketLevelAccess.enabled": object.get(b.config, _path, null)}
