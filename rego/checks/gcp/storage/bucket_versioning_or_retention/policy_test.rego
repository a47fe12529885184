package attestkit.checks.gcp.storage.bucket_versioning_or_retention_test

import data.attestkit.checks.gcp.storage.bucket_versioning_or_retention as check

_id(name) := sprintf("//storage.googleapis.com/%s", [name])

_bucket(name, extra) := {
	"id": _id(name),
	"type": "storage.googleapis.com/Bucket",
	"account": "carebridge-prod",
	"region": "us",
	"config": object.union({"name": name, "ancestors": ["projects/482913007215"]}, extra),
	"errors": [],
}

_input(buckets) := {"resources": {"storage.googleapis.com/Bucket": buckets}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_versioning_enabled if {
	rs := check.results with input as _input([_bucket("a", {"versioning": {"enabled": true}})])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_retention_policy if {
	rs := check.results with input as _input([_bucket("a", {"retentionPolicy": {"retentionPeriod": "2592000", "isLocked": true}})])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_retention_period_as_number if {
	rs := check.results with input as _input([_bucket("a", {"versioning": {"enabled": false}, "retentionPolicy": {"retentionPeriod": 86400}})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_versioning_disabled if {
	rs := check.results with input as _input([_bucket("b", {"versioning": {"enabled": false}})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_neither_setting if {
	rs := check.results with input as _input([_bucket("b", {})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_zero_retention_period if {
	rs := check.results with input as _input([_bucket("b", {"retentionPolicy": {"retentionPeriod": "0"}})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_malformed_retention_period if {
	rs := check.results with input as _input([_bucket("b", {"retentionPolicy": {"retentionPeriod": "30d"}})])
	_status(rs, _id("b")) == {"fail"}
}

test_pass_message_names_the_retention if {
	rs := check.results with input as _input([_bucket("a", {"retentionPolicy": {"retentionPeriod": "189216000"}})])
	some r in rs
	r.message == "retention policy of 2190 days"
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_unknown := "(known after apply)"

_planned(extra, unknown) := object.union(_bucket("p", extra), {
	"id": "google_storage_bucket.p",
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "a value is known only after apply"}],
})

test_error_versioning_known_after_apply if {
	rs := check.results with input as _input([_planned({"versioning": {"enabled": _unknown}}, ["versioning.enabled"])])
	_status(rs, "google_storage_bucket.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["versioning.enabled"]
	r.message == "cannot judge before apply: versioning.enabled known only after apply; judge the applied resource"
}

test_error_retention_period_known_after_apply if {
	extra := {"versioning": {"enabled": false}, "retentionPolicy": {"retentionPeriod": _unknown}}
	rs := check.results with input as _input([_planned(extra, ["retentionPolicy.retentionPeriod"])])
	_status(rs, "google_storage_bucket.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["retentionPolicy.retentionPeriod"]
}

test_pass_versioning_decides_over_retention_known_after_apply if {
	extra := {"versioning": {"enabled": true}, "retentionPolicy": {"retentionPeriod": _unknown}}
	rs := check.results with input as _input([_planned(extra, ["retentionPolicy.retentionPeriod"])])
	_status(rs, "google_storage_bucket.p") == {"pass"}
	some r in rs
	r.message == "object versioning enabled"
	r.evidence.known_after_apply == ["retentionPolicy.retentionPeriod"]
}

test_pass_retention_decides_over_versioning_known_after_apply if {
	extra := {"versioning": {"enabled": _unknown}, "retentionPolicy": {"retentionPeriod": "2592000"}}
	rs := check.results with input as _input([_planned(extra, ["versioning.enabled"])])
	_status(rs, "google_storage_bucket.p") == {"pass"}
}
