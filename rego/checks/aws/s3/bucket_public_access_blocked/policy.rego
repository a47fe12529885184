# METADATA
# title: S3 buckets block public access
# description: |
#   All four S3 Block Public Access settings (BlockPublicAcls, IgnorePublicAcls,
#   BlockPublicPolicy, RestrictPublicBuckets) are in effect for the bucket. The effective
#   setting combines the bucket's own configuration with the account's: each flag counts
#   when it is on at either level. A bucket whose own settings fall short is judged
#   `error` when the account-level setting could not be read.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html
# custom:
#   id: aws.s3.bucket_public_access_blocked
#   severity: high
#   resource_types: [AWS::S3::Bucket, AWS::S3::AccountPublicAccessBlock]
#   remediation: |
#     Turn on all four settings for the bucket (or for the whole account with aws s3control):
#     aws s3api put-public-access-block --bucket NAME --public-access-block-configuration
#     BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
package attestkit.checks.aws.s3.bucket_public_access_blocked

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["s3:GetPublicAccessBlock"]

_account_apis := ["s3control:GetPublicAccessBlock"]

_account_type := "AWS::S3::AccountPublicAccessBlock"

_flags := ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

results contains result.error(b, _error_message(b), _error_evidence(b)) if {
	some b in inventory.resources("AWS::S3::Bucket")
	not _compliant(b)
	_incomplete(b)
}

results contains result.pass(b, msg, _evidence(b)) if {
	some b in inventory.resources("AWS::S3::Bucket")
	_compliant(b)
	msg := sprintf("all four public access block flags on (bucket %d/4, account %d/4)", [
		_count_on(_bucket_config(b)),
		_count_on(_account_config(_account(b))),
	])
}

results contains result.fail(b, msg, _evidence(b)) if {
	some b in inventory.resources("AWS::S3::Bucket")
	not _compliant(b)
	not _incomplete(b)
	msg := sprintf("off at both bucket and account level: %s", [concat(", ", _off_flags(b))])
}

_compliant(b) if {
	every flag in _flags {
		_flag_on(b, flag)
	}
}

_flag_on(b, flag) if b.config.PublicAccessBlockConfiguration[flag] == true

_flag_on(b, flag) if {
	some a in _readable_accounts(_account(b))
	a.config.PublicAccessBlockConfiguration[flag] == true
}

_off_flags(b) := [flag | some flag in _flags; not _flag_on(b, flag)]

# The judgement needs a read that failed: the bucket's own setting, or the account's.
_incomplete(b) if inventory.any_read_failed(b, _apis)

_incomplete(b) if {
	some a in _account_blocks(_account(b))
	inventory.any_read_failed(a, _account_apis)
}

_incomplete(b) if inventory.scope_unreadable(_account(b), _account_type)

_readable_accounts(account) := object.get(_readable_blocks_by_account, account, [])

# The account-level settings, indexed by account once per evaluation (rules are computed
# once, functions on every call: a per-bucket scan would make the check quadratic).
_blocks_by_account[account] := [a |
	some a in inventory.resources(_account_type)
	object.get(a, "account", null) == account
] if {
	some account in {object.get(x, "account", null) | some x in inventory.resources(_account_type)}
}

_readable_blocks_by_account[account] := [a |
	some a in blocks
	not inventory.any_read_failed(a, _account_apis)
] if {
	some account, blocks in _blocks_by_account
}

_account_blocks(account) := object.get(_blocks_by_account, account, [])

_account(b) := object.get(b, "account", null)

_bucket_config(b) := object.get(b.config, "PublicAccessBlockConfiguration", null)

_account_config(account) := object.get(accounts[0].config, "PublicAccessBlockConfiguration", null) if {
	accounts := _readable_accounts(account)
	count(accounts) > 0
} else := null

_count_on(config) := count([flag | some flag in _flags; config[flag] == true])

_evidence(b) := {
	"PublicAccessBlockConfiguration": _bucket_config(b),
	"AWS::S3::AccountPublicAccessBlock.PublicAccessBlockConfiguration": _account_config(_account(b)),
}

_error_message(b) := inventory.read_error_message(b, _apis) if {
	inventory.any_read_failed(b, _apis)
} else := messages[0] if {
	messages := [sprintf("%s (account-level setting)", [inventory.read_error_message(a, _account_apis)]) |
		some a in _account_blocks(_account(b))
		inventory.any_read_failed(a, _account_apis)
	]
	count(messages) > 0
} else := sprintf("could not read %s: %s (account-level setting)", [errors[0].api, errors[0].code]) if {
	errors := inventory.scope_errors(_account(b), _account_type)
	count(errors) > 0
} else := "the account-level public access block could not be read"

_error_evidence(b) := {
	"errors": array.concat(
		inventory.read_errors(b, _apis),
		array.concat(
			[e | some a in _account_blocks(_account(b)); some e in inventory.read_errors(a, _account_apis)],
			inventory.scope_errors(_account(b), _account_type),
		),
	),
}
