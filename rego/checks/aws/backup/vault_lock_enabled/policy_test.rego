package attestkit.checks.aws.backup.vault_lock_enabled_test

import data.attestkit.checks.aws.backup.vault_lock_enabled as check

_vault(name, config) := {
	"id": sprintf("arn:aws:backup:us-east-1:111122223333:backup-vault:%s", [name]),
	"type": "AWS::Backup::BackupVault",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"BackupVaultName": name, "NumberOfRecoveryPoints": 12}, config),
	"errors": [],
}

_id(name) := sprintf("arn:aws:backup:us-east-1:111122223333:backup-vault:%s", [name])

_input(vaults) := {"resources": {"AWS::Backup::BackupVault": vaults}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_locked if {
	rs := check.results with input as _input([_vault("phi", {"Locked": true, "MinRetentionDays": 7})])
	_status(rs, _id("phi")) == {"pass"}
	some r in rs
	r.message == "locked, recovery points kept at least 7 days"
}

test_fail_unlocked if {
	rs := check.results with input as _input([_vault("Default", {"Locked": false})])
	_status(rs, _id("Default")) == {"fail"}
}

test_fail_lock_flag_absent if {
	rs := check.results with input as _input([_vault("odd", {})])
	_status(rs, _id("odd")) == {"fail"}
}

test_no_result_without_vaults if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
