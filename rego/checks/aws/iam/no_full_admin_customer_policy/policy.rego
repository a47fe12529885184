# METADATA
# title: No customer managed IAM policy grants full administrative access
# description: |
#   The default version of a customer managed policy has no statement that allows every
#   action on every resource (Effect Allow with Action "*" and Resource "*", each written as
#   a string or within a list). Such a policy is full administrator access: whoever it is
#   attached to, now or later, can do anything in the account, including erasing the audit
#   trail. Attached or not, it is judged, since attaching it is one call away; the
#   attachment count is in the evidence. AWS managed policies are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
#   - ref: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html
# custom:
#   id: aws.iam.no_full_admin_customer_policy
#   severity: high
#   resource_types: [AWS::IAM::ManagedPolicy]
#   remediation: |
#     Write the actions and resources the principals really need, publish them as the default
#     version with aws iam create-policy-version --policy-arn ARN --policy-document
#     file://scoped.json --set-as-default, then delete the old version with aws iam
#     delete-policy-version --policy-arn ARN --version-id v1 (or delete an unused policy).
package attestkit.checks.aws.iam.no_full_admin_customer_policy

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::IAM::ManagedPolicy"

_apis := ["iam:GetPolicyVersion"]

results contains result.error(p, inventory.read_error_message(p, _apis), {"errors": inventory.read_errors(p, _apis)}) if {
	some p in inventory.resources(_type)
	inventory.any_read_failed(p, _apis)
}

results contains result.pass(p, sprintf("default version %v does not allow \"*\" on \"*\"", [_version(p)]), _evidence(p)) if {
	some p in inventory.resources(_type)
	not inventory.any_read_failed(p, _apis)
	_compliant(p)
}

results contains result.fail(p, _fail_message(p), _evidence(p)) if {
	some p in inventory.resources(_type)
	not inventory.any_read_failed(p, _apis)
	not _compliant(p)
}

_compliant(p) if {
	_has_document(p)
	count(_admin(p)) == 0
}

_has_document(p) if is_object(p.config.PolicyVersion.Document)

# The document's statements (a single statement may be written as an object).
_statements(p) := s if {
	s := p.config.PolicyVersion.Document.Statement
	is_array(s)
} else := [s] if {
	s := p.config.PolicyVersion.Document.Statement
	is_object(s)
} else := []

_admin(p) := [object.get(s, "Sid", sprintf("statement %d", [n])) |
	some n, s in _statements(p)
	s.Effect == "Allow"
	_star(s.Action)
	_star(s.Resource)
]

_star(x) if x == "*"

_star(x) if {
	is_array(x)
	"*" in x
}

_version(p) := object.get(p.config, ["PolicyVersion", "VersionId"], object.get(p.config, "DefaultVersionId", null))

_fail_message(p) := "default version has no readable policy document" if {
	not _has_document(p)
} else := sprintf("default version %v allows \"*\" on \"*\" (%s); attached %v time(s)", [
	_version(p),
	concat(", ", _admin(p)),
	object.get(p.config, "AttachmentCount", null),
])

_evidence(p) := {
	"DefaultVersionId": object.get(p.config, "DefaultVersionId", null),
	"AttachmentCount": object.get(p.config, "AttachmentCount", null),
	"PolicyVersion.Document.Statement (Allow * on *)": _admin(p),
}
