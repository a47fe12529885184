# METADATA
# title: AWS Config records every resource type in every region
# description: |
#   The region has an AWS Config configuration recorder that records all supported resource
#   types (recordingGroup.allSupported) and is recording, its last delivery not failed, so
#   every configuration change in the region has a history. One result per collected
#   region. Global resource types (IAM) need recording in one region only and are not
#   judged per region.
# related_resources:
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html
#   - ref: https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationRecorderStatus.html
# custom:
#   id: aws.config.recorder_recording_all_resources
#   severity: medium
#   resource_types: [AWS::Config::ConfigurationRecorder]
#   remediation: |
#     aws configservice put-configuration-recorder --region REGION --configuration-recorder
#     name=default,roleARN=ROLE_ARN --recording-group allSupported=true, then (with a delivery
#     channel in place) aws configservice start-configuration-recorder
#     --configuration-recorder-name default --region REGION
package attestkit.checks.aws.config.recorder_recording_all_resources

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "AWS::Config::ConfigurationRecorder"

_apis := ["config:DescribeConfigurationRecorders", "config:DescribeConfigurationRecorderStatus"]

results contains result.error(r, inventory.read_error_message(r, _apis), {"errors": inventory.read_errors(r, _apis)}) if {
	some r in inventory.resources(_type)
	inventory.any_read_failed(r, _apis)
}

results contains result.pass(r, sprintf("recorder %s records all resource types in %v", [concat(", ", _good(r)), _region(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	_compliant(r)
}

results contains result.fail(r, _fail_message(r), _evidence(r)) if {
	some r in inventory.resources(_type)
	not inventory.any_read_failed(r, _apis)
	not _compliant(r)
}

_compliant(r) if count(_good(r)) > 0

_recorders(r) := inventory.array_at(r.config, "ConfigurationRecorders")

_statuses(r) := inventory.array_at(r.config, "ConfigurationRecordersStatus")

_good(r) := sort([rec.name | some rec in _recorders(r); _all_types(rec); _recording(r, rec.name)])

_all_types(rec) if rec.recordingGroup.allSupported == true

_recording(r, name) if {
	some s in _statuses(r)
	s.name == name
	s.recording == true
	lower(object.get(s, "lastStatus", "")) != "failure"
}

_region(r) := object.get(r, "region", "this region")

_gaps(r, rec) := array.concat(
	[gap | not _all_types(rec); gap := "does not record all resource types"],
	[gap | not _recording(r, rec.name); gap := "is not recording"],
)

_fail_message(r) := sprintf("no configuration recorder in %v", [_region(r)]) if {
	count(_recorders(r)) == 0
} else := sprintf("in %v: %s", [_region(r), concat("; ", sort([
	sprintf("recorder %s %s", [object.get(rec, "name", "unnamed"), concat(" and ", _gaps(r, rec))]) |
		some rec in _recorders(r)
]))])

_evidence(r) := {"ConfigurationRecorders[]": [{
	"name": object.get(rec, "name", null),
	"recordingGroup.allSupported": object.get(rec, ["recordingGroup", "allSupported"], null),
	"recording": _status_of(r, rec, "recording"),
	"lastStatus": _status_of(r, rec, "lastStatus"),
} |
	some rec in _recorders(r)
]}

_status_of(r, rec, key) := v if {
	some s in _statuses(r)
	s.name == rec.name
	v := object.get(s, key, null)
} else := null
