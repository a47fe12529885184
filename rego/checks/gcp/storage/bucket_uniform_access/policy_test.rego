package attestkit.checks.gcp.storage.bucket_uniform_access_test

import data.attestkit.checks.gcp.storage.bucket_uniform_access as check

_id(name) := sprintf("//storage.googleapis.com/%s", [name])

_bucket(name, iam_configuration) := {
	"id": _id(name),
	"type": "storage.googleapis.com/Bucket",
	"account": "carebridge-prod",
	"region": "us",
	"config": {"name": name, "iamConfiguration": iam_configuration, "ancestors": ["projects/482913007215"]},
	"errors": [],
}

_input(buckets) := {"resources": {"storage.googleapis.com/Bucket": buckets}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_uniform_access_enabled if {
	rs := check.results with input as _input([_bucket("a", {"uniformBucketLevelAccess": {"enabled": true, "lockedTime": "2027-01-01T00:00:00Z"}})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_uniform_access_disabled if {
	rs := check.results with input as _input([_bucket("b", {"uniformBucketLevelAccess": {"enabled": false}})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_setting_absent if {
	rs := check.results with input as _input([_bucket("b", {"publicAccessPrevention": "inherited"})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_legacy_bucket_policy_only_alone if {
	rs := check.results with input as _input([_bucket("b", {"bucketPolicyOnly": {"enabled": "true"}})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_evidence_shows_the_value if {
	rs := check.results with input as _input([_bucket("b", {"uniformBucketLevelAccess": {"enabled": false}})])
	some r in rs
	r.evidence == {"iamConfiguration.uniformBucketLevelAccess.enabled": false}
}

test_each_bucket_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_bucket("a", {"uniformBucketLevelAccess": {"enabled": true}}),
		_bucket("b", {}),
	])
	_status(rs, _id("a")) == {"pass"}
	_status(rs, _id("b")) == {"fail"}
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned(enabled) := object.union(_bucket("p", {"uniformBucketLevelAccess": {"enabled": enabled}}), {
	"id": "google_storage_bucket.p",
	"config": {"_terraform": {"unknown": ["iamConfiguration.uniformBucketLevelAccess.enabled"]}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "uniform_bucket_level_access is known only after apply"}],
})

test_error_uniform_access_known_after_apply if {
	rs := check.results with input as _input([_planned("(known after apply)")])
	_status(rs, "google_storage_bucket.p") == {"error"}
	some r in rs
	r.evidence == {"iamConfiguration.uniformBucketLevelAccess.enabled": "(known after apply)", "known_after_apply": ["iamConfiguration.uniformBucketLevelAccess.enabled"]}
	r.message == "cannot judge before apply: iamConfiguration.uniformBucketLevelAccess.enabled known only after apply; judge the applied resource"
}
