package attestkit.checks.aws.iam.access_keys_rotated_90_days_test

import data.attestkit.checks.aws.iam.access_keys_rotated_90_days as check

# input.collected_at is 2026-11-28T00:00:00Z: 2026-08-30 is 90 days before it, 2026-08-29 is 91.
_collected_at := "2026-11-28T00:00:00Z"

_key(id, status, created) := {
	"AccessKeyId": id,
	"Status": status,
	"CreateDate": created,
	"AccessKeyLastUsed": {"LastUsedDate": "2026-11-27T00:00:00Z", "ServiceName": "s3", "Region": "us-east-1"},
}

_user(name, keys, errors) := {
	"id": sprintf("arn:aws:iam::111122223333:user/%s", [name]),
	"type": "AWS::IAM::User",
	"account": "111122223333",
	"region": "global",
	"name": name,
	"config": {"UserName": name, "LoginProfile": null, "MFADevices": [], "AccessKeys": keys},
	"errors": errors,
}

_id(name) := sprintf("arn:aws:iam::111122223333:user/%s", [name])

_input(users) := {"resources": {"AWS::IAM::User": users}, "collection_errors": [], "collected_at": _collected_at}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "iam:ListAccessKeys", "code": "AccessDenied", "message": "denied"}]

test_pass_recent_active_key if {
	rs := check.results with input as _input([_user("alice", [_key("AKIA1", "Active", "2026-11-01T10:00:00Z")], [])])
	_status(rs, _id("alice")) == {"pass"}
}

test_pass_key_exactly_90_days_old if {
	rs := check.results with input as _input([_user("alice", [_key("AKIA1", "Active", "2026-08-30T00:00:00Z")], [])])
	_status(rs, _id("alice")) == {"pass"}
}

test_pass_inactive_old_key_ignored if {
	keys := [_key("AKIA1", "Active", "2026-11-01T10:00:00Z"), _key("AKIA2", "Inactive", "2024-01-01T00:00:00Z")]
	rs := check.results with input as _input([_user("alice", keys, [])])
	_status(rs, _id("alice")) == {"pass"}
}

test_fail_key_91_days_old if {
	rs := check.results with input as _input([_user("bob", [_key("AKIA3", "Active", "2026-08-29T00:00:00Z")], [])])
	_status(rs, _id("bob")) == {"fail"}
}

test_fail_one_of_two_active_keys_old if {
	keys := [_key("AKIA3", "Active", "2026-11-01T10:00:00Z"), _key("AKIA4", "Active", "2025-01-01T00:00:00Z")]
	rs := check.results with input as _input([_user("bob", keys, [])])
	_status(rs, _id("bob")) == {"fail"}
}

test_fail_active_key_without_create_date if {
	rs := check.results with input as _input([_user("bob", [{"AccessKeyId": "AKIA5", "Status": "Active"}], [])])
	_status(rs, _id("bob")) == {"fail"}
}

test_fail_evidence_lists_key_ages if {
	keys := [_key("AKIA3", "Active", "2026-11-18T00:00:00Z"), _key("AKIA4", "Active", "2026-08-18T00:00:00Z")]
	rs := check.results with input as _input([_user("bob", keys, [])])
	some r in rs
	r.resource == _id("bob")
	{[k.AccessKeyId, k.age_days] | some k in r.evidence["AccessKeys (active)"]} == {["AKIA3", 10], ["AKIA4", 102]}
}

test_no_result_user_without_keys if {
	rs := check.results with input as _input([_user("carol", [], [])])
	_status(rs, _id("carol")) == set()
}

test_no_result_user_with_only_inactive_keys if {
	rs := check.results with input as _input([_user("carol", [_key("AKIA6", "Inactive", "2020-01-01T00:00:00Z")], [])])
	_status(rs, _id("carol")) == set()
}

test_error_access_keys_unreadable if {
	user := object.remove(_user("dave", [], _denied), ["config"])
	rs := check.results with input as _input([object.union(user, {"config": {"UserName": "dave", "LoginProfile": null, "MFADevices": []}})])
	_status(rs, _id("dave")) == {"error"}
}

test_pass_last_used_unreadable_is_irrelevant if {
	errors := [{"api": "iam:GetAccessKeyLastUsed", "code": "AccessDenied", "message": "denied"}]
	key := object.remove(_key("AKIA7", "Active", "2026-11-01T00:00:00Z"), ["AccessKeyLastUsed"])
	rs := check.results with input as _input([_user("erin", [key], errors)])
	_status(rs, _id("erin")) == {"pass"}
}

test_each_user_gets_exactly_one_status if {
	users := [
		_user("fresh", [_key("AKIA1", "Active", "2026-11-01T00:00:00Z")], []),
		_user("stale", [_key("AKIA2", "Active", "2025-06-01T00:00:00Z")], []),
		_user("retired", [_key("AKIA3", "Inactive", "2025-06-01T00:00:00Z")], []),
		_user("unreadable", [], _denied),
	]
	rs := check.results with input as _input(users)
	expected := {"fresh": {"pass"}, "stale": {"fail"}, "retired": set(), "unreadable": {"error"}}
	every name, statuses in expected {
		_status(rs, _id(name)) == statuses
	}
}

test_no_result_without_users if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
