# METADATA
# title: Cloud KMS keys rotate at least every 90 days
# description: |
#   Every symmetric encryption key (purpose ENCRYPT_DECRYPT, the only kind Cloud KMS rotates
#   automatically) has a `rotationPeriod` of at most 90 days and a `nextRotationTime` no more
#   than 90 days after the collection, so a new primary version is made on schedule.
#   Asymmetric keys, rotated by hand, are not judged. When a Terraform plan leaves the rotation
#   period (or, for a key without one, the purpose) to be known after apply, the key is `error`.
# related_resources:
#   - ref: https://cloud.google.com/kms/docs/key-rotation
#   - ref: https://cloud.google.com/kms/docs/rotate-key
# custom:
#   id: gcp.kms.key_rotation_90_days
#   severity: medium
#   resource_types: [cloudkms.googleapis.com/CryptoKey]
#   remediation: |
#     gcloud kms keys update KEY --keyring=KEYRING --location=LOCATION --rotation-period=90d
#     --next-rotation-time=$(date -u -d '+90 days' +%Y-%m-%dT%H:%M:%SZ)
package attestkit.checks.gcp.kms.key_rotation_90_days

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_max_days := 90

_day_ns := 86400000000000

# Paths a Terraform plan can leave known only after apply.
_paths := ["rotationPeriod"]

results contains result.pass(k, sprintf("rotates every %d days; next rotation in %d days", [_period_days(k), _days_to_next(k)]), _evidence(k)) if {
	some k in _keys
	_compliant(k)
}

results contains result.fail(k, _fail_message(k), _evidence(k)) if {
	some k in _keys
	not _compliant(k)
	not _undecided(k)
}

results contains result.error(k, sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [concat(", ", _after_apply(k))]), object.union(_evidence(k), {"known_after_apply": _after_apply(k)})) if {
	some k in _keys
	_undecided(k)
}

_keys contains k if {
	some k in inventory.resources("cloudkms.googleapis.com/CryptoKey")
	object.get(k.config, "purpose", "ENCRYPT_DECRYPT") == "ENCRYPT_DECRYPT"
}

# A purpose a plan leaves to be known after apply may be ENCRYPT_DECRYPT: judged, not dropped.
_keys contains k if {
	some k in inventory.resources("cloudkms.googleapis.com/CryptoKey")
	inventory.unknown_until_apply(object.get(k.config, "purpose", null))
}

_undecided(k) if {
	not _compliant(k)
	count(_after_apply(k)) > 0
}

# What the verdict waits for: the listed paths, and the purpose of a key without a rotation
# period (a key with one is symmetric whatever it says: only those rotate).
_after_apply(k) := sort(array.concat(inventory.unknown_paths(k, _paths), ["purpose" |
	inventory.unknown_until_apply(object.get(k.config, "purpose", null))
	not _period_seconds(k)
]))

_compliant(k) if {
	_period_days(k) <= _max_days
	_days_to_next(k) <= _max_days
}

# rotationPeriod is a protobuf Duration in JSON: seconds with an `s` suffix, e.g. "7776000s".
_period_seconds(k) := to_number(trim_suffix(p, "s")) if {
	p := object.get(k.config, "rotationPeriod", null)
	is_string(p)
	regex.match(`^[0-9]+(\.[0-9]+)?s$`, p)
}

_period_days(k) := floor(_period_seconds(k) / 86400)

_days_to_next(k) := floor((time.parse_rfc3339_ns(k.config.nextRotationTime) - inventory.collected_at_ns) / _day_ns) if {
	is_string(k.config.nextRotationTime)
}

_fail_message(k) := "no automatic rotation (no rotationPeriod)" if {
	not _period_seconds(k)
} else := sprintf("rotation period of %d days is longer than %d", [_period_days(k), _max_days]) if {
	_period_days(k) > _max_days
} else := "no next rotation scheduled" if {
	not _days_to_next(k)
} else := sprintf("next rotation is %d days away", [_days_to_next(k)])

_evidence(k) := {
	"purpose": object.get(k.config, "purpose", null),
	"rotationPeriod": object.get(k.config, "rotationPeriod", null),
	"nextRotationTime": object.get(k.config, "nextRotationTime", null),
	"primary.createTime": object.get(k.config, ["primary", "createTime"], null),
}
