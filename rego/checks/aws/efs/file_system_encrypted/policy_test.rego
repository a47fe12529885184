package attestkit.checks.aws.efs.file_system_encrypted_test

import data.attestkit.checks.aws.efs.file_system_encrypted as check

_id(name) := sprintf("arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/%s", [name])

_fs(name, config) := {
	"id": _id(name),
	"type": "AWS::EFS::FileSystem",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"FileSystemId": name, "LifeCycleState": "available"}, config),
	"errors": [],
}

_input(fss) := {"resources": {"AWS::EFS::FileSystem": fss}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_encrypted if {
	config := {"Encrypted": true, "KmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/k"}
	rs := check.results with input as _input([_fs("fs-1", config)])
	_status(rs, _id("fs-1")) == {"pass"}
}

test_fail_unencrypted if {
	rs := check.results with input as _input([_fs("fs-2", {"Encrypted": false})])
	_status(rs, _id("fs-2")) == {"fail"}
	some r in rs
	r.evidence == {"Encrypted": false, "KmsKeyId": null}
}

test_fail_flag_missing if {
	rs := check.results with input as _input([_fs("fs-3", {})])
	_status(rs, _id("fs-3")) == {"fail"}
}

test_each_file_system_gets_exactly_one_status if {
	rs := check.results with input as _input([_fs("a", {"Encrypted": true}), _fs("b", {"Encrypted": false})])
	_status(rs, _id("a")) == {"pass"}
	_status(rs, _id("b")) == {"fail"}
	count(rs) == 2
}

test_no_result_without_file_systems if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
test_error_encrypted_known_after_apply if {
	planned := {"Encrypted": "(known after apply)", "_terraform": {"unknown": ["Encrypted"]}}
	rs := check.results with input as _input([_fs("shared", planned)])
	_status(rs, _id("shared")) == {"error"}
	some r in rs
	r.evidence == {"Encrypted": "(known after apply)", "KmsKeyId": null, "known_after_apply": ["Encrypted"]}
	startswith(r.message, "cannot judge before apply: Encrypted")
}
