# METADATA
# title: SQS queues encrypt messages at rest
# description: |
#   The queue has server-side encryption: with a KMS key (attribute KmsMasterKeyId) or with
#   SQS managed keys (SqsManagedSseEnabled "true"), so messages waiting in the queue are
#   encrypted at rest. A queue whose attributes could not be read is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
# custom:
#   id: aws.sqs.queue_encrypted
#   severity: medium
#   resource_types: [AWS::SQS::Queue]
#   remediation: |
#     aws sqs set-queue-attributes --queue-url URL --attributes KmsMasterKeyId=KEY_ARN
#     (or SqsManagedSseEnabled=true)
package attestkit.checks.aws.sqs.queue_encrypted

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["sqs:GetQueueAttributes"]

results contains result.error(q, inventory.read_error_message(q, _apis), {"errors": inventory.read_errors(q, _apis)}) if {
	some q in inventory.resources("AWS::SQS::Queue")
	inventory.any_read_failed(q, _apis)
}

results contains result.pass(q, _pass_message(q), _evidence(q)) if {
	some q in inventory.resources("AWS::SQS::Queue")
	not inventory.any_read_failed(q, _apis)
	_compliant(q)
}

results contains result.fail(q, "messages not encrypted at rest", _evidence(q)) if {
	some q in inventory.resources("AWS::SQS::Queue")
	not inventory.any_read_failed(q, _apis)
	not _compliant(q)
}

_key(q) := object.get(q.config, ["Attributes", "KmsMasterKeyId"], null)

_sqs_managed(q) := object.get(q.config, ["Attributes", "SqsManagedSseEnabled"], null)

_kms(q) if {
	is_string(_key(q))
	_key(q) != ""
}

_compliant(q) if _kms(q)

_compliant(q) if _sqs_managed(q) == "true"

_pass_message(q) := sprintf("encrypted with KMS key %v", [_key(q)]) if {
	_kms(q)
} else := "encrypted with SQS managed keys (SSE-SQS)"

_evidence(q) := {
	"Attributes.KmsMasterKeyId": _key(q),
	"Attributes.SqsManagedSseEnabled": _sqs_managed(q),
}
