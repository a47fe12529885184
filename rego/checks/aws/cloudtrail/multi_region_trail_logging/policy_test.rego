package attestkit.checks.aws.cloudtrail.multi_region_trail_logging_test

import data.attestkit.checks.aws.cloudtrail.multi_region_trail_logging as check

_acct := "111122223333"

_account(account) := {
	"id": sprintf("arn:aws:iam::%s:root", [account]),
	"type": "AWS::Account",
	"account": account,
	"region": "global",
	"config": {"AccountId": account, "AccountSummary": {"AccountMFAEnabled": 1}},
	"errors": [],
}

_id(account) := sprintf("arn:aws:iam::%s:root", [account])

_basic_all := [{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources": []}]

_good := {
	"HomeRegion": "us-east-1",
	"IsMultiRegionTrail": true,
	"IsOrganizationTrail": false,
	"LogFileValidationEnabled": true,
	"S3BucketName": "trail-logs",
	"IncludeGlobalServiceEvents": true,
	"Status": {"IsLogging": true, "LatestDeliveryTime": "2026-11-27T23:00:00Z"},
	"EventSelectors": _basic_all,
	"AdvancedEventSelectors": null,
}

_trail(account, name, changes, errors) := _trail_without(account, name, changes, [], errors)

# A trail whose config lacks `drop`: the keys a failed read leaves out.
_trail_without(account, name, changes, drop, errors) := {
	"id": sprintf("arn:aws:cloudtrail:us-east-1:%s:trail/%s", [account, name]),
	"type": "AWS::CloudTrail::Trail",
	"account": account,
	"region": "us-east-1",
	"name": name,
	"config": object.remove(object.union(object.union(_good, {"Name": name}), changes), drop),
	"errors": errors,
}

_input(accounts, trails) := {
	"resources": {"AWS::Account": accounts, "AWS::CloudTrail::Trail": trails},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_advanced(fields) := {"EventSelectors": null, "AdvancedEventSelectors": [{"Name": "mgmt", "FieldSelectors": fields}]}

_management := {"Field": "eventCategory", "Equals": ["Management"]}

_denied(api) := [{"api": api, "code": "AccessDenied", "message": "denied"}]

_judge(changes, errors) := rs if {
	rs := check.results with input as _input([_account(_acct)], [_trail(_acct, "t", changes, errors)])
}

test_pass_multi_region_trail_logging if {
	_status(_judge({}, []), _id(_acct)) == {"pass"}
}

test_pass_advanced_selector_all_management_events if {
	_status(_judge(_advanced([_management]), []), _id(_acct)) == {"pass"}
}

test_pass_one_good_trail_among_bad if {
	trails := [
		_trail(_acct, "regional", {"IsMultiRegionTrail": false}, []),
		_trail(_acct, "org", {}, []),
		_trail_without(_acct, "broken", {}, ["Status"], _denied("cloudtrail:GetTrailStatus")),
	]
	rs := check.results with input as _input([_account(_acct)], trails)
	_status(rs, _id(_acct)) == {"pass"}
}

test_pass_good_trail_despite_unlisted_region if {
	scope_error := {
		"service": "cloudtrail", "region": "ap-south-1", "account": _acct,
		"api": "cloudtrail:DescribeTrails", "code": "AccessDenied", "message": "denied",
		"resource_types": ["AWS::CloudTrail::Trail"],
	}
	rs := check.results with input as object.union(_input([_account(_acct)], [_trail(_acct, "t", {}, [])]), {"collection_errors": [scope_error]})
	_status(rs, _id(_acct)) == {"pass"}
}

test_fail_no_trails if {
	rs := check.results with input as _input([_account(_acct)], [])
	_status(rs, _id(_acct)) == {"fail"}
}

test_fail_single_region_trail if {
	_status(_judge({"IsMultiRegionTrail": false}, []), _id(_acct)) == {"fail"}
}

test_fail_multi_region_trail_not_logging if {
	_status(_judge({"Status": {"IsLogging": false}}, []), _id(_acct)) == {"fail"}
}

test_fail_log_file_validation_off if {
	_status(_judge({"LogFileValidationEnabled": false}, []), _id(_acct)) == {"fail"}
}

test_fail_write_only_management_events if {
	selectors := [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": true, "DataResources": []}]
	_status(_judge({"EventSelectors": selectors}, []), _id(_acct)) == {"fail"}
}

test_fail_management_events_excluded if {
	selectors := [{"ReadWriteType": "All", "IncludeManagementEvents": false, "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]
	_status(_judge({"EventSelectors": selectors}, []), _id(_acct)) == {"fail"}
}

test_fail_management_event_source_excluded if {
	selectors := [{"ReadWriteType": "All", "IncludeManagementEvents": true, "ExcludeManagementEventSources": ["kms.amazonaws.com"]}]
	_status(_judge({"EventSelectors": selectors}, []), _id(_acct)) == {"fail"}
}

test_fail_advanced_selector_read_only_filter if {
	changes := _advanced([_management, {"Field": "readOnly", "Equals": ["false"]}])
	_status(_judge(changes, []), _id(_acct)) == {"fail"}
}

test_fail_advanced_selector_event_source_excluded if {
	changes := _advanced([_management, {"Field": "eventSource", "NotEquals": ["kms.amazonaws.com"]}])
	_status(_judge(changes, []), _id(_acct)) == {"fail"}
}

test_fail_advanced_selector_data_events_only if {
	changes := _advanced([{"Field": "eventCategory", "Equals": ["Data"]}, {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}])
	_status(_judge(changes, []), _id(_acct)) == {"fail"}
}

test_fail_advanced_selector_other_event_category if {
	changes := _advanced([{"Field": "eventCategory", "Equals": ["Data"]}])
	_status(_judge(changes, []), _id(_acct)) == {"fail"}
}

test_fail_no_selectors if {
	_status(_judge({"EventSelectors": null, "AdvancedEventSelectors": null}, []), _id(_acct)) == {"fail"}
}

test_fail_other_accounts_trail_does_not_count if {
	rs := check.results with input as _input([_account(_acct)], [_trail("444455556666", "t", {}, [])])
	_status(rs, _id(_acct)) == {"fail"}
}

test_error_trail_status_unreadable if {
	t := _trail_without(_acct, "t", {}, ["Status"], _denied("cloudtrail:GetTrailStatus"))
	rs := check.results with input as _input([_account(_acct)], [t])
	_status(rs, _id(_acct)) == {"error"}
}

test_error_event_selectors_unreadable if {
	t := _trail_without(_acct, "t", {}, ["EventSelectors", "AdvancedEventSelectors"], _denied("cloudtrail:GetEventSelectors"))
	rs := check.results with input as _input([_account(_acct)], [t])
	_status(rs, _id(_acct)) == {"error"}
}

test_error_trails_not_listed if {
	scope_error := {
		"service": "cloudtrail", "region": "us-east-1", "account": _acct,
		"api": "cloudtrail:DescribeTrails", "code": "AccessDenied", "message": "denied",
		"resource_types": ["AWS::CloudTrail::Trail"],
	}
	rs := check.results with input as object.union(_input([_account(_acct)], []), {"collection_errors": [scope_error]})
	_status(rs, _id(_acct)) == {"error"}
}

test_fail_other_accounts_scope_error_does_not_count if {
	scope_error := {
		"service": "cloudtrail", "region": "us-east-1", "account": "444455556666",
		"api": "cloudtrail:DescribeTrails", "code": "AccessDenied", "message": "denied",
		"resource_types": ["AWS::CloudTrail::Trail"],
	}
	rs := check.results with input as object.union(_input([_account(_acct)], []), {"collection_errors": [scope_error]})
	_status(rs, _id(_acct)) == {"fail"}
}

test_fail_evidence_names_the_four_facts if {
	rs := _judge({"Status": {"IsLogging": false}}, [])
	some r in rs
	r.resource == _id(_acct)
	r.evidence.trails == [{
		"trail": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t",
		"IsMultiRegionTrail": true,
		"Status.IsLogging": false,
		"LogFileValidationEnabled": true,
		"all_management_events": true,
	}]
}

test_each_account_gets_exactly_one_status if {
	accounts := [_account("111111111111"), _account("222222222222"), _account("333333333333"), _account("444444444444")]
	trails := [
		_trail("111111111111", "good", {}, []),
		_trail("222222222222", "stopped", {"Status": {"IsLogging": false}}, []),
		_trail_without("333333333333", "unknown", {}, ["EventSelectors", "AdvancedEventSelectors"], _denied("cloudtrail:GetEventSelectors")),
		_trail("333333333333", "regional", {"IsMultiRegionTrail": false}, []),
	]
	rs := check.results with input as _input(accounts, trails)
	expected := {"111111111111": "pass", "222222222222": "fail", "333333333333": "error", "444444444444": "fail"}
	every account, status in expected {
		_status(rs, _id(account)) == {status}
	}
}

test_no_result_without_accounts if {
	rs := check.results with input as _input([], [_trail(_acct, "t", {}, [])])
	count(rs) == 0
}
