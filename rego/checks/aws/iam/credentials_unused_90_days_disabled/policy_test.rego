package attestkit.checks.aws.iam.credentials_unused_90_days_disabled_test

import data.attestkit.checks.aws.iam.credentials_unused_90_days_disabled as check

# input.collected_at is 2026-11-28T00:00:00Z: 2026-08-30 is 90 days before it, 2026-08-29 is 91.
_collected_at := "2026-11-28T00:00:00Z"

_id(name) := sprintf("arn:aws:iam::111122223333:user/%s", [name])

_user(name, config, errors) := {
	"id": _id(name),
	"type": "AWS::IAM::User",
	"account": "111122223333",
	"region": "global",
	"name": name,
	"config": object.union({"UserName": name, "LoginProfile": null, "MFADevices": [], "AccessKeys": []}, config),
	"errors": errors,
}

_profile(created) := {"LoginProfile": {"CreateDate": created, "PasswordResetRequired": false}}

_key(id, status, created, last_used) := {
	"AccessKeyId": id,
	"Status": status,
	"CreateDate": created,
	"AccessKeyLastUsed": _last_used(last_used),
}

_last_used(date) := {"LastUsedDate": date, "ServiceName": "s3", "Region": "us-east-1"} if {
	date != null
} else := {"ServiceName": "N/A", "Region": "N/A"}

_input(users) := {"resources": {"AWS::IAM::User": users}, "collection_errors": [], "collected_at": _collected_at}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_password_used_recently if {
	config := object.union(_profile("2024-01-01T00:00:00Z"), {"PasswordLastUsed": "2026-11-20T09:00:00Z"})
	rs := check.results with input as _input([_user("alice", config, [])])
	_status(rs, _id("alice")) == {"pass"}
}

test_pass_new_password_never_used if {
	rs := check.results with input as _input([_user("alice", _profile("2026-11-01T00:00:00Z"), [])])
	_status(rs, _id("alice")) == {"pass"}
}

test_pass_key_used_exactly_90_days_ago if {
	keys := {"AccessKeys": [_key("AKIA1", "Active", "2025-01-01T00:00:00Z", "2026-08-30T00:00:00Z")]}
	rs := check.results with input as _input([_user("svc", keys, [])])
	_status(rs, _id("svc")) == {"pass"}
}

test_pass_inactive_old_key_ignored if {
	keys := {"AccessKeys": [
		_key("AKIA1", "Active", "2026-11-01T00:00:00Z", null),
		_key("AKIA2", "Inactive", "2020-01-01T00:00:00Z", null),
	]}
	rs := check.results with input as _input([_user("svc", keys, [])])
	_status(rs, _id("svc")) == {"pass"}
}

test_fail_password_unused_91_days if {
	config := object.union(_profile("2024-01-01T00:00:00Z"), {"PasswordLastUsed": "2026-08-29T00:00:00Z"})
	rs := check.results with input as _input([_user("bob", config, [])])
	_status(rs, _id("bob")) == {"fail"}
	some r in rs
	r.message == "console password unused for 91 days"
}

test_fail_old_password_never_used if {
	rs := check.results with input as _input([_user("bob", _profile("2025-01-01T00:00:00Z"), [])])
	_status(rs, _id("bob")) == {"fail"}
}

test_fail_old_key_never_used if {
	keys := {"AccessKeys": [_key("AKIA3", "Active", "2026-05-12T00:00:00Z", null)]}
	rs := check.results with input as _input([_user("etl", keys, [])])
	_status(rs, _id("etl")) == {"fail"}
	some r in rs
	r.message == "access key AKIA3 unused for 200 days"
}

test_fail_one_key_of_two_unused if {
	keys := {"AccessKeys": [
		_key("AKIA1", "Active", "2025-01-01T00:00:00Z", "2026-11-27T00:00:00Z"),
		_key("AKIA2", "Active", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z"),
	]}
	rs := check.results with input as _input([_user("svc", keys, [])])
	_status(rs, _id("svc")) == {"fail"}
}

test_fail_key_without_any_date if {
	rs := check.results with input as _input([_user("svc", {"AccessKeys": [{"AccessKeyId": "AKIA9", "Status": "Active"}]}, [])])
	_status(rs, _id("svc")) == {"fail"}
}

test_no_result_without_credentials if {
	rs := check.results with input as _input([_user("carol", {}, [])])
	_status(rs, _id("carol")) == set()
}

test_error_last_used_unreadable if {
	errors := [{"api": "iam:GetAccessKeyLastUsed", "code": "AccessDenied", "message": "denied"}]
	keys := {"AccessKeys": [{"AccessKeyId": "AKIA1", "Status": "Active", "CreateDate": "2025-01-01T00:00:00Z"}]}
	rs := check.results with input as _input([_user("svc", keys, errors)])
	_status(rs, _id("svc")) == {"error"}
}

test_error_login_profile_unreadable if {
	errors := [{"api": "iam:GetLoginProfile", "code": "AccessDenied", "message": "denied"}]
	user := _user("dave", {}, errors)
	rs := check.results with input as _input([object.union(user, {"config": {"UserName": "dave", "AccessKeys": []}})])
	_status(rs, _id("dave")) == {"error"}
}

test_each_user_gets_at_most_one_status if {
	users := [
		_user("fresh", _profile("2026-11-01T00:00:00Z"), []),
		_user("stale", _profile("2024-01-01T00:00:00Z"), []),
		_user("none", {}, []),
		_user("unreadable", {}, [{"api": "iam:ListAccessKeys", "code": "AccessDenied", "message": "denied"}]),
	]
	rs := check.results with input as _input(users)
	expected := {"fresh": {"pass"}, "stale": {"fail"}, "none": set(), "unreadable": {"error"}}
	every name, statuses in expected {
		_status(rs, _id(name)) == statuses
	}
}

test_no_result_without_users if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
