# METADATA
# title: The IAM password policy requires strong, non-reused passwords
# description: |
#   The account's IAM password policy requires at least 14 characters, upper- and
#   lower-case letters, numbers and symbols, and prevents reuse of the last 24 passwords.
#   An account without a password policy fails.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
# custom:
#   id: aws.iam.password_policy_strong
#   severity: medium
#   resource_types: [AWS::IAM::AccountPasswordPolicy]
#   remediation: |
#     aws iam update-account-password-policy --minimum-password-length 14 --password-reuse-prevention 24
#     --require-symbols --require-numbers --require-uppercase-characters --require-lowercase-characters
package attestkit.checks.aws.iam.password_policy_strong

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["iam:GetAccountPasswordPolicy"]

_minimums := {"MinimumPasswordLength": 14, "PasswordReusePrevention": 24}

_required := ["RequireSymbols", "RequireNumbers", "RequireUppercaseCharacters", "RequireLowercaseCharacters"]

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources("AWS::IAM::AccountPasswordPolicy")
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, "password policy meets every criterion", _evidence(r)) if {
	some r in inventory.resources("AWS::IAM::AccountPasswordPolicy")
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, _fail_message(r), _evidence(r)) if {
	some r in inventory.resources("AWS::IAM::AccountPasswordPolicy")
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_compliant(r) if {
	is_object(r.config.PasswordPolicy)
	count(_failing(r.config.PasswordPolicy)) == 0
}

_failing(policy) := {msg |
	some key, minimum in _minimums
	value := object.get(policy, key, null)
	not _at_least(value, minimum)
	msg := sprintf("%s is %s, needs >= %d", [key, _show(value), minimum])
} | {msg |
	some key in _required
	value := object.get(policy, key, null)
	value != true
	msg := sprintf("%s is %s", [key, _show(value)])
}

_at_least(value, minimum) if {
	is_number(value)
	value >= minimum
}

_show(value) := "not set" if {
	value == null
} else := sprintf("%v", [value])

_fail_message(r) := concat("; ", _failing(r.config.PasswordPolicy)) if {
	is_object(r.config.PasswordPolicy)
} else := "no password policy"

_evidence(r) := {
	"failing_criteria": [msg | some msg in _failing(r.config.PasswordPolicy)],
	"PasswordPolicy": object.filter(r.config.PasswordPolicy, {key | some key, _ in _minimums} | {key | some key in _required}),
} if {
	is_object(r.config.PasswordPolicy)
} else := {
	"failing_criteria": ["no password policy"],
	"PasswordPolicy": object.get(r.config, "PasswordPolicy", null),
}
