# METADATA
# title: No user-managed service account key is older than 90 days
# description: |
#   Every user-managed service account key (a key downloaded as a file, `keyType` other than
#   SYSTEM_MANAGED) became valid (`validAfterTime`) no more than 90 days before the
#   collection, so a leaked key file stays usable for a bounded time. Disabled keys are judged
#   too: they can be enabled again. Google-managed keys rotate themselves and are not judged.
#   A Terraform plan that leaves `validAfterTime` to be known after apply is `error`.
# related_resources:
#   - ref: https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys
#   - ref: https://cloud.google.com/iam/docs/keys-create-delete
# custom:
#   id: gcp.iam.service_account_key_rotated_90_days
#   severity: medium
#   resource_types: [iam.googleapis.com/ServiceAccountKey]
#   remediation: |
#     gcloud iam service-accounts keys create NEW_KEY.json --iam-account=SA_EMAIL, move every
#     consumer to it, then gcloud iam service-accounts keys delete KEY_ID --iam-account=SA_EMAIL
#     (better: replace keys with workload identity federation or attached service accounts).
package attestkit.checks.gcp.iam.service_account_key_rotated_90_days

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_max_age_days := 90

# Paths a Terraform plan can leave known only after apply.
_paths := ["validAfterTime"]

results contains result.pass(k, sprintf("created %d days ago", [_age_days(k)]), _evidence(k)) if {
	some k in _user_keys
	_compliant(k)
}

results contains result.fail(k, _fail_message(k), _evidence(k)) if {
	some k in _user_keys
	not _compliant(k)
	not _undecided(k)
}

results contains result.error(k, inventory.after_apply_message(k, _paths), inventory.with_unknown(k, _paths, _evidence(k))) if {
	some k in _user_keys
	_undecided(k)
}

_user_keys contains k if {
	some k in inventory.resources("iam.googleapis.com/ServiceAccountKey")
	object.get(k.config, "keyType", "USER_MANAGED") != "SYSTEM_MANAGED"
}

_age_days(k) := inventory.days_before_collection(k.config.validAfterTime) if {
	is_string(k.config.validAfterTime)
	not inventory.unknown_until_apply(k.config.validAfterTime)
}

_age_or_null(k) := _age_days(k) if {
	_age_days(k)
} else := null

_compliant(k) if _age_days(k) <= _max_age_days

_undecided(k) if {
	not _compliant(k)
	inventory.known_after_apply(k, _paths)
}

_disabled_note(k) := " (disabled)" if {
	object.get(k.config, "disabled", false) == true
} else := ""

_fail_message(k) := sprintf("created %d days ago, more than %d%s", [_age_days(k), _max_age_days, _disabled_note(k)]) if {
	_age_days(k)
} else := "no validAfterTime: the key's age is unknown"

_evidence(k) := {
	"keyType": object.get(k.config, "keyType", null),
	"validAfterTime": object.get(k.config, "validAfterTime", null),
	"age_days": _age_or_null(k),
	"disabled": object.get(k.config, "disabled", null),
}
