# METADATA
# title: The subscription's activity log is exported by a diagnostic setting
# description: |
#   A diagnostic setting of the subscription sends its activity log (the record of every
#   control-plane operation: who created, changed or deleted what, and when) to a Log
#   Analytics workspace, storage account, event hub or partner solution, with at least the
#   Administrative, Security, Policy and Alert categories enabled (or the allLogs category
#   group), so the 90-day in-platform history is kept and can be reviewed and alerted on.
#   When the subscription's diagnostic settings could not be read it is `error`, and so it is
#   when a Terraform plan leaves a log's category, category group or `enabled` of a setting
#   with a destination to be known only after apply, that could complete it, and no setting is
#   known to export the activity log.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/azure-monitor/essentials/activity-log
#   - ref: https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings
#   - ref: https://learn.microsoft.com/rest/api/monitor/subscription-diagnostic-settings/list
# custom:
#   id: azure.monitor.activity_log_diagnostic_setting
#   severity: high
#   resource_types: [Microsoft.Resources/subscriptions]
#   remediation: |
#     az monitor diagnostic-settings subscription create --name activity-log --location LOCATION
#     --workspace WORKSPACE_ID --logs '[{"categoryGroup":"allLogs","enabled":true}]'
package attestkit.checks.azure.monitor.activity_log_diagnostic_setting

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Resources/subscriptions"

_apis := ["insights:SubscriptionDiagnosticSettings_List"]

_required := {"Administrative", "Security", "Policy", "Alert"}

_destinations := ["workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId"]

results contains result.error(s, inventory.read_error_message(s, _apis), {"errors": inventory.read_errors(s, _apis)}) if {
	some s in inventory.resources(_type)
	inventory.any_read_failed(s, _apis)
}

# Paths a Terraform plan can leave known only after apply.
_paths := [
	"diagnosticSettings[].properties.logs[].category",
	"diagnosticSettings[].properties.logs[].categoryGroup",
	"diagnosticSettings[].properties.logs[].enabled",
]

results contains result.error(s, inventory.after_apply_message(s, _paths), inventory.with_unknown(s, _paths, _evidence(s))) if {
	some s in inventory.resources(_type)
	not inventory.any_read_failed(s, _apis)
	_undecided(s)
}

results contains result.pass(s, sprintf("activity log exported by %s", [concat(", ", _good(s))]), inventory.with_unknown(s, _paths, _evidence(s))) if {
	some s in inventory.resources(_type)
	not inventory.any_read_failed(s, _apis)
	_compliant(s)
}

results contains result.fail(s, _fail_message(s), _evidence(s)) if {
	some s in inventory.resources(_type)
	not inventory.any_read_failed(s, _apis)
	not _compliant(s)
	not _undecided(s)
}

_settings(s) := inventory.array_at(s.config, "diagnosticSettings")

_name(setting) := sprintf("%v", [object.get(setting, "name", "(unnamed)")])

_has_destination(setting) if {
	some key in _destinations
	v := object.get(setting, ["properties", key], null)
	is_string(v)
	v != ""
}

_enabled_categories(setting) := {c |
	some log in inventory.array_at(setting, ["properties", "logs"])
	object.get(log, "enabled", false) == true
	c := object.get(log, "category", null)
	is_string(c)
	not inventory.unknown_until_apply(c)
} | {c |
	some log in inventory.array_at(setting, ["properties", "logs"])
	object.get(log, "enabled", false) == true
	_lower(object.get(log, "categoryGroup", null)) == "alllogs"
	some c in _required
}

_missing(setting) := _required - _enabled_categories(setting)

_good(s) := sort([_name(setting) |
	some setting in _settings(s)
	_has_destination(setting)
	count(_missing(setting)) == 0
])

_compliant(s) if count(_good(s)) > 0

# No setting is known to export the activity log, but one with a destination may, once the
# values a Terraform plan knows only after apply are known.
_undecided(s) if {
	not _compliant(s)
	inventory.known_after_apply(s, _paths)
	some setting in _settings(s)
	_may_be_good(setting)
}

_may_be_good(setting) if {
	_has_destination(setting)
	some log in inventory.array_at(setting, ["properties", "logs"])
	_may_be_enabled(log)
	_may_be_all_logs(log)
}

# Each log of unknown category may be one missing category.
_may_be_good(setting) if {
	_has_destination(setting)
	count(_missing(setting) - _may_be_enabled_categories(setting)) <= count(_unknown_category_logs(setting))
}

_may_be_enabled(log) if object.get(log, "enabled", false) == true

_may_be_enabled(log) if inventory.unknown_until_apply(object.get(log, "enabled", null))

_may_be_all_logs(log) if inventory.unknown_until_apply(object.get(log, "categoryGroup", null))

_may_be_all_logs(log) if _lower(object.get(log, "categoryGroup", null)) == "alllogs"

# Known categories whose `enabled` is known only after apply.
_may_be_enabled_categories(setting) := {c |
	some log in inventory.array_at(setting, ["properties", "logs"])
	inventory.unknown_until_apply(object.get(log, "enabled", null))
	c := object.get(log, "category", null)
	is_string(c)
}

_unknown_category_logs(setting) := [log |
	some log in inventory.array_at(setting, ["properties", "logs"])
	_may_be_enabled(log)
	inventory.unknown_until_apply(object.get(log, "category", null))
]

_gap(setting) := "no destination" if {
	not _has_destination(setting)
} else := sprintf("missing %s", [concat(", ", sort([c | some c in _missing(setting)]))])

_fail_message(s) := "no diagnostic setting exports the activity log" if {
	count(_settings(s)) == 0
} else := sprintf("no diagnostic setting exports the required activity log categories: %s", [concat("; ", sort([
	sprintf("%s: %s", [_name(setting), _gap(setting)]) | some setting in _settings(s)
]))])

_evidence(s) := {"diagnosticSettings": [{
	"name": _name(setting),
	"destination": _has_destination_fact(setting),
	"enabled categories": sort([c | some c in _enabled_categories(setting)]),
} |
	some setting in _settings(s)
]}

_has_destination_fact(setting) := true if _has_destination(setting) else := false

# Lower-cased when a string; "" otherwise (ARM writes null for unset values).
_lower(x) := lower(x) if is_string(x) else := ""
