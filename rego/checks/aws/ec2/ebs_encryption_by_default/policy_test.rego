package attestkit.checks.aws.ec2.ebs_encryption_by_default_test

import data.attestkit.checks.aws.ec2.ebs_encryption_by_default as check

_setting(region, config, errors) := {
	"id": sprintf("arn:aws:ec2:%s:111122223333:ebs-encryption-by-default", [region]),
	"type": "AWS::EC2::EBSEncryptionByDefault",
	"account": "111122223333",
	"region": region,
	"config": config,
	"errors": errors,
}

_id(region) := sprintf("arn:aws:ec2:%s:111122223333:ebs-encryption-by-default", [region])

_input(settings) := {
	"resources": {"AWS::EC2::EBSEncryptionByDefault": settings},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "ec2:GetEbsEncryptionByDefault", "code": "UnauthorizedOperation", "message": "denied"}]

test_pass_enabled if {
	rs := check.results with input as _input([_setting("us-east-1", {"EbsEncryptionByDefault": true}, [])])
	_status(rs, _id("us-east-1")) == {"pass"}
}

test_fail_disabled if {
	rs := check.results with input as _input([_setting("us-east-1", {"EbsEncryptionByDefault": false}, [])])
	_status(rs, _id("us-east-1")) == {"fail"}
}

test_fail_setting_missing if {
	rs := check.results with input as _input([_setting("us-east-1", {}, [])])
	_status(rs, _id("us-east-1")) == {"fail"}
}

test_error_unreadable if {
	rs := check.results with input as _input([_setting("us-east-1", {}, _denied)])
	_status(rs, _id("us-east-1")) == {"error"}
}

test_each_region_gets_exactly_one_status if {
	settings := [
		_setting("us-east-1", {"EbsEncryptionByDefault": true}, []),
		_setting("us-west-2", {"EbsEncryptionByDefault": false}, []),
		_setting("eu-west-1", {}, _denied),
	]
	rs := check.results with input as _input(settings)
	expected := {"us-east-1": "pass", "us-west-2": "fail", "eu-west-1": "error"}
	every region, status in expected {
		_status(rs, _id(region)) == {status}
	}
}

test_no_result_without_settings if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
