package attestkit.checks.gcp.compute.instance_no_default_sa_full_scope_test

import data.attestkit.checks.gcp.compute.instance_no_default_sa_full_scope as check

_id(name) := sprintf("//compute.googleapis.com/projects/carebridge-prod/zones/us-central1-a/instances/%s", [name])

_instance(name, accounts) := {
	"id": _id(name),
	"type": "compute.googleapis.com/Instance",
	"account": "carebridge-prod",
	"region": "us-central1-a",
	"config": {"name": name, "serviceAccounts": accounts},
	"errors": [],
}

_input(instances) := {"resources": {"compute.googleapis.com/Instance": instances}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_default := "482913007215-compute@developer.gserviceaccount.com"

_full := "https://www.googleapis.com/auth/cloud-platform"

_judge(accounts) := s if {
	rs := check.results with input as _input([_instance("i", accounts)])
	s := _status(rs, _id("i"))
}

test_pass_dedicated_account_full_scope if {
	_judge([{"email": "ehr-api@carebridge-prod.iam.gserviceaccount.com", "scopes": [_full]}]) == {"pass"}
}

test_pass_default_account_narrow_scopes if {
	_judge([{"email": _default, "scopes": ["https://www.googleapis.com/auth/devstorage.read_only", "https://www.googleapis.com/auth/logging.write"]}]) == {"pass"}
}

test_pass_no_service_account if {
	_judge([]) == {"pass"}
}

test_pass_service_accounts_null if {
	_judge(null) == {"pass"}
}

test_fail_default_account_full_scope if {
	_judge([{"email": _default, "scopes": [_full]}]) == {"fail"}
}

test_fail_default_account_full_scope_among_others if {
	_judge([{"email": _default, "scopes": ["https://www.googleapis.com/auth/logging.write", _full]}]) == {"fail"}
}

test_pass_lookalike_email if {
	_judge([{"email": "x482913007215-compute@developer.gserviceaccount.com.evil", "scopes": [_full]}]) == {"pass"}
}

# A Terraform plan writes a scope known only after apply as the sentinel.
_planned(accounts) := object.union(_instance("p", accounts), {"id": "google_compute_instance.p"})

test_error_default_account_scopes_known_after_apply if {
	rs := check.results with input as _input([_planned([{"email": _default, "scopes": ["(known after apply)"]}])])
	_status(rs, "google_compute_instance.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["serviceAccounts[].scopes"]
	r.message == "cannot judge before apply: serviceAccounts[].scopes known only after apply; judge the applied resource"
}

test_fail_default_account_full_scope_beside_one_known_after_apply if {
	rs := check.results with input as _input([_planned([{"email": _default, "scopes": [_full, "(known after apply)"]}])])
	_status(rs, "google_compute_instance.p") == {"fail"}
}

test_pass_dedicated_account_scopes_known_after_apply if {
	rs := check.results with input as _input([_planned([{"email": "ehr-api@carebridge-prod.iam.gserviceaccount.com", "scopes": ["(known after apply)"]}])])
	_status(rs, "google_compute_instance.p") == {"pass"}
}
