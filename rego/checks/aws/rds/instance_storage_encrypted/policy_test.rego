package attestkit.checks.aws.rds.instance_storage_encrypted_test

import data.attestkit.checks.aws.rds.instance_storage_encrypted as check

_key := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

_db(name, config) := {
	"id": sprintf("arn:aws:rds:us-east-1:111122223333:db:%s", [name]),
	"type": "AWS::RDS::DBInstance",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"DBInstanceIdentifier": name, "Engine": "postgres"}, config),
	"errors": [],
}

_id(name) := sprintf("arn:aws:rds:us-east-1:111122223333:db:%s", [name])

_input(dbs) := {"resources": {"AWS::RDS::DBInstance": dbs}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_encrypted if {
	rs := check.results with input as _input([_db("ehr", {"StorageEncrypted": true, "KmsKeyId": _key})])
	_status(rs, _id("ehr")) == {"pass"}
}

test_fail_unencrypted if {
	rs := check.results with input as _input([_db("reports", {"StorageEncrypted": false})])
	_status(rs, _id("reports")) == {"fail"}
}

test_fail_storage_encrypted_absent if {
	rs := check.results with input as _input([_db("odd", {})])
	_status(rs, _id("odd")) == {"fail"}
}

test_fail_evidence_names_the_attribute if {
	rs := check.results with input as _input([_db("reports", {"StorageEncrypted": false})])
	some r in rs
	r.evidence == {"StorageEncrypted": false, "KmsKeyId": null}
}

test_each_instance_gets_exactly_one_status if {
	dbs := [_db("a", {"StorageEncrypted": true, "KmsKeyId": _key}), _db("b", {"StorageEncrypted": false}), _db("c", {})]
	rs := check.results with input as _input(dbs)
	expected := {"a": "pass", "b": "fail", "c": "fail"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

test_no_result_without_instances if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned := {"StorageEncrypted": "(known after apply)", "_terraform": {"unknown": ["StorageEncrypted"]}}

test_error_storage_encrypted_known_after_apply if {
	rs := check.results with input as _input([_db("replica", _planned)])
	_status(rs, _id("replica")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["StorageEncrypted"]
	r.evidence.StorageEncrypted == "(known after apply)"
	startswith(r.message, "cannot judge before apply: StorageEncrypted")
}
