package attestkit.checks.gcp.kms.key_rotation_90_days_test

import data.attestkit.checks.gcp.kms.key_rotation_90_days as check

# input.collected_at is 2026-11-28T00:00:00Z.
_id(name) := sprintf("//cloudkms.googleapis.com/projects/carebridge-prod/locations/us-central1/keyRings/phi/cryptoKeys/%s", [name])

_key(name, extra) := {
	"id": _id(name),
	"type": "cloudkms.googleapis.com/CryptoKey",
	"account": "carebridge-prod",
	"region": "us-central1",
	"config": object.union({"name": name, "purpose": "ENCRYPT_DECRYPT", "primary": {"state": "ENABLED", "createTime": "2026-10-01T00:00:00Z"}}, extra),
	"errors": [],
}

_input(keys) := {"resources": {"cloudkms.googleapis.com/CryptoKey": keys}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_judge(extra) := s if {
	rs := check.results with input as _input([_key("k", extra)])
	s := _status(rs, _id("k"))
}

test_pass_90_day_rotation if {
	_judge({"rotationPeriod": "7776000s", "nextRotationTime": "2026-12-30T00:00:00Z"}) == {"pass"}
}

test_pass_30_day_rotation_next_exactly_90_days_away if {
	_judge({"rotationPeriod": "2592000s", "nextRotationTime": "2027-02-26T00:00:00Z"}) == {"pass"}
}

test_fail_period_91_days if {
	_judge({"rotationPeriod": "7862400s", "nextRotationTime": "2026-12-30T00:00:00Z"}) == {"fail"}
}

test_fail_yearly_rotation if {
	_judge({"rotationPeriod": "31536000s", "nextRotationTime": "2027-04-10T16:00:12Z"}) == {"fail"}
}

test_fail_no_rotation_period if {
	_judge({}) == {"fail"}
}

test_fail_next_rotation_too_far if {
	_judge({"rotationPeriod": "7776000s", "nextRotationTime": "2027-06-01T00:00:00Z"}) == {"fail"}
}

test_fail_period_without_next_rotation if {
	_judge({"rotationPeriod": "7776000s"}) == {"fail"}
}

test_fail_malformed_period if {
	_judge({"rotationPeriod": "90d", "nextRotationTime": "2026-12-30T00:00:00Z"}) == {"fail"}
}

test_fail_message_names_the_period if {
	rs := check.results with input as _input([_key("k", {"rotationPeriod": "31536000s", "nextRotationTime": "2027-04-10T16:00:12Z"})])
	some r in rs
	r.message == "rotation period of 365 days is longer than 90"
}

test_no_result_asymmetric_key if {
	_judge({"purpose": "ASYMMETRIC_SIGN"}) == set()
}

test_pass_message_with_times_off_midnight if {
	rs := check.results with input as _input([_key("k", {"rotationPeriod": "7776000.5s", "nextRotationTime": "2026-12-30T17:43:12.120Z"})])
	some r in rs
	r.status == "pass"
	r.message == "rotates every 90 days; next rotation in 32 days"
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned(extra, unknown) := object.union(_key("p", extra), {
	"id": "google_kms_crypto_key.p",
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "rotation_period is known only after apply"}],
})

test_error_rotation_period_known_after_apply if {
	rs := check.results with input as _input([_planned({"rotationPeriod": "(known after apply)"}, ["rotationPeriod"])])
	_status(rs, "google_kms_crypto_key.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["rotationPeriod"]
	r.evidence.rotationPeriod == "(known after apply)"
	r.message == "cannot judge before apply: rotationPeriod known only after apply; judge the applied resource"
}

test_error_purpose_known_after_apply_no_rotation if {
	rs := check.results with input as _input([_planned({"purpose": "(known after apply)"}, [])])
	_status(rs, "google_kms_crypto_key.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["purpose"]
}

test_fail_purpose_known_after_apply_yearly_rotation if {
	rs := check.results with input as _input([_planned({"purpose": "(known after apply)", "rotationPeriod": "31536000s", "nextRotationTime": "2027-04-10T16:00:12Z"}, [])])
	_status(rs, "google_kms_crypto_key.p") == {"fail"}
}
