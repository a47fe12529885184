# METADATA
# title: Cloud Storage buckets keep overwritten and deleted objects
# description: |
#   Object versioning is enabled (`versioning.enabled` true) or a retention policy holds
#   objects for a positive period (`retentionPolicy.retentionPeriod`, seconds), so data that is
#   overwritten or deleted, by mistake or by an attacker, can be recovered. When a Terraform
#   plan leaves the versioning flag or the retention period to be known after apply and the
#   other does not keep objects, the bucket is `error`.
# related_resources:
#   - ref: https://cloud.google.com/storage/docs/object-versioning
#   - ref: https://cloud.google.com/storage/docs/bucket-lock
# custom:
#   id: gcp.storage.bucket_versioning_or_retention
#   severity: medium
#   resource_types: [storage.googleapis.com/Bucket]
#   remediation: |
#     gcloud storage buckets update gs://BUCKET --versioning (with a lifecycle rule that deletes
#     old noncurrent versions), or gcloud storage buckets update gs://BUCKET --retention-period=30d
package attestkit.checks.gcp.storage.bucket_versioning_or_retention

import data.attestkit.lib.inventory
import data.attestkit.lib.result

# Paths a Terraform plan can leave known only after apply.
_paths := ["retentionPolicy.retentionPeriod", "versioning.enabled"]

results contains result.pass(b, _pass_message(b), inventory.with_unknown(b, _paths, _evidence(b))) if {
	some b in inventory.resources("storage.googleapis.com/Bucket")
	_compliant(b)
}

results contains result.fail(b, "neither object versioning nor a retention policy", _evidence(b)) if {
	some b in inventory.resources("storage.googleapis.com/Bucket")
	not _compliant(b)
	not _undecided(b)
}

results contains result.error(b, sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [concat(", ", _waiting(b))]), object.union(_evidence(b), {"known_after_apply": _waiting(b)})) if {
	some b in inventory.resources("storage.googleapis.com/Bucket")
	_undecided(b)
}

_compliant(b) if _versioned(b)

_compliant(b) if _retained(b)

_versioned(b) if object.get(b.config, ["versioning", "enabled"], false) == true

# Neither keeps objects as far as is known, but a value known only after apply may.
_undecided(b) if {
	not _compliant(b)
	count(_waiting(b)) > 0
}

_waiting(b) := sort([path |
	some [path, keys] in [["versioning.enabled", ["versioning", "enabled"]], ["retentionPolicy.retentionPeriod", ["retentionPolicy", "retentionPeriod"]]]
	inventory.unknown_until_apply(object.get(b.config, keys, null))
])

_retained(b) if _retention_seconds(b) > 0

# The Cloud Storage JSON API writes the int64 period as a string.
_retention_seconds(b) := to_number(p) if {
	p := object.get(b.config, ["retentionPolicy", "retentionPeriod"], null)
	is_string(p)
	regex.match(`^[0-9]+$`, p)
} else := p if {
	p := object.get(b.config, ["retentionPolicy", "retentionPeriod"], null)
	is_number(p)
} else := 0

_pass_message(b) := "object versioning enabled" if {
	_versioned(b)
} else := sprintf("retention policy of %d days", [floor(_retention_seconds(b) / 86400)])

_evidence(b) := {
	"versioning.enabled": object.get(b.config, ["versioning", "enabled"], null),
	"retentionPolicy.retentionPeriod": object.get(b.config, ["retentionPolicy", "retentionPeriod"], null),
}
