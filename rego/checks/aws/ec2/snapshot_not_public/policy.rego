# METADATA
# title: EBS snapshots are not public
# description: |
#   No createVolumePermission of the account's own snapshot goes to the group `all`, so no
#   other AWS account can create a volume from it and read the disk's data. Sharing with
#   named accounts (UserId) is not public and passes; those accounts are in the evidence.
#   A snapshot whose DescribeSnapshotAttribute call failed is `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html
# custom:
#   id: aws.ec2.snapshot_not_public
#   severity: critical
#   resource_types: [AWS::EC2::Snapshot]
#   remediation: |
#     aws ec2 modify-snapshot-attribute --snapshot-id ID --attribute createVolumePermission
#     --operation-type remove --group-names all; then block it account-wide with
#     aws ec2 enable-snapshot-block-public-access --state block-all-sharing --region REGION
package attestkit.checks.aws.ec2.snapshot_not_public

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::EC2::Snapshot"

_apis := ["ec2:DescribeSnapshotAttribute"]

_key := "CreateVolumePermissions"

results contains result.error(s, inventory.read_error_message(s, _apis), {"errors": inventory.read_errors(s, _apis)}) if {
	some s in inventory.resources(_type)
	inventory.any_read_failed(s, _apis)
}

results contains result.pass(s, _pass_message(s), _evidence(s)) if {
	some s in inventory.resources(_type)
	not inventory.any_read_failed(s, _apis)
	_compliant(s)
}

results contains result.fail(s, "anyone can create a volume from it (createVolumePermission group all)", _evidence(s)) if {
	some s in inventory.resources(_type)
	not inventory.any_read_failed(s, _apis)
	not _compliant(s)
}

_compliant(s) if {
	every p in _permissions(s) {
		object.get(p, "Group", null) != "all"
	}
}

_permissions(s) := inventory.array_at(s.config, _key)

_accounts(s) := sort([p.UserId | some p in _permissions(s); is_string(p.UserId)])

_pass_message(s) := "not shared" if {
	count(_accounts(s)) == 0
} else := sprintf("shared with account(s) %s only", [concat(", ", _accounts(s))])

_evidence(s) := {"CreateVolumePermissions": _permissions(s)}
