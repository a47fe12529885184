package attestkit.checks.gcp.storage.bucket_not_public_test

import data.attestkit.checks.gcp.storage.bucket_not_public as check

_id(name) := sprintf("//storage.googleapis.com/%s", [name])

_bucket(name, bindings, extra, errors) := {
	"id": _id(name),
	"type": "storage.googleapis.com/Bucket",
	"account": "carebridge-prod",
	"region": "us-central1",
	"config": object.union({
		"name": name,
		"iamConfiguration": {"uniformBucketLevelAccess": {"enabled": true}, "publicAccessPrevention": "inherited"},
		"ancestors": ["projects/482913007215"],
		"iamPolicy": {"version": 1, "bindings": bindings},
	}, extra),
	"errors": errors,
}

_owners := {"role": "roles/storage.legacyBucketOwner", "members": ["projectOwner:carebridge-prod"]}

_input(buckets) := {"resources": {"storage.googleapis.com/Bucket": buckets}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "cloudasset:ListAssets[IAM_POLICY]", "code": "PERMISSION_DENIED", "message": "denied"}]

# A bucket whose IAM policy could not be listed: no iamPolicy key, the error on the resource.
_unreadable(name, extra) := object.union(object.remove(b, ["config"]), {"config": object.remove(b.config, ["iamPolicy"])}) if {
	b := _bucket(name, [], extra, _denied)
}

test_pass_private_bucket if {
	rs := check.results with input as _input([_bucket("phi", [_owners, {"role": "roles/storage.objectViewer", "members": ["serviceAccount:app@p.iam.gserviceaccount.com"]}], {}, [])])
	_status(rs, _id("phi")) == {"pass"}
}

test_pass_no_iam_policy_set if {
	rs := check.results with input as _input([_bucket("phi", [], {"iamPolicy": null}, [])])
	_status(rs, _id("phi")) == {"pass"}
}

test_pass_private_acl_entries if {
	acl := {"acl": [{"entity": "project-owners-482913007215", "role": "OWNER"}], "defaultObjectAcl": null}
	rs := check.results with input as _input([_bucket("phi", [_owners], acl, [])])
	_status(rs, _id("phi")) == {"pass"}
}

test_fail_all_users_binding if {
	rs := check.results with input as _input([_bucket("web", [_owners, {"role": "roles/storage.objectViewer", "members": ["allUsers"]}], {}, [])])
	_status(rs, _id("web")) == {"fail"}
}

test_fail_all_authenticated_users_binding if {
	rs := check.results with input as _input([_bucket("web", [{"role": "roles/storage.objectViewer", "members": ["group:a@x.com", "allAuthenticatedUsers"]}], {}, [])])
	_status(rs, _id("web")) == {"fail"}
}

test_fail_public_default_object_acl if {
	rs := check.results with input as _input([_bucket("web", [_owners], {"defaultObjectAcl": [{"entity": "allUsers", "role": "READER"}]}, [])])
	_status(rs, _id("web")) == {"fail"}
}

test_fail_evidence_names_the_grant if {
	rs := check.results with input as _input([_bucket("web", [{"role": "roles/storage.objectViewer", "members": ["allUsers"]}], {}, [])])
	some r in rs
	r.resource == _id("web")
	r.evidence["iamPolicy public bindings"] == [{"role": "roles/storage.objectViewer", "member": "allUsers"}]
}

test_error_iam_policy_unreadable if {
	rs := check.results with input as _input([_unreadable("dark", {})])
	_status(rs, _id("dark")) == {"error"}
}

test_fail_iam_policy_unreadable_but_public_acl if {
	rs := check.results with input as _input([_unreadable("dark", {"acl": [{"entity": "allAuthenticatedUsers", "role": "READER"}]})])
	_status(rs, _id("dark")) == {"fail"}
}

test_each_bucket_gets_exactly_one_status if {
	buckets := [
		_bucket("a", [_owners], {}, []),
		_bucket("b", [{"role": "roles/storage.admin", "members": ["allUsers"]}], {}, []),
		_unreadable("c", {}),
	]
	rs := check.results with input as _input(buckets)
	expected := {"a": "pass", "b": "fail", "c": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

test_no_result_without_buckets if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
