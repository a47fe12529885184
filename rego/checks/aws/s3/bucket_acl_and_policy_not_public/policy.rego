# METADATA
# title: S3 buckets are not public through their ACL or bucket policy
# description: |
#   No ACL grant on the bucket goes to the AllUsers (anyone) or AuthenticatedUsers (any AWS
#   account) group, and S3's own evaluation of the bucket policy (GetBucketPolicyStatus)
#   does not find it public.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicyStatus.html
# custom:
#   id: aws.s3.bucket_acl_and_policy_not_public
#   severity: critical
#   resource_types: [AWS::S3::Bucket]
#   remediation: |
#     Reset the ACL with aws s3api put-bucket-acl --bucket NAME --acl private, and remove the
#     public statements (Principal "*" without restricting conditions) from the bucket policy
#     with aws s3api put-bucket-policy, or delete it with aws s3api delete-bucket-policy --bucket NAME.
package attestkit.checks.aws.s3.bucket_acl_and_policy_not_public

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_apis := ["s3:GetBucketAcl", "s3:GetBucketPolicyStatus"]

_public_groups := {
	"http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
}

results contains result.error(b, inventory.read_error_message(b, _apis), {"errors": inventory.read_errors(b, _apis)}) if {
	some b in inventory.resources("AWS::S3::Bucket")
	inventory.any_read_failed(b, _apis)
}

results contains result.pass(b, "no public ACL grant and bucket policy not public", _evidence(b)) if {
	some b in inventory.resources("AWS::S3::Bucket")
	not inventory.any_read_failed(b, _apis)
	_compliant(b)
}

results contains result.fail(b, concat("; ", _findings(b)), _evidence(b)) if {
	some b in inventory.resources("AWS::S3::Bucket")
	not inventory.any_read_failed(b, _apis)
	not _compliant(b)
}

_compliant(b) if {
	count(_public_grants(b)) == 0
	not _policy_public(b)
}

_public_grants(b) := [{"Grantee.URI": g.Grantee.URI, "Permission": object.get(g, "Permission", null)} |
	some g in inventory.array_at(b.config, "Grants")
	_public_groups[g.Grantee.URI]
]

_policy_public(b) if b.config.PolicyStatus.IsPublic == true

_findings(b) := array.concat(
	[sprintf("ACL grants %v to %s", [g.Permission, _public_groups[g["Grantee.URI"]]]) | some g in _public_grants(b)],
	[msg | _policy_public(b); msg := "bucket policy is public"],
)

_evidence(b) := {
	"Grants[].Grantee.URI (public groups)": _public_grants(b),
	"PolicyStatus.IsPublic": object.get(b.config, ["PolicyStatus", "IsPublic"], null),
}
