# METADATA
# title: AWS Backup vaults are locked
# description: |
#   AWS Backup Vault Lock is on for the vault (Locked), so recovery points cannot be deleted,
#   nor their retention shortened, before the lock's minimum retention, not even by an
#   administrator or an attacker holding administrator credentials (compliance mode, after
#   its grace time). Backups then survive ransomware and mistaken clean-ups.
# related_resources:
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
# custom:
#   id: aws.backup.vault_lock_enabled
#   severity: low
#   resource_types: [AWS::Backup::BackupVault]
#   remediation: |
#     aws backup put-backup-vault-lock-configuration --backup-vault-name NAME
#     --min-retention-days 7 --max-retention-days 3650 (add --changeable-for-days 3 for
#     compliance mode: after those days nobody can remove the lock)
package attestkit.checks.aws.backup.vault_lock_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

results contains result.pass(v, _pass_message(v), _evidence(v)) if {
	some v in inventory.resources("AWS::Backup::BackupVault")
	_compliant(v)
}

results contains result.fail(v, "vault lock off: recovery points can be deleted early", _evidence(v)) if {
	some v in inventory.resources("AWS::Backup::BackupVault")
	not _compliant(v)
}

_compliant(v) if v.config.Locked == true

_pass_message(v) := sprintf("locked, recovery points kept at least %v days", [v.config.MinRetentionDays]) if {
	is_number(v.config.MinRetentionDays)
} else := "locked"

_evidence(v) := {
	"Locked": object.get(v.config, "Locked", null),
	"MinRetentionDays": object.get(v.config, "MinRetentionDays", null),
	"MaxRetentionDays": object.get(v.config, "MaxRetentionDays", null),
	"LockDate": object.get(v.config, "LockDate", null),
}
