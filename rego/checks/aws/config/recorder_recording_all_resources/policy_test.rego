package attestkit.checks.aws.config.recorder_recording_all_resources_test

import data.attestkit.checks.aws.config.recorder_recording_all_resources as check

_id(region) := sprintf("arn:aws:config:%s:111122223333:configuration-recorder", [region])

_setting(region, config, errors) := {
	"id": _id(region),
	"type": "AWS::Config::ConfigurationRecorder",
	"account": "111122223333",
	"region": region,
	"config": config,
	"errors": errors,
}

_input(settings) := {
	"resources": {"AWS::Config::ConfigurationRecorder": settings},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_recorder(all) := {
	"name": "default",
	"roleARN": "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
	"recordingGroup": {"allSupported": all, "includeGlobalResourceTypes": false, "resourceTypes": []},
}

_state(recording, last) := {"name": "default", "recording": recording, "lastStatus": last}

_config(all, recording, last) := {"ConfigurationRecorders": [_recorder(all)], "ConfigurationRecordersStatus": [_state(recording, last)]}

test_pass_all_types_recording if {
	rs := check.results with input as _input([_setting("us-east-1", _config(true, true, "Success"), [])])
	_status(rs, _id("us-east-1")) == {"pass"}
}

test_pass_pending_first_delivery if {
	rs := check.results with input as _input([_setting("us-east-1", _config(true, true, "PENDING"), [])])
	_status(rs, _id("us-east-1")) == {"pass"}
}

test_fail_no_recorder if {
	config := {"ConfigurationRecorders": [], "ConfigurationRecordersStatus": []}
	rs := check.results with input as _input([_setting("us-east-1", config, [])])
	_status(rs, _id("us-east-1")) == {"fail"}
}

test_fail_selected_types_only if {
	rs := check.results with input as _input([_setting("us-east-1", _config(false, true, "Success"), [])])
	_status(rs, _id("us-east-1")) == {"fail"}
}

test_fail_stopped if {
	rs := check.results with input as _input([_setting("us-east-1", _config(true, false, "Success"), [])])
	_status(rs, _id("us-east-1")) == {"fail"}
}

test_fail_delivery_failing if {
	rs := check.results with input as _input([_setting("us-east-1", _config(true, true, "Failure"), [])])
	_status(rs, _id("us-east-1")) == {"fail"}
}

test_fail_status_of_another_recorder if {
	config := {"ConfigurationRecorders": [_recorder(true)], "ConfigurationRecordersStatus": [{"name": "other", "recording": true}]}
	rs := check.results with input as _input([_setting("us-east-1", config, [])])
	_status(rs, _id("us-east-1")) == {"fail"}
}

test_fail_message_names_the_gaps if {
	rs := check.results with input as _input([_setting("us-east-1", _config(false, false, "Success"), [])])
	some r in rs
	r.message == "in us-east-1: recorder default does not record all resource types and is not recording"
	r.evidence["ConfigurationRecorders[]"] == [{"name": "default", "recordingGroup.allSupported": false, "recording": false, "lastStatus": "Success"}]
}

test_error_recorders_unreadable if {
	errors := [{"api": "config:DescribeConfigurationRecorders", "code": "AccessDeniedException", "message": "denied"}]
	config := {"ConfigurationRecordersStatus": []}
	rs := check.results with input as _input([_setting("us-east-1", config, errors)])
	_status(rs, _id("us-east-1")) == {"error"}
}

test_error_status_unreadable if {
	errors := [{"api": "config:DescribeConfigurationRecorderStatus", "code": "AccessDeniedException", "message": "denied"}]
	config := {"ConfigurationRecorders": [_recorder(true)]}
	rs := check.results with input as _input([_setting("us-east-1", config, errors)])
	_status(rs, _id("us-east-1")) == {"error"}
}

test_each_region_gets_exactly_one_status if {
	settings := [
		_setting("us-east-1", _config(true, true, "Success"), []),
		_setting("us-west-2", _config(false, true, "Success"), []),
		_setting("eu-west-1", {}, [{"api": "config:DescribeConfigurationRecorders", "code": "AccessDenied", "message": "denied"}]),
	]
	rs := check.results with input as _input(settings)
	expected := {"us-east-1": "pass", "us-west-2": "fail", "eu-west-1": "error"}
	every region, status in expected {
		_status(rs, _id(region)) == {status}
	}
	count(rs) == 3
}

test_no_result_without_settings if {
	rs := check.results with input as _input([])
	count(rs) == 0
}
