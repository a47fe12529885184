# METADATA
# title: Cloud SQL instances accept only encrypted connections
# description: |
#   The instance's `settings.ipConfiguration.sslMode` is ENCRYPTED_ONLY or
#   TRUSTED_CLIENT_CERTIFICATE_REQUIRED; for instances whose data predates `sslMode`, the
#   legacy `requireSsl` is true. ALLOW_UNENCRYPTED_AND_ENCRYPTED, or neither setting, lets
#   clients send PHI in clear text. When a Terraform plan sets `sslMode` (or, without it,
#   `requireSsl`) to a value known only after apply, the instance is `error`.
# related_resources:
#   - ref: https://cloud.google.com/sql/docs/postgres/configure-ssl-instance
#   - ref: https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1beta4/instances#SslMode
# custom:
#   id: gcp.sql.instance_requires_tls
#   severity: high
#   resource_types: [sqladmin.googleapis.com/Instance]
#   remediation: |
#     gcloud sql instances patch INSTANCE --ssl-mode=ENCRYPTED_ONLY (or
#     TRUSTED_CLIENT_CERTIFICATE_REQUIRED to also require client certificates).
package attestkit.checks.gcp.sql.instance_requires_tls

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_encrypted_modes := {"ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}

# Paths a Terraform plan can leave known only after apply.
_paths := ["settings.ipConfiguration.requireSsl", "settings.ipConfiguration.sslMode"]

results contains result.pass(i, "only encrypted connections are accepted", inventory.with_unknown(i, _paths, _evidence(i))) if {
	some i in inventory.resources("sqladmin.googleapis.com/Instance")
	_compliant(i)
}

results contains result.fail(i, "unencrypted connections are accepted", _evidence(i)) if {
	some i in inventory.resources("sqladmin.googleapis.com/Instance")
	not _compliant(i)
	not _undecided(i)
}

results contains result.error(i, sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [concat(", ", _waiting(i))]), object.union(_evidence(i), {"known_after_apply": _waiting(i)})) if {
	some i in inventory.resources("sqladmin.googleapis.com/Instance")
	_undecided(i)
}

_ip(i) := object.get(i.config, ["settings", "ipConfiguration"], {})

# sslMode, when present, is authoritative; requireSsl only speaks for instances without it.
_compliant(i) if _ip(i).sslMode in _encrypted_modes

_compliant(i) if {
	not _ip(i).sslMode
	_ip(i).requireSsl == true
}

_undecided(i) if {
	not _compliant(i)
	count(_waiting(i)) > 0
}

# The values known only after apply that decide: sslMode when it is set, else requireSsl.
_waiting(i) := inventory.unknown_paths(i, ["settings.ipConfiguration.sslMode"]) if {
	_ip(i).sslMode
} else := inventory.unknown_paths(i, _paths)

_evidence(i) := {
	"settings.ipConfiguration.sslMode": object.get(_ip(i), "sslMode", null),
	"settings.ipConfiguration.requireSsl": object.get(_ip(i), "requireSsl", null),
}
