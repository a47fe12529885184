# METADATA
# title: ECR repositories scan images on push
# description: |
#   Every image pushed to the repository is scanned for known vulnerabilities: either the
#   repository's own imageScanningConfiguration.scanOnPush is on, or a rule of the
#   registry's scanning configuration (basic or enhanced) with frequency SCAN_ON_PUSH or
#   CONTINUOUS_SCAN has a repository filter matching the repository name (`*` wildcards).
#   When the repository's own flag is off and the registry configuration could not be read,
#   the result is `error`; so it is, in a Terraform plan, when the flag is known only after
#   apply and no registry rule covers the repository, or when the repository's name is known
#   only after apply and a registry rule scanning on push has filters that may or may not
#   match it (a filter of `*` only covers every name).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning-basic-enabling.html
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_GetRegistryScanningConfiguration.html
# custom:
#   id: aws.ecr.repository_scan_on_push
#   severity: medium
#   resource_types: [AWS::ECR::Repository]
#   remediation: |
#     aws ecr put-registry-scanning-configuration --scan-type BASIC --rules
#     '[{"scanFrequency":"SCAN_ON_PUSH","repositoryFilters":[{"filter":"*","filterType":"WILDCARD"}]}]'
#     for every repository of the region (or --scan-type ENHANCED for Amazon Inspector), or per
#     repository aws ecr put-image-scanning-configuration --repository-name NAME
#     --image-scanning-configuration scanOnPush=true
package attestkit.checks.aws.ecr.repository_scan_on_push

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::ECR::Repository"

_registry_api := "ecr:GetRegistryScanningConfiguration"

_on_push := {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}

results contains result.error(r, inventory.read_error_message(r, [_registry_api]), {"errors": inventory.read_errors(r, [_registry_api])}) if {
	some r in inventory.resources(_type)
	not _repository_flag(r)
	inventory.read_failed(r, _registry_api)
}

# Paths a Terraform plan can leave known only after apply.
_paths := ["imageScanningConfiguration.scanOnPush", "repositoryName"]

results contains result.error(r, inventory.after_apply_message(r, _paths), inventory.with_unknown(r, _paths, _evidence(r))) if {
	some r in inventory.resources(_type)
	_undecided(r)
}

results contains result.pass(r, _pass_message(r), inventory.with_unknown(r, _paths, _evidence(r))) if {
	some r in inventory.resources(_type)
	_compliant(r)
}

results contains result.fail(r, "images are not scanned on push", _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.read_failed(r, _registry_api)
	not _undecided(r)
	not _compliant(r)
}

# A registry rule covering the repository passes whatever its own flag turns out to be; an
# unreadable registry configuration is the read error above.
_undecided(r) if {
	inventory.known_after_apply(r, _paths)
	not inventory.read_failed(r, _registry_api)
	not _compliant(r)
	_may_pass(r)
}

# The repository's own flag may turn out on.
_may_pass(r) if inventory.known_after_apply(r, ["imageScanningConfiguration.scanOnPush"])

# Its name may turn out to match a registry rule's filter.
_may_pass(r) if {
	inventory.unknown_until_apply(r.config.repositoryName)
	some rule in inventory.array_at(r.config, ["scanningConfiguration", "rules"])
	rule.scanFrequency in _on_push
	some f in inventory.array_at(rule, "repositoryFilters")
	is_string(f.filter)
}

_compliant(r) if _repository_flag(r)

_compliant(r) if count(_registry_rules(r)) > 0

_repository_flag(r) if r.config.imageScanningConfiguration.scanOnPush == true

# The registry rules that scan this repository on push (or continuously).
_registry_rules(r) := [{"scanFrequency": rule.scanFrequency, "filters": [x.filter | some x in inventory.array_at(rule, "repositoryFilters")]} |
	some rule in inventory.array_at(r.config, ["scanningConfiguration", "rules"])
	rule.scanFrequency in _on_push
	_covers(rule, r.config.repositoryName)
]

_covers(rule, name) if {
	not inventory.unknown_until_apply(name)
	some f in inventory.array_at(rule, "repositoryFilters")
	is_string(f.filter)
	glob.match(f.filter, null, name) # ECR wildcards: `*` matches any characters, dots included
}

# A name known only after apply is covered only by a filter matching every name.
_covers(rule, name) if {
	inventory.unknown_until_apply(name)
	some f in inventory.array_at(rule, "repositoryFilters")
	is_string(f.filter)
	regex.match(`^\*+$`, f.filter)
}

_pass_message(r) := "the repository scans images on push" if {
	_repository_flag(r)
} else := sprintf("the registry's %v scanning covers it (%s)", [
	object.get(r.config, ["scanningConfiguration", "scanType"], "registry"),
	concat(", ", {rule.scanFrequency | some rule in _registry_rules(r)}),
])

_evidence(r) := {
	"imageScanningConfiguration.scanOnPush": object.get(r.config, ["imageScanningConfiguration", "scanOnPush"], null),
	"scanningConfiguration.scanType": object.get(r.config, ["scanningConfiguration", "scanType"], null),
	"scanningConfiguration.rules (matching)": _registry_rules(r),
}
