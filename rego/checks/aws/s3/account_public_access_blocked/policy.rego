# METADATA
# title: S3 Block Public Access is on for the whole account
# description: |
#   All four account-level S3 Block Public Access settings (BlockPublicAcls,
#   IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets) are on, so no bucket in the
#   account, existing or future, can be made public by an ACL or a bucket policy.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html
# custom:
#   id: aws.s3.account_public_access_blocked
#   severity: high
#   resource_types: [AWS::S3::AccountPublicAccessBlock]
#   remediation: |
#     aws s3control put-public-access-block --account-id ACCOUNT_ID --public-access-block-configuration
#     BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
package attestkit.checks.aws.s3.account_public_access_blocked

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["s3control:GetPublicAccessBlock"]

_flags := ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources("AWS::S3::AccountPublicAccessBlock")
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, "all four public access block flags on for the account", _evidence(r)) if {
	some r in inventory.resources("AWS::S3::AccountPublicAccessBlock")
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, _fail_message(r), _evidence(r)) if {
	some r in inventory.resources("AWS::S3::AccountPublicAccessBlock")
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_compliant(r) if {
	every flag in _flags {
		r.config.PublicAccessBlockConfiguration[flag] == true
	}
}

_config(r) := object.get(r.config, "PublicAccessBlockConfiguration", null)

_fail_message(r) := "no account-level public access block configured" if {
	_config(r) == null
} else := sprintf("account-level flags off: %s", [concat(", ", [flag |
	some flag in _flags
	not r.config.PublicAccessBlockConfiguration[flag] == true
])])

_evidence(r) := {"PublicAccessBlockConfiguration": _config(r)}
