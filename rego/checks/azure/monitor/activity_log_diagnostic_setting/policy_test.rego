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
