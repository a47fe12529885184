package attestkit.checks.aws.ecr.repository_tag_immutability_test

import data.attestkit.checks.aws.ecr.repository_tag_immutability as check

_id(name) := sprintf("arn:aws:ecr:us-east-1:111122223333:repository/%s", [name])

_repo(name, config) := {
	"id": _id(name),
	"type": "AWS::ECR::Repository",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"repositoryName": name}, config),
	"errors": [],
}

_input(repos) := {"resources": {"AWS::ECR::Repository": repos}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_immutable if {
	rs := check.results with input as _input([_repo("app", {"imageTagMutability": "IMMUTABLE"})])
	_status(rs, _id("app")) == {"pass"}
}

test_pass_immutable_with_exclusions_shown if {
	config := {
		"imageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
		"imageTagMutabilityExclusionFilters": [{"filterType": "WILDCARD", "filter": "latest"}],
	}
	rs := check.results with input as _input([_repo("app", config)])
	_status(rs, _id("app")) == {"pass"}
	some r in rs
	count(r.evidence.imageTagMutabilityExclusionFilters) == 1
}

test_fail_mutable if {
	rs := check.results with input as _input([_repo("app", {"imageTagMutability": "MUTABLE"})])
	_status(rs, _id("app")) == {"fail"}
}

test_fail_mutable_with_exclusions if {
	rs := check.results with input as _input([_repo("app", {"imageTagMutability": "MUTABLE_WITH_EXCLUSION"})])
	_status(rs, _id("app")) == {"fail"}
}

test_fail_setting_missing if {
	rs := check.results with input as _input([_repo("app", {})])
	_status(rs, _id("app")) == {"fail"}
}

test_each_repository_gets_exactly_one_status if {
	rs := check.results with input as _input([_repo("a", {"imageTagMutability": "IMMUTABLE"}), _repo("b", {"imageTagMutability": "MUTABLE"})])
	_status(rs, _id("a")) == {"pass"}
	_status(rs, _id("b")) == {"fail"}
	count(rs) == 2
}

test_no_result_without_repositories if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
test_error_mutability_known_after_apply if {
	planned := {"imageTagMutability": "(known after apply)", "_terraform": {"unknown": ["imageTagMutability"]}}
	rs := check.results with input as _input([_repo("app", planned)])
	_status(rs, _id("app")) == {"error"}
	some r in rs
	r.evidence == {"imageTagMutability": "(known after apply)", "imageTagMutabilityExclusionFilters": [], "known_after_apply": ["imageTagMutability"]}
	startswith(r.message, "cannot judge before apply: imageTagMutability")
}
