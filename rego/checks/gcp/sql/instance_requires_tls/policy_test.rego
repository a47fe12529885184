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
