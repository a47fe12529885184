# METADATA
# title: Security Hub is enabled in every region
# description: |
#   The account is subscribed to AWS Security Hub in the region, so findings from GuardDuty,
#   Inspector, Macie, Config and the security standards are gathered and prioritised there.
#   One result per collected region; a region where the account is not subscribed fails.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html
#   - ref: https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_DescribeHub.html
# custom:
#   id: aws.securityhub.hub_enabled
#   severity: medium
#   resource_types: [AWS::SecurityHub::Hub]
#   remediation: |
#     aws securityhub enable-security-hub --enable-default-standards --region REGION (once per
#     region), or enable it across the organization from the delegated administrator with
#     central configuration.
package attestkit.checks.aws.securityhub.hub_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::SecurityHub::Hub"

_apis := ["securityhub:DescribeHub"]

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources(_type)
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, sprintf("Security Hub enabled in %v", [_region(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, sprintf("Security Hub not enabled in %v", [_region(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_compliant(r) if is_string(r.config.Hub.HubArn)

_region(r) := object.get(r, "region", "this region")

_evidence(r) := {
	"Hub.HubArn": object.get(r.config, ["Hub", "HubArn"], null),
	"Hub.SubscribedAt": object.get(r.config, ["Hub", "SubscribedAt"], null),
} if {
	is_object(r.config.Hub)
} else := {"Hub": null}
