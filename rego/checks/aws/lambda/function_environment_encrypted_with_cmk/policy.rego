# METADATA
# title: Lambda environment variables are encrypted with a customer managed key
# description: |
#   A function with environment variables has KMSKeyArn set, so its variables are encrypted
#   at rest with a customer managed KMS key whose key policy and CloudTrail record control
#   and show who can decrypt them, rather than with the AWS managed aws/lambda key.
#   Functions without environment variables are not judged. Only the variable names reach
#   the evidence bundle, never their values. The check judges what ListFunctions returns;
#   it has no read of its own that can fail. In a Terraform plan, a function whose variables
#   are known only after apply is `error` unless KMSKeyArn is set.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#customer-cmk
# custom:
#   id: aws.lambda.function_environment_encrypted_with_cmk
#   severity: medium
#   resource_types: [AWS::Lambda::Function]
#   remediation: |
#     aws lambda update-function-configuration --function-name NAME --kms-key-arn KEY_ARN, with a
#     key policy letting the function's execution role use kms:Decrypt; better still, move the
#     secrets to Secrets Manager and keep only references in the environment.
package attestkit.checks.aws.lambda.function_environment_encrypted_with_cmk

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::Lambda::Function"

# Paths a Terraform plan can leave known only after apply.
_paths := ["Environment.VariableNames"]

results contains result.error(f, inventory.after_apply_message(f, _paths), inventory.with_unknown(f, _paths, _evidence(f))) if {
	some f in inventory.resources(_type)
	_judged(f)
	_undecided(f)
}

results contains result.pass(f, sprintf("%s encrypted with %s", [_variables(f), f.config.KMSKeyArn]), _evidence(f)) if {
	some f in inventory.resources(_type)
	_judged(f)
	not _undecided(f)
	_compliant(f)
}

results contains result.fail(f, sprintf("%s encrypted with the AWS managed key only", [_variables(f)]), _evidence(f)) if {
	some f in inventory.resources(_type)
	_judged(f)
	not _undecided(f)
	not _compliant(f)
}

# Functions with environment variables, or whose variables are known only after apply.
_judged(f) if count(_names(f)) > 0

_judged(f) if _names_unknown(f)

_names_unknown(f) if inventory.known_after_apply(f, _paths)

# A customer managed key passes whatever the variables turn out to be.
_undecided(f) if {
	_names_unknown(f)
	not _compliant(f)
}

_variables(f) := "environment variables (known only after apply)" if {
	_names_unknown(f)
} else := sprintf("%d environment variable(s)", [count(_names(f))])

_compliant(f) if {
	is_string(f.config.KMSKeyArn)
	f.config.KMSKeyArn != ""
}

_names(f) := inventory.array_at(f.config, ["Environment", "VariableNames"])

_evidence(f) := {
	"Environment.VariableNames": _names(f),
	"KMSKeyArn": object.get(f.config, "KMSKeyArn", null),
}
