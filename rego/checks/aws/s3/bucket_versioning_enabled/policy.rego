# METADATA
# title: S3 buckets keep object versions
# description: |
#   Versioning is enabled on the bucket, so an overwritten or deleted object can be
#   recovered. A bucket whose versioning was suspended, or never enabled, fails.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/manage-versioning-examples.html
# custom:
#   id: aws.s3.bucket_versioning_enabled
#   severity: medium
#   resource_types: [AWS::S3::Bucket]
#   remediation: |
#     aws s3api put-bucket-versioning --bucket NAME --versioning-configuration Status=Enabled
package attestkit.checks.aws.s3.bucket_versioning_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["s3:GetBucketVersioning"]

results contains result.error(b, inventory.read_error_message(b, _apis), {"errors": inventory.read_errors(b, _apis)}) if {
	some b in inventory.resources("AWS::S3::Bucket")
	inventory.any_read_failed(b, _apis)
}

results contains result.pass(b, "versioning enabled", _evidence(b)) if {
	some b in inventory.resources("AWS::S3::Bucket")
	not inventory.any_read_failed(b, _apis)
	_compliant(b)
}

results contains result.fail(b, _fail_message(b), _evidence(b)) if {
	some b in inventory.resources("AWS::S3::Bucket")
	not inventory.any_read_failed(b, _apis)
	not _compliant(b)
}

_compliant(b) if b.config.Versioning.Status == "Enabled"

_status(b) := object.get(b.config, ["Versioning", "Status"], null)

_fail_message(b) := "versioning never enabled" if {
	_status(b) == null
} else := sprintf("versioning %v", [lower(_status(b))]) if {
	is_string(_status(b))
} else := sprintf("versioning status %v", [_status(b)])

_evidence(b) := {"Versioning.Status": _status(b)}
