package attestkit.checks.gcp.bigquery.dataset_not_public_test

import data.attestkit.checks.gcp.bigquery.dataset_not_public as check

_id(name) := sprintf("//bigquery.googleapis.com/projects/carebridge-analytics/datasets/%s", [name])

_owners := [{"role": "OWNER", "specialGroup": "projectOwners"}, {"role": "READER", "specialGroup": "projectReaders"}]

_dataset(name, access, bindings) := {
	"id": _id(name),
	"type": "bigquery.googleapis.com/Dataset",
	"account": "carebridge-analytics",
	"region": "us",
	"config": {"datasetReference": {"datasetId": name}, "access": access, "iamPolicy": {"bindings": bindings}, "ancestors": ["projects/1"]},
	"errors": [],
}

_unreadable(name, access) := {
	"id": _id(name),
	"type": "bigquery.googleapis.com/Dataset",
	"account": "carebridge-analytics",
	"region": "us",
	"config": {"datasetReference": {"datasetId": name}, "access": access, "ancestors": ["projects/1"]},
	"errors": [{"api": "cloudasset:ListAssets[IAM_POLICY]", "code": "PERMISSION_DENIED", "message": "denied"}],
}

_input(datasets) := {"resources": {"bigquery.googleapis.com/Dataset": datasets}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_private_dataset if {
	rs := check.results with input as _input([_dataset("a", array.concat(_owners, [{"role": "READER", "groupByEmail": "analysts@x.com"}]), [])])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_no_iam_policy if {
	d := _dataset("a", _owners, [])
	rs := check.results with input as _input([object.union(object.remove(d, ["config"]), {"config": object.union(object.remove(d.config, ["iamPolicy"]), {"iamPolicy": null})})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_all_authenticated_users_special_group if {
	rs := check.results with input as _input([_dataset("b", array.concat(_owners, [{"role": "READER", "specialGroup": "allAuthenticatedUsers"}]), [])])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_all_users_iam_member_entry if {
	rs := check.results with input as _input([_dataset("b", array.concat(_owners, [{"role": "READER", "iamMember": "allUsers"}]), [])])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_all_users_iam_binding if {
	rs := check.results with input as _input([_dataset("b", _owners, [{"role": "roles/bigquery.dataViewer", "members": ["allUsers"]}])])
	_status(rs, _id("b")) == {"fail"}
	some r in rs
	r.message == "public: allUsers has roles/bigquery.dataViewer"
}

test_error_iam_policy_unreadable if {
	rs := check.results with input as _input([_unreadable("c", _owners)])
	_status(rs, _id("c")) == {"error"}
}

test_fail_iam_policy_unreadable_but_public_access_entry if {
	rs := check.results with input as _input([_unreadable("c", [{"role": "READER", "specialGroup": "allAuthenticatedUsers"}])])
	_status(rs, _id("c")) == {"fail"}
}
