package attestkit.checks.aws.logs.log_group_retention_365_days_test

import data.attestkit.checks.aws.logs.log_group_retention_365_days as check

_group(name, config) := {
	"id": sprintf("arn:aws:logs:us-east-1:111122223333:log-group:%s", [name]),
	"type": "AWS::Logs::LogGroup",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"logGroupName": name, "storedBytes": 0}, config),
	"errors": [],
}

_id(name) := sprintf("arn:aws:logs:us-east-1:111122223333:log-group:%s", [name])

_input(groups) := {"resources": {"AWS::Logs::LogGroup": groups}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_six_years if {
	rs := check.results with input as _input([_group("/ehr/audit", {"retentionInDays": 2192})])
	_status(rs, _id("/ehr/audit")) == {"pass"}
}

test_pass_exactly_a_year if {
	rs := check.results with input as _input([_group("/eu/api", {"retentionInDays": 365})])
	_status(rs, _id("/eu/api")) == {"pass"}
}

test_pass_never_expires if {
	rs := check.results with input as _input([_group("/video/transcoder", {})])
	_status(rs, _id("/video/transcoder")) == {"pass"}
	some r in rs
	r.message == "events never expire"
}

test_fail_thirty_days if {
	rs := check.results with input as _input([_group("/clinic/app", {"retentionInDays": 30})])
	_status(rs, _id("/clinic/app")) == {"fail"}
	some r in rs
	r.evidence == {"retentionInDays": 30, "required_days": 365}
}

test_fail_just_under if {
	rs := check.results with input as _input([_group("/almost", {"retentionInDays": 180})])
	_status(rs, _id("/almost")) == {"fail"}
}

test_no_result_without_groups if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
test_error_retention_known_after_apply if {
	planned := {"retentionInDays": "(known after apply)", "_terraform": {"unknown": ["retentionInDays"]}}
	rs := check.results with input as _input([_group("/app/audit", planned)])
	_status(rs, _id("/app/audit")) == {"error"}
	some r in rs
	r.evidence == {"retentionInDays": "(known after apply)", "required_days": 365, "known_after_apply": ["retentionInDays"]}
	startswith(r.message, "cannot judge before apply: retentionInDays")
}
