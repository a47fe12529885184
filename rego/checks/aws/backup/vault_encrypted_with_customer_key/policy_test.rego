package attestkit.checks.aws.backup.vault_encrypted_with_customer_key_test

import data.attestkit.checks.aws.backup.vault_encrypted_with_customer_key as check

_acct := "111122223333"

_key_arn(account, id) := sprintf("arn:aws:kms:us-east-1:%s:key/%s", [account, id])

_vault(name, key) := {
	"id": sprintf("arn:aws:backup:us-east-1:%s:backup-vault:%s", [_acct, name]),
	"type": "AWS::Backup::BackupVault",
	"account": _acct,
	"region": "us-east-1",
	"name": name,
	"config": object.union({"BackupVaultName": name, "Locked": false}, _with_key(key)),
	"errors": [],
}

_with_key(null) := {}

_with_key(key) := {"EncryptionKeyArn": key} if key != null

_kms(id, manager, errors) := {
	"id": _key_arn(_acct, id),
	"type": "AWS::KMS::Key",
	"account": _acct,
	"region": "us-east-1",
	"config": object.union({"KeyId": id, "KeyArn": _key_arn(_acct, id)}, _metadata(id, manager)),
	"errors": errors,
}

_metadata(_, null) := {}

_metadata(id, manager) := {"KeyMetadata": {"Arn": _key_arn(_acct, id), "KeyManager": manager, "KeyState": "Enabled"}} if manager != null

_id(name) := sprintf("arn:aws:backup:us-east-1:%s:backup-vault:%s", [_acct, name])

_input(vaults, keys) := {
	"resources": {"AWS::Backup::BackupVault": vaults, "AWS::KMS::Key": keys},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_customer_managed_key if {
	rs := check.results with input as _input([_vault("phi", _key_arn(_acct, "cmk"))], [_kms("cmk", "CUSTOMER", [])])
	_status(rs, _id("phi")) == {"pass"}
}

test_pass_key_of_another_account if {
	rs := check.results with input as _input([_vault("central", _key_arn("999988887777", "shared"))], [])
	_status(rs, _id("central")) == {"pass"}
	some r in rs
	r.message == "customer managed key of account 999988887777"
}

test_fail_aws_managed_key if {
	# AWS managed keys are not collected as AWS::KMS::Key
	rs := check.results with input as _input([_vault("Default", _key_arn(_acct, "aws-backup"))], [_kms("cmk", "CUSTOMER", [])])
	_status(rs, _id("Default")) == {"fail"}
	some r in rs
	r.evidence == {"EncryptionKeyArn": _key_arn(_acct, "aws-backup"), "key_in_another_account": false, "key_among_customer_managed_keys": false}
}

test_fail_no_key_reported if {
	rs := check.results with input as _input([_vault("Default", null)], [])
	_status(rs, _id("Default")) == {"fail"}
	some r in rs
	r.evidence == {"EncryptionKeyArn": null, "key_in_another_account": false, "key_among_customer_managed_keys": false}
}

test_error_key_not_described if {
	denied := [{"api": "kms:DescribeKey", "code": "AccessDeniedException", "message": "denied"}]
	rs := check.results with input as _input([_vault("phi", _key_arn(_acct, "cmk"))], [_kms("cmk", null, denied)])
	_status(rs, _id("phi")) == {"error"}
}

test_error_keys_not_listed if {
	scope_error := {
		"service": "kms", "region": "us-east-1", "account": _acct,
		"api": "kms:ListKeys", "code": "AccessDeniedException", "message": "denied",
		"resource_types": ["AWS::KMS::Key"],
	}
	rs := check.results with input as object.union(_input([_vault("phi", _key_arn(_acct, "cmk"))], []), {"collection_errors": [scope_error]})
	_status(rs, _id("phi")) == {"error"}
}

test_pass_customer_key_despite_other_kms_errors if {
	scope_error := {
		"service": "kms", "region": "eu-west-1", "account": _acct,
		"api": "kms:ListKeys", "code": "AccessDeniedException", "message": "denied",
		"resource_types": ["AWS::KMS::Key"],
	}
	rs := check.results with input as object.union(_input([_vault("phi", _key_arn(_acct, "cmk"))], [_kms("cmk", "CUSTOMER", [])]), {"collection_errors": [scope_error]})
	_status(rs, _id("phi")) == {"pass"}
}

test_no_result_without_vaults if {
	rs := check.results with input as _input([], [_kms("cmk", "CUSTOMER", [])])
	count(rs) == 0
}

test_error_planned_vault_whose_key_is_outside_the_plan if {
	not_in_plan := [{"api": "kms:DescribeKey", "code": "NotInPlan", "message": "aws_backup_vault.shared.kms_key_arn names a key that is not in the plan"}]
	vault := object.union(_vault("shared", _key_arn(_acct, "external")), {"errors": not_in_plan})
	rs := check.results with input as _input([vault], [])
	_status(rs, _id("shared")) == {"error"}
	some r in rs
	r.evidence.errors == [{"api": "kms:DescribeKey", "code": "NotInPlan"}]
}
