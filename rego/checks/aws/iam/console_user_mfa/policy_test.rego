package attestkit.checks.aws.iam.console_user_mfa_test

import data.attestkit.checks.aws.iam.console_user_mfa as check

_login := {"CreateDate": "2026-01-02T03:04:05Z", "PasswordResetRequired": false}

_mfa(name) := [{"SerialNumber": sprintf("arn:aws:iam::111122223333:mfa/%s", [name]), "EnableDate": "2026-01-03T00:00:00Z"}]

_user(name, config, errors) := {
	"id": sprintf("arn:aws:iam::111122223333:user/%s", [name]),
	"type": "AWS::IAM::User",
	"account": "111122223333",
	"region": "global",
	"name": name,
	"config": object.union({"UserName": name, "Path": "/", "AccessKeys": []}, config),
	"errors": errors,
}

_id(name) := sprintf("arn:aws:iam::111122223333:user/%s", [name])

_input(users) := {"resources": {"AWS::IAM::User": users}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_error(api) := {"api": api, "code": "AccessDenied", "message": "denied"}

test_pass_console_user_with_mfa if {
	rs := check.results with input as _input([_user("alice", {"LoginProfile": _login, "MFADevices": _mfa("alice")}, [])])
	_status(rs, _id("alice")) == {"pass"}
}

test_fail_console_user_without_mfa if {
	rs := check.results with input as _input([_user("bob", {"LoginProfile": _login, "MFADevices": []}, [])])
	_status(rs, _id("bob")) == {"fail"}
}

test_fail_console_user_mfa_devices_null if {
	rs := check.results with input as _input([_user("bob", {"LoginProfile": _login, "MFADevices": null}, [])])
	_status(rs, _id("bob")) == {"fail"}
}

test_no_result_user_without_console_password if {
	rs := check.results with input as _input([_user("ci-bot", {"LoginProfile": null, "MFADevices": []}, [])])
	_status(rs, _id("ci-bot")) == set()
}

test_no_result_user_without_console_password_mfa_unreadable if {
	rs := check.results with input as _input([_user("ci-bot", {"LoginProfile": null}, [_error("iam:ListMFADevices")])])
	_status(rs, _id("ci-bot")) == set()
}

test_error_login_profile_unreadable if {
	rs := check.results with input as _input([_user("carol", {"MFADevices": []}, [_error("iam:GetLoginProfile")])])
	_status(rs, _id("carol")) == {"error"}
}

test_error_login_profile_unreadable_even_with_mfa if {
	rs := check.results with input as _input([_user("carol", {"MFADevices": _mfa("carol")}, [_error("iam:GetLoginProfile")])])
	_status(rs, _id("carol")) == {"error"}
}

test_error_mfa_devices_unreadable if {
	rs := check.results with input as _input([_user("dave", {"LoginProfile": _login}, [_error("iam:ListMFADevices")])])
	_status(rs, _id("dave")) == {"error"}
}

test_pass_unrelated_read_error_ignored if {
	config := {"LoginProfile": _login, "MFADevices": _mfa("erin")}
	rs := check.results with input as _input([_user("erin", config, [_error("iam:ListAccessKeys")])])
	_status(rs, _id("erin")) == {"pass"}
}

test_each_user_gets_exactly_one_status if {
	users := [
		_user("alice", {"LoginProfile": _login, "MFADevices": _mfa("alice")}, []),
		_user("bob", {"LoginProfile": _login, "MFADevices": []}, []),
		_user("carol", {"MFADevices": []}, [_error("iam:GetLoginProfile")]),
		_user("dave", {"LoginProfile": _login}, [_error("iam:ListMFADevices")]),
		_user("ci-bot", {"LoginProfile": null, "MFADevices": []}, []),
	]
	rs := check.results with input as _input(users)
	expected := {"alice": {"pass"}, "bob": {"fail"}, "carol": {"error"}, "dave": {"error"}, "ci-bot": set()}
	every name, statuses in expected {
		_status(rs, _id(name)) == statuses
	}
}

test_no_result_without_users if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
