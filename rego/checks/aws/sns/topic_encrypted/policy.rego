# METADATA
# title: SNS topics encrypt messages at rest
# description: |
#   The topic has server-side encryption with a KMS key (attribute KmsMasterKeyId: a
#   customer managed key, or the AWS managed key alias/aws/sns), so messages, which may
#   carry PHI such as appointment details, are encrypted while SNS stores them for delivery.
#   A topic whose attributes could not be read is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
# custom:
#   id: aws.sns.topic_encrypted
#   severity: medium
#   resource_types: [AWS::SNS::Topic]
#   remediation: |
#     aws sns set-topic-attributes --topic-arn TOPIC_ARN --attribute-name KmsMasterKeyId
#     --attribute-value KEY_ARN (the key policy must let the publishing services use the key)
package attestkit.checks.aws.sns.topic_encrypted

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["sns:GetTopicAttributes"]

results contains result.error(t, inventory.read_error_message(t, _apis), {"errors": inventory.read_errors(t, _apis)}) if {
	some t in inventory.resources("AWS::SNS::Topic")
	inventory.any_read_failed(t, _apis)
}

results contains result.pass(t, sprintf("encrypted with KMS key %v", [_key(t)]), _evidence(t)) if {
	some t in inventory.resources("AWS::SNS::Topic")
	not inventory.any_read_failed(t, _apis)
	_compliant(t)
}

results contains result.fail(t, "messages not encrypted at rest", _evidence(t)) if {
	some t in inventory.resources("AWS::SNS::Topic")
	not inventory.any_read_failed(t, _apis)
	not _compliant(t)
}

_key(t) := object.get(t.config, ["Attributes", "KmsMasterKeyId"], null)

_compliant(t) if {
	is_string(_key(t))
	_key(t) != ""
}

_evidence(t) := {"Attributes.KmsMasterKeyId": _key(t)}
