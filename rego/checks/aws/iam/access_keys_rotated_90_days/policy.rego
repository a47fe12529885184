# METADATA
# title: Active IAM access keys are rotated within 90 days
# description: |
#   Every active access key of an IAM user was created no more than 90 days before the
#   collection, so a leaked key stays usable for a bounded time. Users without an active
#   key are not judged; inactive keys are ignored.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html
# custom:
#   id: aws.iam.access_keys_rotated_90_days
#   severity: medium
#   resource_types: [AWS::IAM::User]
#   remediation: |
#     aws iam create-access-key --user-name NAME, move every consumer to the new key, then
#     aws iam update-access-key --user-name NAME --access-key-id OLD_KEY --status Inactive and,
#     once nothing breaks, aws iam delete-access-key --user-name NAME --access-key-id OLD_KEY
package attestkit.checks.aws.iam.access_keys_rotated_90_days

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["iam:ListAccessKeys"]

_max_age_days := 90

results contains result.error(u, inventory.read_error_message(u, _apis), {"errors": inventory.read_errors(u, _apis)}) if {
	some u in inventory.resources("AWS::IAM::User")
	inventory.any_read_failed(u, _apis)
}

results contains result.pass(u, _pass_message(u), _evidence(u)) if {
	some u in inventory.resources("AWS::IAM::User")
	not inventory.any_read_failed(u, _apis)
	count(_active_keys(u)) > 0
	_compliant(u)
}

results contains result.fail(u, _fail_message(u), _evidence(u)) if {
	some u in inventory.resources("AWS::IAM::User")
	not inventory.any_read_failed(u, _apis)
	count(_active_keys(u)) > 0
	not _compliant(u)
}

_compliant(u) if {
	every key in _active_keys(u) {
		_fresh(key)
	}
}

_active_keys(u) := [key | some key in inventory.array_at(u.config, "AccessKeys"); key.Status == "Active"]

_age_days(key) := days if {
	is_string(key.CreateDate)
	days := inventory.days_before_collection(key.CreateDate)
} else := null

_fresh(key) if {
	is_number(_age_days(key))
	_age_days(key) <= _max_age_days
}

_key_id(key) := object.get(key, "AccessKeyId", "unknown key")

_describe(key) := sprintf("%s is %d days old", [_key_id(key), _age_days(key)]) if {
	is_number(_age_days(key))
} else := sprintf("%s has no CreateDate", [_key_id(key)])

_pass_message(u) := sprintf("active keys rotated within %d days: %s", [
	_max_age_days,
	concat(", ", [_describe(key) | some key in _active_keys(u)]),
])

_fail_message(u) := sprintf("active key older than %d days: %s", [
	_max_age_days,
	concat(", ", [_describe(key) | some key in _active_keys(u); not _fresh(key)]),
])

_evidence(u) := {"AccessKeys (active)": [{"AccessKeyId": _key_id(key), "CreateDate": object.get(key, "CreateDate", null), "age_days": _age_days(key)} |
	some key in _active_keys(u)
]}
