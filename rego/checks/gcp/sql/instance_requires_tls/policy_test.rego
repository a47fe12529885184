package attestkit.checks.gcp.sql.instance_requires_tls_test

import data.attestkit.checks.gcp.sql.instance_requires_tls as check

_id(name) := sprintf("//cloudsql.googleapis.com/projects/carebridge-prod/instances/%s", [name])

_instance(name, ip) := {
	"id": _id(name),
	"type": "sqladmin.googleapis.com/Instance",
	"account": "carebridge-prod",
	"region": "us-central1",
	"config": {"name": name, "databaseVersion": "POSTGRES_15", "instanceType": "CLOUD_SQL_INSTANCE", "settings": {"ipConfiguration": ip}},
	"errors": [],
}

_input(instances) := {"resources": {"sqladmin.googleapis.com/Instance": instances}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_encrypted_only if {
	rs := check.results with input as _input([_instance("a", {"sslMode": "ENCRYPTED_ONLY", "requireSsl": true})])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_client_certificates_required if {
	rs := check.results with input as _input([_instance("a", {"sslMode": "TRUSTED_CLIENT_CERTIFICATE_REQUIRED", "requireSsl": true})])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_legacy_require_ssl if {
	rs := check.results with input as _input([_instance("a", {"requireSsl": true, "ipv4Enabled": true})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_allow_unencrypted if {
	rs := check.results with input as _input([_instance("b", {"sslMode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED", "requireSsl": false})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_ssl_mode_overrides_stale_require_ssl if {
	rs := check.results with input as _input([_instance("b", {"sslMode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED", "requireSsl": true})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_nothing_set if {
	rs := check.results with input as _input([_instance("b", {"ipv4Enabled": false})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_no_ip_configuration if {
	i := _instance("b", {})
	rs := check.results with input as _input([object.union(object.remove(i, ["config"]), {"config": {"name": "b", "settings": {}}})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_evidence_shows_both_settings if {
	rs := check.results with input as _input([_instance("b", {"sslMode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED", "requireSsl": false})])
	some r in rs
	r.evidence == {"settings.ipConfiguration.sslMode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED", "settings.ipConfiguration.requireSsl": false}
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path;
# an sslMode the configuration leaves to the API is left out.
_unknown := "(known after apply)"

_planned(ip, unknown) := object.union(_instance("p", ip), {
	"id": "google_sql_database_instance.p",
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "a value is known only after apply"}],
})

test_error_ssl_mode_known_after_apply if {
	rs := check.results with input as _input([_planned({"sslMode": _unknown}, ["settings.ipConfiguration.sslMode"])])
	_status(rs, "google_sql_database_instance.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["settings.ipConfiguration.sslMode"]
	r.message == "cannot judge before apply: settings.ipConfiguration.sslMode known only after apply; judge the applied resource"
}

test_error_ssl_mode_known_after_apply_beside_require_ssl if {
	ip := {"sslMode": _unknown, "requireSsl": true}
	rs := check.results with input as _input([_planned(ip, ["settings.ipConfiguration.sslMode"])])
	_status(rs, "google_sql_database_instance.p") == {"error"}
}

test_error_require_ssl_known_after_apply_without_ssl_mode if {
	rs := check.results with input as _input([_planned({"requireSsl": _unknown}, ["settings.ipConfiguration.requireSsl"])])
	_status(rs, "google_sql_database_instance.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["settings.ipConfiguration.requireSsl"]
}

test_fail_known_ssl_mode_decides_over_require_ssl_known_after_apply if {
	ip := {"sslMode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED", "requireSsl": _unknown}
	rs := check.results with input as _input([_planned(ip, ["settings.ipConfiguration.requireSsl"])])
	_status(rs, "google_sql_database_instance.p") == {"fail"}
}

test_pass_known_ssl_mode_decides_over_require_ssl_known_after_apply if {
	ip := {"sslMode": "ENCRYPTED_ONLY", "requireSsl": _unknown}
	rs := check.results with input as _input([_planned(ip, ["settings.ipConfiguration.requireSsl"])])
	_status(rs, "google_sql_database_instance.p") == {"pass"}
	some r in rs
	r.evidence.known_after_apply == ["settings.ipConfiguration.requireSsl"]
}
