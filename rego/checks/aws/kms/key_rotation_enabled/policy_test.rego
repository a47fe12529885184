package attestkit.checks.aws.kms.key_rotation_enabled_test

import data.attestkit.checks.aws.kms.key_rotation_enabled as check

_metadata := {
	"KeyManager": "CUSTOMER",
	"KeySpec": "SYMMETRIC_DEFAULT",
	"KeyUsage": "ENCRYPT_DECRYPT",
	"Origin": "AWS_KMS",
	"KeyState": "Enabled",
	"Enabled": true,
}

_key(name, config, errors) := {
	"id": sprintf("arn:aws:kms:us-east-1:111122223333:key/%s", [name]),
	"type": "AWS::KMS::Key",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"KeyId": name}, config),
	"errors": errors,
}

_described(name, changes, rotation) := _key(name, {"KeyMetadata": object.union(_metadata, changes), "KeyRotationStatus": rotation}, [])

_id(name) := sprintf("arn:aws:kms:us-east-1:111122223333:key/%s", [name])

_input(keys) := {"resources": {"AWS::KMS::Key": keys}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied(api) := [{"api": api, "code": "AccessDeniedException", "message": "denied"}]

test_pass_rotation_on if {
	rs := check.results with input as _input([_described("phi", {}, {"KeyRotationEnabled": true, "RotationPeriodInDays": 365})])
	_status(rs, _id("phi")) == {"pass"}
}

test_pass_disabled_key_with_rotation_on if {
	rs := check.results with input as _input([_described("paused", {"KeyState": "Disabled", "Enabled": false}, {"KeyRotationEnabled": true})])
	_status(rs, _id("paused")) == {"pass"}
}

test_fail_rotation_off if {
	rs := check.results with input as _input([_described("video", {}, {"KeyRotationEnabled": false})])
	_status(rs, _id("video")) == {"fail"}
	some r in rs
	r.evidence["KeyRotationStatus.KeyRotationEnabled"] == false
}

test_fail_rotation_status_null if {
	rs := check.results with input as _input([_described("odd", {}, null)])
	_status(rs, _id("odd")) == {"fail"}
}

test_no_result_keys_that_cannot_rotate if {
	keys := [
		_described("signing", {"KeySpec": "RSA_2048", "KeyUsage": "SIGN_VERIFY"}, null),
		_described("hmac", {"KeySpec": "HMAC_256", "KeyUsage": "GENERATE_VERIFY_MAC"}, null),
		_described("imported", {"Origin": "EXTERNAL"}, null),
		_described("hsm", {"Origin": "AWS_CLOUDHSM"}, null),
		_described("leaving", {"KeyState": "PendingDeletion"}, {"KeyRotationEnabled": false}),
		_described("aws-managed", {"KeyManager": "AWS"}, null),
	]
	rs := check.results with input as _input(keys)
	count(rs) == 0
}

test_error_key_not_described if {
	rs := check.results with input as _input([_key("unknown", {}, _denied("kms:DescribeKey"))])
	_status(rs, _id("unknown")) == {"error"}
}

test_error_rotation_status_unreadable if {
	k := _key("phi", {"KeyMetadata": _metadata}, _denied("kms:GetKeyRotationStatus"))
	rs := check.results with input as _input([k])
	_status(rs, _id("phi")) == {"error"}
}

test_no_result_rotation_unreadable_on_key_that_cannot_rotate if {
	k := _key("signing", {"KeyMetadata": object.union(_metadata, {"KeySpec": "ECC_NIST_P256"})}, _denied("kms:GetKeyRotationStatus"))
	rs := check.results with input as _input([k])
	count(rs) == 0
}

test_no_result_without_keys if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
