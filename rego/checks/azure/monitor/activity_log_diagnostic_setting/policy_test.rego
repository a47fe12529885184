package attestkit.checks.azure.monitor.activity_log_diagnostic_setting_test

import data.attestkit.checks.azure.monitor.activity_log_diagnostic_setting as check

_id(sub) := sprintf("/subscriptions/%s", [sub])

_subscription(sub, settings, errors) := {
	"id": _id(sub),
	"type": "Microsoft.Resources/subscriptions",
	"account": sub,
	"region": "global",
	"name": sub,
	"config": {"state": "Enabled", "diagnosticSettings": settings},
	"errors": errors,
}

_unread(sub, errors) := object.union(object.remove(_subscription(sub, [], errors), ["config"]), {"config": {"state": "Enabled"}})

_setting(name, destination, logs) := {"name": name, "properties": object.union(
	{"storageAccountId": null, "workspaceId": null, "eventHubAuthorizationRuleId": null, "logs": logs},
	destination,
)}

_law := {"workspaceId": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law"}

_logs(enabled) := [{"category": c, "categoryGroup": null, "enabled": c in enabled} | some c in ["Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth"]]

_all := {"Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth"}

_input(subs) := {"resources": {"Microsoft.Resources/subscriptions": subs}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "insights:SubscriptionDiagnosticSettings_List", "code": "AuthorizationFailed", "message": "denied"}]

test_pass_all_categories_to_workspace if {
	rs := check.results with input as _input([_subscription("a", [_setting("to-law", _law, _logs(_all))], [])])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_all_logs_category_group if {
	setting := _setting("to-storage", {"storageAccountId": "/x/storageAccounts/st"}, [{"categoryGroup": "allLogs", "enabled": true}])
	rs := check.results with input as _input([_subscription("a", [setting], [])])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_required_categories_only if {
	rs := check.results with input as _input([_subscription("a", [_setting("s", _law, _logs({"Administrative", "Security", "Policy", "Alert"}))], [])])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_no_setting if {
	rs := check.results with input as _input([_subscription("b", [], [])])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_security_category_off if {
	rs := check.results with input as _input([_subscription("b", [_setting("partial", _law, _logs({"Administrative", "Policy", "Alert"}))], [])])
	_status(rs, _id("b")) == {"fail"}
	some r in rs
	r.message == "no diagnostic setting exports the required activity log categories: partial: missing Security"
}

test_fail_setting_without_destination if {
	rs := check.results with input as _input([_subscription("b", [_setting("nowhere", {}, _logs(_all))], [])])
	_status(rs, _id("b")) == {"fail"}
}

test_error_settings_unreadable if {
	rs := check.results with input as _input([_unread("c", _denied)])
	_status(rs, _id("c")) == {"error"}
}

test_each_subscription_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_subscription("a", [_setting("s", _law, _logs(_all))], []),
		_subscription("b", [], []),
		_unread("c", _denied),
	])
	expected := {"a": "pass", "b": "fail", "c": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

# As `attest collect terraform` writes a setting whose log category, category group or
# `enabled` Terraform knows only after apply: the sentinel in config, the path listed.
_u := "(known after apply)"

_category_path := "diagnosticSettings[].properties.logs[].category"

_planned(sub, settings, unknown) := object.union(_subscription(sub, settings, []), {
	"config": {"_terraform": {"address": "azurerm_subscription.this", "unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "azurerm_monitor_diagnostic_setting.activity.enabled_log[3].category is known only after apply"}],
})

_three := [{"category": c, "enabled": true} | some c in ["Administrative", "Policy", "Alert"]]

test_error_missing_category_may_be_the_unknown_one if {
	setting := _setting("activity", _law, array.concat(_three, [{"category": _u, "enabled": true}]))
	rs := check.results with input as _input([_planned("p", [setting], [_category_path])])
	_status(rs, _id("p")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == [_category_path]
	r.evidence.diagnosticSettings[0]["enabled categories"] == ["Administrative", "Alert", "Policy"]
	r.message == sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [_category_path])
}

test_error_category_group_known_after_apply if {
	setting := _setting("activity", _law, [{"categoryGroup": _u, "enabled": true}])
	rs := check.results with input as _input([_planned("p", [setting], ["diagnosticSettings[].properties.logs[].categoryGroup"])])
	_status(rs, _id("p")) == {"error"}
}

test_error_enabled_known_after_apply if {
	logs := array.concat(_three, [{"category": "Security", "enabled": _u}])
	rs := check.results with input as _input([_planned("p", [_setting("activity", _law, logs)], ["diagnosticSettings[].properties.logs[].enabled"])])
	_status(rs, _id("p")) == {"error"}
}

test_fail_more_categories_missing_than_unknown_ones if {
	logs := [{"category": "Administrative", "enabled": true}, {"category": _u, "enabled": true}]
	rs := check.results with input as _input([_planned("p", [_setting("activity", _law, logs)], [_category_path])])
	_status(rs, _id("p")) == {"fail"}
}

test_fail_unknown_category_of_a_setting_without_destination if {
	setting := _setting("nowhere", {}, array.concat(_three, [{"category": _u, "enabled": true}]))
	rs := check.results with input as _input([_planned("p", [setting], [_category_path])])
	_status(rs, _id("p")) == {"fail"}
}

test_fail_unknown_category_of_a_disabled_log if {
	setting := _setting("activity", _law, array.concat(_three, [{"category": _u, "enabled": false}]))
	rs := check.results with input as _input([_planned("p", [setting], [_category_path])])
	_status(rs, _id("p")) == {"fail"}
}

test_pass_another_setting_exports_whatever_the_unknown_category if {
	partial := _setting("partial", _law, array.concat(_three, [{"category": _u, "enabled": true}]))
	rs := check.results with input as _input([_planned("p", [partial, _setting("full", _law, _logs(_all))], [_category_path])])
	_status(rs, _id("p")) == {"pass"}
	some r in rs
	r.evidence.known_after_apply == [_category_path]
}
