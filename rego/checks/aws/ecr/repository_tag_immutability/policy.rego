# METADATA
# title: ECR repositories have immutable image tags
# description: |
#   The repository's imageTagMutability is IMMUTABLE (or IMMUTABLE_WITH_EXCLUSION, whose
#   excluded tag filters are shown in the evidence), so a pushed tag cannot be overwritten
#   and what is deployed under a tag is what was scanned and approved. The check judges
#   what DescribeRepositories returns; it has no read of its own that can fail. In a Terraform
#   plan, a mutability known only after apply gives `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
# custom:
#   id: aws.ecr.repository_tag_immutability
#   severity: medium
#   resource_types: [AWS::ECR::Repository]
#   remediation: |
#     aws ecr put-image-tag-mutability --repository-name NAME --image-tag-mutability IMMUTABLE
#     (and publish a new tag for every release instead of moving one).
package attestkit.checks.aws.ecr.repository_tag_immutability

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::ECR::Repository"

_immutable := {"IMMUTABLE", "IMMUTABLE_WITH_EXCLUSION"}

# Paths a Terraform plan can leave known only after apply.
_paths := ["imageTagMutability"]

results contains result.error(r, inventory.after_apply_message(r, _paths), inventory.with_unknown(r, _paths, _evidence(r))) if {
	some r in inventory.resources(_type)
	_undecided(r)
}

results contains result.pass(r, sprintf("image tags are %s", [r.config.imageTagMutability]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	_compliant(r)
}

results contains result.fail(r, sprintf("image tags are mutable (%v)", [object.get(r.config, "imageTagMutability", null)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	not _compliant(r)
}

_undecided(r) if inventory.known_after_apply(r, _paths)

_compliant(r) if r.config.imageTagMutability in _immutable

_evidence(r) := {
	"imageTagMutability": object.get(r.config, "imageTagMutability", null),
	"imageTagMutabilityExclusionFilters": inventory.array_at(r.config, "imageTagMutabilityExclusionFilters"),
}
