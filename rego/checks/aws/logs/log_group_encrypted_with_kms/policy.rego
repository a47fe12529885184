# METADATA
# title: CloudWatch Logs groups are encrypted with a KMS key
# description: |
#   The log group encrypts its events with a customer managed KMS key (kmsKeyId). CloudWatch
#   Logs always encrypts at rest with keys the service owns; a KMS key of the account adds a
#   key policy deciding who may read the logs, a record in CloudTrail of every use, and the
#   ability to revoke access by disabling the key. Logs often carry PHI in request data.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
# custom:
#   id: aws.logs.log_group_encrypted_with_kms
#   severity: medium
#   resource_types: [AWS::Logs::LogGroup]
#   remediation: |
#     Allow logs.REGION.amazonaws.com to use the key in its key policy, then
#     aws logs associate-kms-key --log-group-name NAME --kms-key-id KEY_ARN
package attestkit.checks.aws.logs.log_group_encrypted_with_kms

import data.attestkit.lib.inventory
import data.attestkit.lib.result

results contains result.pass(g, sprintf("encrypted with KMS key %v", [g.config.kmsKeyId]), _evidence(g)) if {
	some g in inventory.resources("AWS::Logs::LogGroup")
	_compliant(g)
}

results contains result.fail(g, "not encrypted with a KMS key", _evidence(g)) if {
	some g in inventory.resources("AWS::Logs::LogGroup")
	not _compliant(g)
}

_compliant(g) if {
	is_string(g.config.kmsKeyId)
	g.config.kmsKeyId != ""
}

_evidence(g) := {"kmsKeyId": object.get(g.config, "kmsKeyId", null)}
