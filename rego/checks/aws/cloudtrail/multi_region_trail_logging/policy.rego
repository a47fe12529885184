# METADATA
# title: A multi-region CloudTrail trail records all management events
# description: |
#   The account has at least one CloudTrail trail that applies to all regions, is logging,
#   validates its log files, and records every management event, read and write: a basic
#   event selector with IncludeManagementEvents true, ReadWriteType All and no excluded
#   event sources, or an advanced event selector on eventCategory Management with no
#   readOnly or eventSource field. When no trail qualifies and some trail data could not be
#   read, the account is `error` rather than `fail`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
# custom:
#   id: aws.cloudtrail.multi_region_trail_logging
#   severity: high
#   resource_types: [AWS::Account, AWS::CloudTrail::Trail]
#   remediation: |
#     aws cloudtrail create-trail --name NAME --s3-bucket-name BUCKET --is-multi-region-trail
#     --enable-log-file-validation, then aws cloudtrail start-logging --name NAME (a new trail logs
#     all management events; for an existing trail use update-trail and put-event-selectors).
package attestkit.checks.aws.cloudtrail.multi_region_trail_logging

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_trail_type := "AWS::CloudTrail::Trail"

_selectors_api := "cloudtrail:GetEventSelectors"

_trail_apis := ["cloudtrail:GetTrailStatus", _selectors_api]

results contains result.error(a, concat("; ", _unread(a)), _error_evidence(a)) if {
	some a in inventory.resources("AWS::Account")
	not _compliant(a)
	_incomplete(a)
}

results contains result.pass(a, msg, _evidence(a)) if {
	some a in inventory.resources("AWS::Account")
	_compliant(a)
	msg := sprintf("multi-region trail logging all management events with log file validation: %s", [
		concat(", ", sort([_name(t) | some t in _trails(a); _good_trail(t)])),
	])
}

results contains result.fail(a, _fail_message(a), _evidence(a)) if {
	some a in inventory.resources("AWS::Account")
	not _compliant(a)
	not _incomplete(a)
}

_compliant(a) if {
	some t in _trails(a)
	_good_trail(t)
}

_good_trail(t) if {
	t.config.IsMultiRegionTrail == true
	t.config.Status.IsLogging == true
	t.config.LogFileValidationEnabled == true
	_all_management_events(t)
}

_all_management_events(t) if {
	some s in inventory.array_at(t.config, "EventSelectors")
	s.IncludeManagementEvents == true
	s.ReadWriteType == "All"
	count(inventory.array_at(s, "ExcludeManagementEventSources")) == 0
}

# Management events only (eventCategory = Management), narrowed by neither readOnly nor eventSource.
_all_management_events(t) if {
	some s in inventory.array_at(t.config, "AdvancedEventSelectors")
	fields := inventory.array_at(s, "FieldSelectors")
	some f in fields
	f.Field == "eventCategory"
	f.Equals == ["Management"]
	every g in fields {
		g.Field == "eventCategory"
	}
}

_account(a) := object.get(a, "account", null)

_trails(a) := object.get(_trails_by_account, _account(a), [])

# The trails of each account, grouped once per evaluation (a rule, not a function, so it is
# computed once rather than on every call).
_trails_by_account[account] := [t |
	some t in inventory.resources(_trail_type)
	object.get(t, "account", null) == account
] if {
	some account in {_account(a) | some a in inventory.resources("AWS::Account")}
}

_name(t) := object.get(t.config, "Name", t.id)

# Some trail data of the account could not be read.
_incomplete(a) if inventory.scope_unreadable(_account(a), _trail_type)

_incomplete(a) if {
	some t in _trails(a)
	inventory.any_read_failed(t, _trail_apis)
}

_unread(a) := {msg |
	some e in inventory.scope_errors(_account(a), _trail_type)
	msg := sprintf("could not list trails in %v: %s %s", [e.region, e.api, e.code])
} | {msg |
	some t in _trails(a)
	inventory.any_read_failed(t, _trail_apis)
	msg := sprintf("trail %s: %s", [_name(t), inventory.read_error_message(t, _trail_apis)])
}

# The management-events fact: null when the selectors could not be read.
_management_fact(t) := null if {
	inventory.read_failed(t, _selectors_api)
} else := true if {
	_all_management_events(t)
} else := false

_facts(t) := {
	"trail": t.id,
	"IsMultiRegionTrail": object.get(t.config, "IsMultiRegionTrail", null),
	"Status.IsLogging": object.get(t.config, ["Status", "IsLogging"], null),
	"LogFileValidationEnabled": object.get(t.config, "LogFileValidationEnabled", null),
	"all_management_events": _management_fact(t),
}

_gaps(t) := [label |
	some [label, key] in [
		["single-region", "IsMultiRegionTrail"],
		["not logging", "Status.IsLogging"],
		["no log file validation", "LogFileValidationEnabled"],
		["not all management events", "all_management_events"],
	]
	_facts(t)[key] != true
]

_fail_message(a) := "no CloudTrail trail in the account" if {
	count(_trails(a)) == 0
} else := sprintf("no multi-region trail logging all management events with validation: %s", [concat("; ", sort([
	sprintf("%s %s", [_name(t), concat(", ", _gaps(t))]) |
		some t in _trails(a)
]))])

_evidence(a) := {"trails": [_facts(t) | some t in _trails(a)]}

_error_evidence(a) := {
	"errors": array.concat(
		inventory.scope_errors(_account(a), _trail_type),
		[object.union(e, {"trail": t.id}) | some t in _trails(a); some e in inventory.read_errors(t, _trail_apis)],
	),
	"trails": [_facts(t) | some t in _trails(a)],
}
