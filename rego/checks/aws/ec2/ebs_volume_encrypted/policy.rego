# METADATA
# title: EBS volumes are encrypted
# description: |
#   The EBS volume is encrypted at rest with a KMS key, which also encrypts data moving
#   between the volume and its instance and every snapshot taken from it. The check judges
#   the `Encrypted` attribute of DescribeVolumes; it has no read of its own that can fail.
#   In a Terraform plan, Encrypted known only after apply gives `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
# custom:
#   id: aws.ec2.ebs_volume_encrypted
#   severity: high
#   resource_types: [AWS::EC2::Volume]
#   remediation: |
#     A volume cannot be encrypted in place: aws ec2 create-snapshot --volume-id VOL, then
#     aws ec2 copy-snapshot --source-snapshot-id SNAP --source-region REGION --encrypted --kms-key-id KEY,
#     then aws ec2 create-volume --snapshot-id NEW_SNAP --availability-zone AZ and swap the volumes.
package attestkit.checks.aws.ec2.ebs_volume_encrypted

import data.attestkit.lib.inventory
import data.attestkit.lib.result

# Paths a Terraform plan can leave known only after apply.
_paths := ["Encrypted"]

results contains result.error(v, inventory.after_apply_message(v, _paths), inventory.with_unknown(v, _paths, _evidence(v))) if {
	some v in inventory.resources("AWS::EC2::Volume")
	_undecided(v)
}

results contains result.pass(v, _pass_message(v), _evidence(v)) if {
	some v in inventory.resources("AWS::EC2::Volume")
	not _undecided(v)
	_compliant(v)
}

results contains result.fail(v, "volume not encrypted", _evidence(v)) if {
	some v in inventory.resources("AWS::EC2::Volume")
	not _undecided(v)
	not _compliant(v)
}

_undecided(v) if inventory.known_after_apply(v, _paths)

_compliant(v) if v.config.Encrypted == true

_key(v) := object.get(v.config, "KmsKeyId", null)

_pass_message(v) := sprintf("volume encrypted with KMS key %s", [_key(v)]) if {
	is_string(_key(v))
} else := "volume encrypted"

_evidence(v) := {"Encrypted": object.get(v.config, "Encrypted", null), "KmsKeyId": _key(v)}
