# METADATA
# title: S3 buckets log access requests
# description: |
#   Server access logging is on for the bucket: every request made to it is recorded in a
#   target bucket, which gives an audit trail of who read or changed which object.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
# custom:
#   id: aws.s3.bucket_access_logging_enabled
#   severity: medium
#   resource_types: [AWS::S3::Bucket]
#   remediation: |
#     aws s3api put-bucket-logging --bucket NAME --bucket-logging-status
#     '{"LoggingEnabled":{"TargetBucket":"LOG_BUCKET","TargetPrefix":"NAME/"}}'
#     (the log bucket must allow the logging.s3.amazonaws.com service principal to write)
package attestkit.checks.aws.s3.bucket_access_logging_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["s3:GetBucketLogging"]

results contains result.error(b, inventory.read_error_message(b, _apis), {"errors": inventory.read_errors(b, _apis)}) if {
	some b in inventory.resources("AWS::S3::Bucket")
	inventory.any_read_failed(b, _apis)
}

results contains result.pass(b, sprintf("access logs delivered to bucket %s", [_target(b)]), _evidence(b)) if {
	some b in inventory.resources("AWS::S3::Bucket")
	not inventory.any_read_failed(b, _apis)
	_compliant(b)
}

results contains result.fail(b, "server access logging is off", _evidence(b)) if {
	some b in inventory.resources("AWS::S3::Bucket")
	not inventory.any_read_failed(b, _apis)
	not _compliant(b)
}

_compliant(b) if {
	is_string(_target(b))
	_target(b) != ""
}

_target(b) := object.get(b.config, ["LoggingEnabled", "TargetBucket"], null)

_evidence(b) := {
	"LoggingEnabled.TargetBucket": _target(b),
	"LoggingEnabled.TargetPrefix": object.get(b.config, ["LoggingEnabled", "TargetPrefix"], null),
} if {
	is_object(b.config.LoggingEnabled)
} else := {"LoggingEnabled": object.get(b.config, "LoggingEnabled", null)}
