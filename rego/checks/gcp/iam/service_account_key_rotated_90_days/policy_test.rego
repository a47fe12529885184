package attestkit.checks.gcp.iam.service_account_key_rotated_90_days_test

import data.attestkit.checks.gcp.iam.service_account_key_rotated_90_days as check

# input.collected_at is 2026-11-28T00:00:00Z: 2026-08-30 is 90 days before it, 2026-08-29 is 91.
_id(kid) := sprintf("//iam.googleapis.com/projects/carebridge-prod/serviceAccounts/etl@carebridge-prod.iam.gserviceaccount.com/keys/%s", [kid])

_key(kid, extra) := {
	"id": _id(kid),
	"type": "iam.googleapis.com/ServiceAccountKey",
	"account": "carebridge-prod",
	"region": "global",
	"name": kid,
	"config": object.union({"keyType": "USER_MANAGED", "keyAlgorithm": "KEY_ALG_RSA_2048", "validBeforeTime": "9999-12-31T23:59:59Z"}, extra),
	"errors": [],
}

_input(keys) := {"resources": {"iam.googleapis.com/ServiceAccountKey": keys}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_judge(extra) := s if {
	rs := check.results with input as _input([_key("k", extra)])
	s := _status(rs, _id("k"))
}

test_pass_recent_key if {
	_judge({"validAfterTime": "2026-11-01T10:00:00Z"}) == {"pass"}
}

test_pass_exactly_90_days if {
	_judge({"validAfterTime": "2026-08-30T00:00:00Z"}) == {"pass"}
}

test_fail_91_days if {
	_judge({"validAfterTime": "2026-08-29T00:00:00Z"}) == {"fail"}
}

test_fail_old_disabled_key if {
	rs := check.results with input as _input([_key("k", {"validAfterTime": "2025-09-02T11:11:11Z", "disabled": true})])
	_status(rs, _id("k")) == {"fail"}
	some r in rs
	r.message == "created 451 days ago, more than 90 (disabled)"
}

test_fail_key_type_absent_is_judged if {
	k := _key("k", {"validAfterTime": "2025-01-01T00:00:00Z"})
	rs := check.results with input as _input([object.union(object.remove(k, ["config"]), {"config": object.remove(k.config, ["keyType"])})])
	_status(rs, _id("k")) == {"fail"}
}

test_fail_no_valid_after_time if {
	_judge({}) == {"fail"}
}

test_no_result_system_managed_key if {
	_judge({"keyType": "SYSTEM_MANAGED", "validAfterTime": "2020-01-01T00:00:00Z"}) == set()
}

test_pass_evidence_has_the_age if {
	rs := check.results with input as _input([_key("k", {"validAfterTime": "2026-11-18T00:00:00Z"})])
	some r in rs
	r.evidence.age_days == 10
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
test_error_valid_after_time_known_after_apply if {
	k := object.union(_key("p", {"validAfterTime": "(known after apply)"}), {
		"id": "google_service_account_key.p",
		"config": {"_terraform": {"unknown": ["validAfterTime"]}},
		"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "valid_after is known only after apply"}],
	})
	rs := check.results with input as _input([k])
	_status(rs, "google_service_account_key.p") == {"error"}
	some r in rs
	r.evidence == {"keyType": "USER_MANAGED", "validAfterTime": "(known after apply)", "age_days": null, "disabled": null, "known_after_apply": ["validAfterTime"]}
	r.message == "cannot judge before apply: validAfterTime known only after apply; judge the applied resource"
}
