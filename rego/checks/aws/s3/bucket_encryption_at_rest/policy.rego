# METADATA
# title: S3 buckets encrypt objects at rest by default
# description: |
#   A bucket holding PHI must encrypt every object it stores. The bucket's default
#   encryption (SSE-S3, SSE-KMS or DSSE-KMS) applies to every object written without
#   its own encryption header.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
# custom:
#   id: aws.s3.bucket_encryption_at_rest
#   severity: high
#   resource_types: [AWS::S3::Bucket]
#   remediation: |
#     Set default encryption on the bucket, preferably SSE-KMS with a customer managed key:
#     aws s3api put-bucket-encryption --bucket NAME --server-side-encryption-configuration
#     '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"}}]}'
package attestkit.checks.aws.s3.bucket_encryption_at_rest

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["s3:GetBucketEncryption"]

_algorithms := {"AES256", "aws:kms", "aws:kms:dsse"}

results contains result.error(b, inventory.read_error_message(b, _apis), {"errors": inventory.read_errors(b, _apis)}) if {
	some b in inventory.resources("AWS::S3::Bucket")
	inventory.any_read_failed(b, _apis)
}

results contains result.pass(b, sprintf("default encryption %s", [concat(", ", _bucket_algorithms(b))]), _evidence(b)) if {
	some b in inventory.resources("AWS::S3::Bucket")
	not inventory.any_read_failed(b, _apis)
	_compliant(b)
}

results contains result.fail(b, "no default encryption configured", _evidence(b)) if {
	some b in inventory.resources("AWS::S3::Bucket")
	not inventory.any_read_failed(b, _apis)
	not _compliant(b)
}

_bucket_algorithms(b) := sort([alg |
	some rule in b.config.ServerSideEncryptionConfiguration.Rules
	alg := rule.ApplyServerSideEncryptionByDefault.SSEAlgorithm
])

_compliant(b) if {
	some alg in _bucket_algorithms(b)
	alg in _algorithms
}

_evidence(b) := {"ServerSideEncryptionConfiguration.Rules[].ApplyServerSideEncryptionByDefault.SSEAlgorithm": _bucket_algorithms(b)} if {
	b.config.ServerSideEncryptionConfiguration != null
} else := {"ServerSideEncryptionConfiguration": null}
