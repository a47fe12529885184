# METADATA
# title: IAM credentials unused for 90 days are disabled
# description: |
#   Every enabled credential of an IAM user was used, or created, within the 90 days before
#   the collection: the console password (PasswordLastUsed, or LoginProfile.CreateDate if
#   it was never used) and each active access key (AccessKeyLastUsed.LastUsedDate, or the
#   key's CreateDate if it was never used). A credential with neither date counts as unused.
#   Users with no console password and no active key are not judged. A user whose login
#   profile, access keys or key usage could not be read is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccessKeyLastUsed.html
# custom:
#   id: aws.iam.credentials_unused_90_days_disabled
#   severity: medium
#   resource_types: [AWS::IAM::User]
#   remediation: |
#     Remove an unused console password with aws iam delete-login-profile --user-name NAME and
#     deactivate an unused key with aws iam update-access-key --user-name NAME --access-key-id
#     KEY --status Inactive (delete it once nothing breaks); remove the user if nobody needs it.
package attestkit.checks.aws.iam.credentials_unused_90_days_disabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::IAM::User"

_apis := ["iam:GetLoginProfile", "iam:ListAccessKeys", "iam:GetAccessKeyLastUsed"]

_max_days := 90

results contains result.error(u, inventory.read_error_message(u, _apis), {"errors": inventory.read_errors(u, _apis)}) if {
	some u in inventory.resources(_type)
	inventory.any_read_failed(u, _apis)
}

results contains result.pass(u, sprintf("every enabled credential used or created within %d days", [_max_days]), _evidence(u)) if {
	some u in inventory.resources(_type)
	not inventory.any_read_failed(u, _apis)
	count(_credentials(u)) > 0
	_compliant(u)
}

results contains result.fail(u, _fail_message(u), _evidence(u)) if {
	some u in inventory.resources(_type)
	not inventory.any_read_failed(u, _apis)
	count(_credentials(u)) > 0
	not _compliant(u)
}

_compliant(u) if {
	every c in _credentials(u) {
		_recent(c)
	}
}

# Every enabled credential: what it is, the date judged, and its age in days (null: no date).
_credentials(u) := array.concat(_password(u), _keys(u))

_password(u) := [{"credential": "console password", "PasswordLastUsed": last, "LoginProfile.CreateDate": created, "days": _age(_first(last, created))} |
	is_object(u.config.LoginProfile)
	last := object.get(u.config, "PasswordLastUsed", null)
	created := object.get(u.config.LoginProfile, "CreateDate", null)
]

_keys(u) := [{"credential": sprintf("access key %s", [object.get(k, "AccessKeyId", "unknown")]), "AccessKeyLastUsed.LastUsedDate": last, "CreateDate": created, "days": _age(_first(last, created))} |
	some k in inventory.array_at(u.config, "AccessKeys")
	k.Status == "Active"
	last := object.get(k, ["AccessKeyLastUsed", "LastUsedDate"], null)
	created := object.get(k, "CreateDate", null)
]

_first(a, b) := a if is_string(a)

else := b if {
	is_string(b)
} else := null

_age(ts) := inventory.days_before_collection(ts) if is_string(ts)

else := null

_recent(c) if {
	is_number(c.days)
	c.days <= _max_days
}

_describe(c) := sprintf("%s unused for %d days", [c.credential, c.days]) if {
	is_number(c.days)
} else := sprintf("%s has no last-used or creation date", [c.credential])

_fail_message(u) := concat("; ", [_describe(c) | some c in _credentials(u); not _recent(c)])

_evidence(u) := {"credentials": _credentials(u)}
