package attestkit.checks.azure.appservice.minimum_tls_1_2_test

import data.attestkit.checks.azure.appservice.minimum_tls_1_2 as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Web/sites/%s", [name])

_site(name, site_config, errors) := {
	"id": _id(name),
	"type": "Microsoft.Web/sites",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": object.union({"kind": "app", "properties": {"httpsOnly": true, "siteConfig": {"minTlsVersion": null}}}, site_config),
	"errors": errors,
}

_input(sites) := {"resources": {"Microsoft.Web/sites": sites}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_denied := [{"api": "web:WebApps_GetConfiguration", "code": "AuthorizationFailed", "message": "denied"}]

test_pass_tls_1_2 if {
	rs := check.results with input as _input([_site("a", {"siteConfig": {"minTlsVersion": "1.2", "ftpsState": "Disabled"}}, [])])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_tls_1_3 if {
	rs := check.results with input as _input([_site("a", {"siteConfig": {"minTlsVersion": "1.3"}}, [])])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_tls_1_0 if {
	rs := check.results with input as _input([_site("b", {"siteConfig": {"minTlsVersion": "1.0"}}, [])])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_tls_1_1 if {
	rs := check.results with input as _input([_site("b", {"siteConfig": {"minTlsVersion": "1.1"}}, [])])
	_status(rs, _id("b")) == {"fail"}
}

# Resource Graph's copy of siteConfig is mostly null; only config/web counts.
test_fail_only_resource_graph_site_config if {
	rs := check.results with input as _input([_site("c", {}, [])])
	_status(rs, _id("c")) == {"fail"}
}

test_error_config_unreadable if {
	rs := check.results with input as _input([_site("d", {}, _denied)])
	_status(rs, _id("d")) == {"error"}
}

test_each_site_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_site("a", {"siteConfig": {"minTlsVersion": "1.2"}}, []),
		_site("b", {"siteConfig": {"minTlsVersion": "1.0"}}, []),
		_site("d", {}, _denied),
	])
	expected := {"a": "pass", "b": "fail", "d": "error"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}
