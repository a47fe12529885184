package attestkit.checks.azure.appservice.https_only_test

import data.attestkit.checks.azure.appservice.https_only as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Web/sites/%s", [name])

_site(name, properties) := {
	"id": _id(name),
	"type": "Microsoft.Web/sites",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"kind": "app,linux", "properties": properties},
	"errors": [],
}

_input(sites) := {"resources": {"Microsoft.Web/sites": sites}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_https_only if {
	rs := check.results with input as _input([_site("a", {"httpsOnly": true})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_http_allowed if {
	rs := check.results with input as _input([_site("b", {"httpsOnly": false})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_setting_absent if {
	rs := check.results with input as _input([_site("c", {"state": "Running"})])
	_status(rs, _id("c")) == {"fail"}
}

test_each_site_gets_exactly_one_status if {
	rs := check.results with input as _input([_site("a", {"httpsOnly": true}), _site("b", null)])
	expected := {"a": "pass", "b": "fail"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

# As `attest collect terraform` writes a resource whose values at `paths` (live-vocabulary
# paths) Terraform knows only after apply: the sentinel in config, the paths listed.
_planned(resource, paths) := object.union(resource, {
	"config": object.union(resource.config, {"_terraform": {"address": "azurerm_x.this", "unknown": paths}}),
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "azurerm_x.this is known only after apply"}],
})

test_error_https_only_known_after_apply if {
	rs := check.results with input as _input([_planned(_site("d", {"httpsOnly": "(known after apply)"}), ["properties.httpsOnly"])])
	_status(rs, _id("d")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.httpsOnly"]
	startswith(r.message, "cannot judge before apply: properties.httpsOnly known only after apply")
}
