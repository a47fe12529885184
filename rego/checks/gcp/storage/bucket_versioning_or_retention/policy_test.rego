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
