package attestkit.checks.aws.guardduty.detector_enabled_test

import data.attestkit.checks.aws.guardduty.detector_enabled as check

_id(region) := sprintf("arn:aws:guardduty:%s:111122223333:detector", [region])

_setting(region, config, errors) := {
	"id": _id(region),
	"type": "AWS::GuardDuty::Detector",
	"account": "111122223333",
	"region": region,
	"config": config,
	"errors": errors,
}

_input(settings) := {
	"resources": {"AWS::GuardDuty::Detector": settings},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_detector(status) := {"DetectorId": "12abc34d567e8fa901bc2d34e56789f0", "Status": status, "FindingPublishingFrequency": "SIX_HOURS"}

test_pass_enabled_detector if {
	rs := check.results with input as _input([_setting("us-east-1", {"Detectors": [_detector("ENABLED")]}, [])])
	_status(rs, _id("us-east-1")) == {"pass"}
}

test_fail_no_detector if {
	rs := check.results with input as _input([_setting("us-east-1", {"Detectors": []}, [])])
	_status(rs, _id("us-east-1")) == {"fail"}
}

test_fail_suspended_detector if {
	rs := check.results with input as _input([_setting("us-east-1", {"Detectors": [_detector("DISABLED")]}, [])])
	_status(rs, _id("us-east-1")) == {"fail"}
}

test_fail_detectors_key_missing_without_error if {
	rs := check.results with input as _input([_setting("us-east-1", {}, [])])
	_status(rs, _id("us-east-1")) == {"fail"}
}

test_error_list_detectors_denied if {
	errors := [{"api": "guardduty:ListDetectors", "code": "AccessDeniedException", "message": "denied"}]
	rs := check.results with input as _input([_setting("us-east-1", {}, errors)])
	_status(rs, _id("us-east-1")) == {"error"}
}

test_error_get_detector_denied if {
	errors := [{"api": "guardduty:GetDetector", "code": "AccessDeniedException", "message": "denied"}]
	rs := check.results with input as _input([_setting("us-east-1", {}, errors)])
	_status(rs, _id("us-east-1")) == {"error"}
}

test_fail_evidence_names_the_status if {
	rs := check.results with input as _input([_setting("eu-west-1", {"Detectors": [_detector("DISABLED")]}, [])])
	some r in rs
	r.evidence["Detectors[]"] == [{"DetectorId": "12abc34d567e8fa901bc2d34e56789f0", "Status": "DISABLED"}]
}

test_each_region_gets_exactly_one_status if {
	settings := [
		_setting("us-east-1", {"Detectors": [_detector("ENABLED")]}, []),
		_setting("us-west-2", {"Detectors": []}, []),
		_setting("eu-west-1", {}, [{"api": "guardduty:ListDetectors", "code": "AccessDenied", "message": "denied"}]),
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
