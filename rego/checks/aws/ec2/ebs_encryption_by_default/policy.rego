# METADATA
# title: EBS encryption by default is on in every region
# description: |
#   EBS encryption by default is enabled for the account in the region, so every new
#   volume, and every volume created from an unencrypted snapshot, is encrypted. One
#   result per collected region.
# related_resources:
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableEbsEncryptionByDefault.html
# custom:
#   id: aws.ec2.ebs_encryption_by_default
#   severity: medium
#   resource_types: [AWS::EC2::EBSEncryptionByDefault]
#   remediation: |
#     aws ec2 enable-ebs-encryption-by-default --region REGION (once per region); optionally
#     choose the key with aws ec2 modify-ebs-default-kms-key-id --kms-key-id KEY --region REGION
package attestkit.checks.aws.ec2.ebs_encryption_by_default

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["ec2:GetEbsEncryptionByDefault"]

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources("AWS::EC2::EBSEncryptionByDefault")
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, sprintf("EBS encryption by default on in %v", [_region(r)]), _evidence(r)) if {
	some r in inventory.resources("AWS::EC2::EBSEncryptionByDefault")
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, sprintf("EBS encryption by default off in %v", [_region(r)]), _evidence(r)) if {
	some r in inventory.resources("AWS::EC2::EBSEncryptionByDefault")
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_compliant(r) if r.config.EbsEncryptionByDefault == true

_region(r) := object.get(r, "region", "this region")

_evidence(r) := {"EbsEncryptionByDefault": object.get(r.config, "EbsEncryptionByDefault", null)}
