package attestkit.checks.aws.ecr.repository_scan_on_push_test

import data.attestkit.checks.aws.ecr.repository_scan_on_push as check

_id(name) := sprintf("arn:aws:ecr:us-east-1:111122223333:repository/%s", [name])

_repo(name, scan, registry, errors) := {
	"id": _id(name),
	"type": "AWS::ECR::Repository",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union(
		{"repositoryName": name, "imageTagMutability": "IMMUTABLE", "imageScanningConfiguration": {"scanOnPush": scan}},
		registry,
	),
	"errors": errors,
}

_basic := {"scanningConfiguration": {"scanType": "BASIC", "rules": []}}

_rule(frequency, filter) := {"scanningConfiguration": {"scanType": "ENHANCED", "rules": [{
	"scanFrequency": frequency,
	"repositoryFilters": [{"filter": filter, "filterType": "WILDCARD"}],
}]}}

_denied := [{"api": "ecr:GetRegistryScanningConfiguration", "code": "AccessDeniedException", "message": "denied"}]

_input(repos) := {"resources": {"AWS::ECR::Repository": repos}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_repository_flag if {
	rs := check.results with input as _input([_repo("app", true, _basic, [])])
	_status(rs, _id("app")) == {"pass"}
}

test_pass_repository_flag_even_if_registry_unreadable if {
	rs := check.results with input as _input([_repo("app", true, {}, _denied)])
	_status(rs, _id("app")) == {"pass"}
}

test_pass_registry_rule_matches if {
	rs := check.results with input as _input([_repo("prod/api", false, _rule("CONTINUOUS_SCAN", "prod/*"), [])])
	_status(rs, _id("prod/api")) == {"pass"}
}

test_pass_registry_wildcard_matches_names_with_dots if {
	rs := check.results with input as _input([_repo("prod/api.v2", false, _rule("SCAN_ON_PUSH", "prod*"), [])])
	_status(rs, _id("prod/api.v2")) == {"pass"}
}

test_fail_registry_rule_for_other_repositories if {
	rs := check.results with input as _input([_repo("dev/api", false, _rule("SCAN_ON_PUSH", "prod/*"), [])])
	_status(rs, _id("dev/api")) == {"fail"}
}

test_fail_registry_rule_manual_only if {
	rs := check.results with input as _input([_repo("app", false, _rule("MANUAL", "*"), [])])
	_status(rs, _id("app")) == {"fail"}
}

test_fail_no_scanning if {
	rs := check.results with input as _input([_repo("app", false, _basic, [])])
	_status(rs, _id("app")) == {"fail"}
	some r in rs
	r.evidence == {
		"imageScanningConfiguration.scanOnPush": false,
		"scanningConfiguration.scanType": "BASIC",
		"scanningConfiguration.rules (matching)": [],
	}
}

test_error_registry_unreadable_and_flag_off if {
	rs := check.results with input as _input([_repo("app", false, {}, _denied)])
	_status(rs, _id("app")) == {"error"}
}

test_each_repository_gets_exactly_one_status if {
	repos := [
		_repo("flag", true, {}, _denied),
		_repo("rule", false, _rule("SCAN_ON_PUSH", "*"), []),
		_repo("none", false, _basic, []),
		_repo("unknown", false, {}, _denied),
	]
	rs := check.results with input as _input(repos)
	expected := {"flag": "pass", "rule": "pass", "none": "fail", "unknown": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

test_no_result_without_repositories if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_unknown_flag := {"_terraform": {"unknown": ["imageScanningConfiguration.scanOnPush"]}}

_not_in_plan := [{"api": "ecr:GetRegistryScanningConfiguration", "code": "NotInPlan", "message": "not in the plan"}]

test_error_flag_known_after_apply if {
	rs := check.results with input as _input([_repo("app", "(known after apply)", object.union(_basic, _unknown_flag), [])])
	_status(rs, _id("app")) == {"error"}
	some r in rs
	r.evidence["imageScanningConfiguration.scanOnPush"] == "(known after apply)"
	r.evidence.known_after_apply == ["imageScanningConfiguration.scanOnPush"]
	startswith(r.message, "cannot judge before apply: imageScanningConfiguration.scanOnPush")
}

test_pass_registry_rule_decides_before_apply if {
	registry := object.union(_rule("SCAN_ON_PUSH", "*"), _unknown_flag)
	rs := check.results with input as _input([_repo("app", "(known after apply)", registry, [])])
	_status(rs, _id("app")) == {"pass"}
}

test_error_flag_known_after_apply_registry_not_in_plan if {
	rs := check.results with input as _input([_repo("app", "(known after apply)", _unknown_flag, _not_in_plan)])
	_status(rs, _id("app")) == {"error"}
	count(rs) == 1
}

# A repository whose name Terraform knows only after apply: the sentinel as repositoryName.
_unknown_name := {"_terraform": {"unknown": ["repositoryName"]}}

_unnamed(scan, registry) := object.union(_repo("app", scan, object.union(registry, _unknown_name), []), {"config": {"repositoryName": "(known after apply)"}})

test_error_name_known_after_apply_registry_filter_may_match if {
	rs := check.results with input as _input([_unnamed(false, _rule("SCAN_ON_PUSH", "prod-*"))])
	_status(rs, _id("app")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["repositoryName"]
	r.message == "cannot judge before apply: repositoryName known only after apply; judge the applied resource"
}

test_error_name_known_after_apply_filter_matching_the_sentinel_does_not_decide if {
	rs := check.results with input as _input([_unnamed(false, _rule("CONTINUOUS_SCAN", "(known*"))])
	_status(rs, _id("app")) == {"error"}
}

test_pass_name_known_after_apply_filter_matches_every_name if {
	rs := check.results with input as _input([_unnamed(false, _rule("SCAN_ON_PUSH", "*"))])
	_status(rs, _id("app")) == {"pass"}
	some r in rs
	r.evidence.known_after_apply == ["repositoryName"]
}

test_pass_name_known_after_apply_repository_flag_on if {
	rs := check.results with input as _input([_unnamed(true, _rule("SCAN_ON_PUSH", "prod-*"))])
	_status(rs, _id("app")) == {"pass"}
}

test_fail_name_known_after_apply_no_rule_scans_on_push if {
	rs := check.results with input as _input([_unnamed(false, _rule("MANUAL", "prod-*"))])
	_status(rs, _id("app")) == {"fail"}
}

test_fail_name_known_after_apply_no_registry_rule if {
	rs := check.results with input as _input([_unnamed(false, _basic)])
	_status(rs, _id("app")) == {"fail"}
}
