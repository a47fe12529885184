package attestkit.checks.aws.ec2.ebs_volume_encrypted_test

import data.attestkit.checks.aws.ec2.ebs_volume_encrypted as check

_volume(vol, config) := {
	"id": sprintf("arn:aws:ec2:us-east-1:111122223333:volume/%s", [vol]),
	"type": "AWS::EC2::Volume",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"VolumeId": vol, "State": "in-use", "Size": 8}, config),
	"errors": [],
}

_id(vol) := sprintf("arn:aws:ec2:us-east-1:111122223333:volume/%s", [vol])

_input(volumes) := {"resources": {"AWS::EC2::Volume": volumes}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_key := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

test_pass_encrypted if {
	rs := check.results with input as _input([_volume("vol-1", {"Encrypted": true, "KmsKeyId": _key})])
	_status(rs, _id("vol-1")) == {"pass"}
}

test_fail_not_encrypted if {
	rs := check.results with input as _input([_volume("vol-2", {"Encrypted": false})])
	_status(rs, _id("vol-2")) == {"fail"}
}

# DescribeVolumes always returns Encrypted; a volume without it is not known to be encrypted.
test_fail_encrypted_missing if {
	rs := check.results with input as _input([_volume("vol-3", {})])
	_status(rs, _id("vol-3")) == {"fail"}
}

test_fail_encrypted_not_boolean if {
	rs := check.results with input as _input([_volume("vol-3", {"Encrypted": "true"})])
	_status(rs, _id("vol-3")) == {"fail"}
}

test_each_volume_gets_exactly_one_status if {
	volumes := [
		_volume("vol-a", {"Encrypted": true, "KmsKeyId": _key}),
		_volume("vol-b", {"Encrypted": false}),
		_volume("vol-c", {"Encrypted": true}),
	]
	rs := check.results with input as _input(volumes)
	expected := {"vol-a": "pass", "vol-b": "fail", "vol-c": "pass"}
	every vol, status in expected {
		_status(rs, _id(vol)) == {status}
	}
}

# A region whose volumes could not be listed has no resources; the engine reports the
# collection error for the scope, and the check emits nothing for it.
test_no_result_when_volumes_not_collected if {
	scope_error := {
		"service": "ec2", "region": "eu-west-1", "account": "111122223333",
		"api": "ec2:DescribeVolumes", "code": "UnauthorizedOperation", "message": "denied",
		"resource_types": ["AWS::EC2::Volume"],
	}
	rs := check.results with input as object.union(_input([]), {"collection_errors": [scope_error]})
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path
# (a volume without `encrypted` whose region's encryption by default the plan does not hold).
test_error_encrypted_known_after_apply if {
	planned := {"Encrypted": "(known after apply)", "_terraform": {"unknown": ["Encrypted"]}}
	rs := check.results with input as _input([_volume("data", planned)])
	_status(rs, _id("data")) == {"error"}
	some r in rs
	r.evidence == {"Encrypted": "(known after apply)", "KmsKeyId": null, "known_after_apply": ["Encrypted"]}
	startswith(r.message, "cannot judge before apply: Encrypted")
}
