# METADATA
# title: GuardDuty is enabled in every region
# description: |
#   The region has a GuardDuty detector whose status is ENABLED, so threats to the account
#   (credential misuse, crypto-mining, calls from known-bad addresses, S3 data exfiltration)
#   are detected there. One result per collected region: a region without a detector, or
#   with a suspended one, fails.
# related_resources:
#   - ref: https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html
#   - ref: https://docs.aws.amazon.com/guardduty/latest/APIReference/API_GetDetector.html
# custom:
#   id: aws.guardduty.detector_enabled
#   severity: high
#   resource_types: [AWS::GuardDuty::Detector]
#   remediation: |
#     aws guardduty create-detector --enable --region REGION (once per region), or resume a
#     suspended one with aws guardduty update-detector --detector-id ID --enable --region REGION;
#     with AWS Organizations, enable it for every account from the delegated administrator.
package attestkit.checks.aws.guardduty.detector_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::GuardDuty::Detector"

_apis := ["guardduty:ListDetectors", "guardduty:GetDetector"]

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources(_type)
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, sprintf("GuardDuty enabled in %v (detector %s)", [_region(r), concat(", ", _enabled(r))]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, _fail_message(r), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_compliant(r) if count(_enabled(r)) > 0

_detectors(r) := inventory.array_at(r.config, "Detectors")

_enabled(r) := sort([object.get(d, "DetectorId", "unknown") | some d in _detectors(r); d.Status == "ENABLED"])

_region(r) := object.get(r, "region", "this region")

_fail_message(r) := sprintf("no GuardDuty detector in %v", [_region(r)]) if {
	count(_detectors(r)) == 0
} else := sprintf("GuardDuty detector suspended in %v: %s", [_region(r), concat(", ", sort([
	sprintf("%s %v", [object.get(d, "DetectorId", "unknown"), object.get(d, "Status", null)]) |
		some d in _detectors(r)
]))])

_evidence(r) := {"Detectors[]": [{"DetectorId": object.get(d, "DetectorId", null), "Status": object.get(d, "Status", null)} |
	some d in _detectors(r)
]}
