# METADATA
# title: IAM users with a console password have MFA
# description: |
#   Every IAM user who can sign in to the AWS Management Console with a password has at
#   least one MFA device assigned. Users without a console password are not judged; a user
#   whose login profile could not be read is `error`, since the check cannot tell whether
#   it applies.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable_virtual.html
# custom:
#   id: aws.iam.console_user_mfa
#   severity: high
#   resource_types: [AWS::IAM::User]
#   remediation: |
#     Assign an MFA device in the console (IAM > Users > NAME > Security credentials > Assign MFA
#     device), or, if the user needs no console access, remove the password:
#     aws iam delete-login-profile --user-name NAME
package attestkit.checks.aws.iam.console_user_mfa

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_login_api := "iam:GetLoginProfile"

_apis := [_login_api, "iam:ListMFADevices"]

results contains result.error(u, inventory.read_error_message(u, _apis), {"errors": inventory.read_errors(u, _apis)}) if {
	some u in inventory.resources("AWS::IAM::User")
	_may_have_console_password(u)
	inventory.any_read_failed(u, _apis)
}

results contains result.pass(u, sprintf("console user has %d MFA device(s)", [count(_devices(u))]), _evidence(u)) if {
	some u in inventory.resources("AWS::IAM::User")
	_has_console_password(u)
	not inventory.any_read_failed(u, _apis)
	_compliant(u)
}

results contains result.fail(u, "console password without MFA device", _evidence(u)) if {
	some u in inventory.resources("AWS::IAM::User")
	_has_console_password(u)
	not inventory.any_read_failed(u, _apis)
	not _compliant(u)
}

_compliant(u) if count(_devices(u)) > 0

_has_console_password(u) if {
	not inventory.read_failed(u, _login_api)
	object.get(u.config, "LoginProfile", null) != null
}

_may_have_console_password(u) if _has_console_password(u)

_may_have_console_password(u) if inventory.read_failed(u, _login_api)

_devices(u) := inventory.array_at(u.config, "MFADevices")

_evidence(u) := {
	"LoginProfile.CreateDate": object.get(u.config, ["LoginProfile", "CreateDate"], null),
	"PasswordLastUsed": object.get(u.config, "PasswordLastUsed", null),
	"MFADevices[].SerialNumber": [object.get(d, "SerialNumber", null) | some d in _devices(u)],
}
