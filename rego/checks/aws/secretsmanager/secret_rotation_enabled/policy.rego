# METADATA
# title: Secrets Manager secrets rotate automatically
# description: |
#   Automatic rotation is on for the secret (RotationEnabled), so the credential it holds
#   is replaced on a schedule (RotationRules) and a leaked copy stops working. The evidence
#   shows the schedule and when the secret last rotated. Only metadata is judged: attestkit
#   never reads secret values.
# related_resources:
#   - ref: https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html
# custom:
#   id: aws.secretsmanager.secret_rotation_enabled
#   severity: medium
#   resource_types: [AWS::SecretsManager::Secret]
#   remediation: |
#     aws secretsmanager rotate-secret --secret-id SECRET --rotation-lambda-arn FUNCTION_ARN
#     --rotation-rules AutomaticallyAfterDays=30 (managed rotation needs no function for RDS,
#     Redshift and DocumentDB credentials)
package attestkit.checks.aws.secretsmanager.secret_rotation_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

results contains result.pass(s, _pass_message(s), _evidence(s)) if {
	some s in inventory.resources("AWS::SecretsManager::Secret")
	_compliant(s)
}

results contains result.fail(s, _fail_message(s), _evidence(s)) if {
	some s in inventory.resources("AWS::SecretsManager::Secret")
	not _compliant(s)
}

_compliant(s) if s.config.RotationEnabled == true

_last(s) := object.get(s.config, "LastRotatedDate", null)

_schedule(s) := object.get(s.config, ["RotationRules", "ScheduleExpression"], null) if {
	object.get(s.config, ["RotationRules", "ScheduleExpression"], null) != null
} else := sprintf("every %v days", [object.get(s.config, ["RotationRules", "AutomaticallyAfterDays"], "?")])

_pass_message(s) := sprintf("rotation on (%s), last rotated %v", [_schedule(s), _last(s)]) if {
	_last(s) != null
} else := sprintf("rotation on (%s), not rotated yet", [_schedule(s)])

_fail_message(s) := "automatic rotation off, never rotated" if {
	_last(s) == null
} else := sprintf("automatic rotation off, last rotated %v", [_last(s)])

_evidence(s) := {
	"RotationEnabled": object.get(s.config, "RotationEnabled", null),
	"RotationRules": object.get(s.config, "RotationRules", null),
	"LastRotatedDate": _last(s),
	"NextRotationDate": object.get(s.config, "NextRotationDate", null),
}
