# METADATA
# title: The root user has no access keys
# description: |
#   The AWS account root user has no access keys (GetAccountSummary reports
#   AccountAccessKeysPresent = 0), so its unrestricted access cannot be used from code or
#   leaked with a key.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html
# custom:
#   id: aws.iam.root_no_access_keys
#   severity: critical
#   resource_types: [AWS::Account]
#   remediation: |
#     Sign in as the root user, open Security credentials > Access keys, deactivate and then
#     delete every key; give automation an IAM role or an IAM user with least privilege instead.
package attestkit.checks.aws.iam.root_no_access_keys

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["iam:GetAccountSummary"]

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources("AWS::Account")
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, "root user has no access keys", _evidence(r)) if {
	some r in inventory.resources("AWS::Account")
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, _fail_message(r), _evidence(r)) if {
	some r in inventory.resources("AWS::Account")
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_compliant(r) if r.config.AccountSummary.AccountAccessKeysPresent == 0

_present(r) := object.get(r.config, ["AccountSummary", "AccountAccessKeysPresent"], null)

_fail_message(r) := "root user has an access key" if {
	is_number(_present(r))
} else := "AccountSummary does not report AccountAccessKeysPresent"

_evidence(r) := {"AccountSummary.AccountAccessKeysPresent": _present(r)}
