# METADATA
# title: Cloud SQL instances accept only encrypted connections
# description: |
#   The instance's `settings.ipConfiguration.sslMode` is ENCRYPTED_ONLY or
#   TRUSTED_CLIENT_CERTIFICATE_REQUIRED; for instances whose data predates `sslMode`, the
#   legacy `requireSsl` is true. ALLOW_UNENCRYPTED_AND_ENCRYPTED, or neither setting, lets
#   clients send PHI in clear text.
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

results contains result.pass(i, "only encrypted connections are accepted", _evidence(i)) if {
	some i in inventory.resources("sqladmin.googleapis.com/Instance")
	_compliant(i)
}

results contains result.fail(i, "unencrypted connections are accepted", _evidence(i)) if {
	some i in inventory.resources("sqladmin.googleapis.com/Instance")
	not _compliant(i)
}

_ip(i) := object.get(i.config, ["settings", "ipConfiguration"], {})

# sslMode, when present, is authoritative; requireSsl only speaks for instances without it.
_compliant(i) if _ip(i).sslMode in _encrypted_modes

_compliant(i) if {
	not _ip(i).sslMode
	_ip(i).requireSsl == true
}

_evidence(i) := {
	"settings.ipConfiguration.sslMode": object.get(_ip(i), "sslMode", null),
	"settings.ipConfiguration.requireSsl": object.get(_ip(i), "requireSsl", null),
}
