# METADATA
# title: The root user has MFA enabled
# description: |
#   The AWS account root user, which has unrestricted access to every resource and to
#   billing, signs in with multi-factor authentication (GetAccountSummary reports
#   AccountMFAEnabled = 1).
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html
# custom:
#   id: aws.iam.root_mfa_enabled
#   severity: critical
#   resource_types: [AWS::Account]
#   remediation: |
#     Sign in as the root user, open Security credentials > Multi-factor authentication (MFA) >
#     Assign MFA device, and register a hardware key, passkey or authenticator app (root MFA
#     cannot be assigned from the CLI).
package attestkit.checks.aws.iam.root_mfa_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["iam:GetAccountSummary"]

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources("AWS::Account")
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, "root user has MFA enabled", _evidence(r)) if {
	some r in inventory.resources("AWS::Account")
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, "root user has no MFA", _evidence(r)) if {
	some r in inventory.resources("AWS::Account")
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_compliant(r) if r.config.AccountSummary.AccountMFAEnabled == 1

_evidence(r) := {"AccountSummary.AccountMFAEnabled": object.get(r.config, ["AccountSummary", "AccountMFAEnabled"], null)}
