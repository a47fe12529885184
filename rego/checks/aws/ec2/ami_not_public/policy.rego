# METADATA
# title: AMIs owned by the account are not public
# description: |
#   The account's own machine images have Public false, so no other AWS account can launch
#   them and read what was baked in (software, configuration, sometimes data or keys). The
#   check judges what DescribeImages returns; it has no read of its own that can fail.
#   In a Terraform plan, a launch permission whose group is known only after apply gives
#   `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-block-public-access.html
# custom:
#   id: aws.ec2.ami_not_public
#   severity: high
#   resource_types: [AWS::EC2::Image]
#   remediation: |
#     aws ec2 modify-image-attribute --image-id AMI_ID --launch-permission
#     "Remove=[{Group=all}]"; then block it account-wide with
#     aws ec2 enable-image-block-public-access --image-block-public-access-state block-new-sharing
package attestkit.checks.aws.ec2.ami_not_public

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::EC2::Image"

# Paths a Terraform plan can leave known only after apply: a launch permission whose group is.
_paths := ["Public"]

results contains result.error(i, inventory.after_apply_message(i, _paths), inventory.with_unknown(i, _paths, _evidence(i))) if {
	some i in inventory.resources(_type)
	_undecided(i)
}

results contains result.pass(i, "not public", _evidence(i)) if {
	some i in inventory.resources(_type)
	not _undecided(i)
	_compliant(i)
}

results contains result.fail(i, _fail_message(i), _evidence(i)) if {
	some i in inventory.resources(_type)
	not _undecided(i)
	not _compliant(i)
}

# Another launch permission known to be for "all" fails whatever the unknown one is.
_undecided(i) if {
	inventory.known_after_apply(i, _paths)
	not _public(i)
}

_compliant(i) if i.config.Public == false

_public(i) if i.config.Public == true

_fail_message(i) := "public: any AWS account can launch it" if {
	_public(i)
} else := "Public flag not reported"

_evidence(i) := {"Public": object.get(i.config, "Public", null)}
