# METADATA
# title: DynamoDB tables are encrypted with a KMS key
# description: |
#   The table is encrypted at rest with a KMS key, customer managed or the AWS managed key
#   aws/dynamodb (Table.SSEDescription with SSEType KMS and Status ENABLED or UPDATING).
#   DynamoDB encrypts every table; its default, an AWS owned key (no SSEDescription), is
#   not enough here because its use is neither logged in the account's CloudTrail nor
#   controlled by any key policy the account can see. A customer managed key additionally
#   lets the account restrict and revoke access. A table that could not be described is
#   `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt
# custom:
#   id: aws.dynamodb.table_encrypted_with_kms
#   severity: medium
#   resource_types: [AWS::DynamoDB::Table]
#   remediation: |
#     aws dynamodb update-table --table-name NAME --sse-specification
#     Enabled=true,SSEType=KMS,KMSMasterKeyId=KEY_ARN (omit KMSMasterKeyId for aws/dynamodb)
package attestkit.checks.aws.dynamodb.table_encrypted_with_kms

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["dynamodb:DescribeTable"]

_active := {"ENABLED", "UPDATING"}

results contains result.error(t, inventory.read_error_message(t, _apis), {"errors": inventory.read_errors(t, _apis)}) if {
	some t in inventory.resources("AWS::DynamoDB::Table")
	inventory.any_read_failed(t, _apis)
}

results contains result.pass(t, sprintf("encrypted with KMS key %v", [_key(t)]), _evidence(t)) if {
	some t in inventory.resources("AWS::DynamoDB::Table")
	not inventory.any_read_failed(t, _apis)
	_compliant(t)
}

results contains result.fail(t, _fail_message(t), _evidence(t)) if {
	some t in inventory.resources("AWS::DynamoDB::Table")
	not inventory.any_read_failed(t, _apis)
	not _compliant(t)
}

# SSEDescription, or {} when the table has none (AWS owned key).
_sse(t) := sse if {
	sse := object.get(t.config, ["Table", "SSEDescription"], null)
	is_object(sse)
} else := {}

_compliant(t) if {
	_sse(t).SSEType == "KMS"
	_sse(t).Status in _active
}

_key(t) := object.get(_sse(t), "KMSMasterKeyArn", "aws/dynamodb")

_fail_message(t) := "encrypted only with an AWS owned key (no KMS key)" if {
	_sse(t) == {}
} else := sprintf("SSE %v is %v, not an active KMS key", [object.get(_sse(t), "SSEType", null), object.get(_sse(t), "Status", null)])

_evidence(t) := {
	"Table.SSEDescription.SSEType": object.get(_sse(t), "SSEType", null),
	"Table.SSEDescription.Status": object.get(_sse(t), "Status", null),
	"Table.SSEDescription.KMSMasterKeyArn": object.get(_sse(t), "KMSMasterKeyArn", null),
}
