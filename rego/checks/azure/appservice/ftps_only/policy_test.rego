package attestkit.checks.azure.appservice.ftps_only_test

import data.attestkit.checks.azure.appservice.ftps_only as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Web/sites/%s", [name])

_site(name, site_config, errors) := {
	"id": _id(name),
	"type": "Microsoft.Web/sites",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": object.union({"kind": "functionapp", "properties": {"httpsOnly": true}}, site_config),
	"errors": errors,
}

_input(sites) := {"resources": {"Microsoft.Web/sites": sites}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "web:WebApps_GetConfiguration", "code": "AuthorizationFailed", "message": "denied"}]

test_pass_ftp_disabled if {
	rs := check.results with input as _input([_site("a", {"siteConfig": {"ftpsState": "Disabled"}}, [])])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_ftps_only if {
	rs := check.results with input as _input([_site("a", {"siteConfig": {"ftpsState": "FtpsOnly"}}, [])])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_all_allowed if {
	rs := check.results with input as _input([_site("b", {"siteConfig": {"ftpsState": "AllAllowed"}}, [])])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_state_absent if {
	rs := check.results with input as _input([_site("b", {"siteConfig": {"minTlsVersion": "1.2"}}, [])])
	_status(rs, _id("b")) == {"fail"}
}

test_error_config_unreadable if {
	rs := check.results with input as _input([_site("c", {}, _denied)])
	_status(rs, _id("c")) == {"error"}
}

test_each_site_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_site("a", {"siteConfig": {"ftpsState": "FtpsOnly"}}, []),
		_site("b", {"siteConfig": {"ftpsState": "AllAllowed"}}, []),
		_site("c", {}, _denied),
	])
	expected := {"a": "pass", "b": "fail", "c": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}
