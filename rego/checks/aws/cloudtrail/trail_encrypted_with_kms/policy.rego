# METADATA
# title: CloudTrail trails encrypt their log files with KMS
# description: |
#   The trail encrypts the log files it delivers with a KMS key (SSE-KMS), so reading them
#   needs both S3 access and permission to decrypt with the key. The check judges the
#   KmsKeyId of DescribeTrails; it has no read of its own that can fail.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
# custom:
#   id: aws.cloudtrail.trail_encrypted_with_kms
#   severity: medium
#   resource_types: [AWS::CloudTrail::Trail]
#   remediation: |
#     Create a KMS key whose key policy lets cloudtrail.amazonaws.com encrypt, then
#     aws cloudtrail update-trail --name NAME --kms-key-id KEY_ARN
package attestkit.checks.aws.cloudtrail.trail_encrypted_with_kms

import data.attestkit.lib.inventory
import data.attestkit.lib.result

results contains result.pass(t, sprintf("log files encrypted with KMS key %s", [t.config.KmsKeyId]), _evidence(t)) if {
	some t in inventory.resources("AWS::CloudTrail::Trail")
	_compliant(t)
}

results contains result.fail(t, "log files not encrypted with a KMS key", _evidence(t)) if {
	some t in inventory.resources("AWS::CloudTrail::Trail")
	not _compliant(t)
}

_compliant(t) if {
	is_string(t.config.KmsKeyId)
	t.config.KmsKeyId != ""
}

_evidence(t) := {"KmsKeyId": object.get(t.config, "KmsKeyId", null)}
