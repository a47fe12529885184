package attestkit.checks.azure.aks.private_api_server_test

import data.attestkit.checks.azure.aks.private_api_server as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/%s", [name])

_cluster(name, properties) := {
	"id": _id(name),
	"type": "Microsoft.ContainerService/managedClusters",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"properties": properties},
	"errors": [],
}

_input(clusters) := {"resources": {"Microsoft.ContainerService/managedClusters": clusters}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_private_cluster if {
	rs := check.results with input as _input([_cluster("a", {"apiServerAccessProfile": {"enablePrivateCluster": true, "privateDNSZone": "system"}})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_public_api_server if {
	rs := check.results with input as _input([_cluster("b", {"apiServerAccessProfile": {"enablePrivateCluster": false}})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_public_with_authorized_ranges if {
	rs := check.results with input as _input([_cluster("b", {"apiServerAccessProfile": {"authorizedIPRanges": ["203.0.113.0/24"]}})])
	_status(rs, _id("b")) == {"fail"}
	some r in rs
	r.message == "public API server (narrowed by authorized IP ranges)"
}

test_fail_no_access_profile if {
	rs := check.results with input as _input([_cluster("c", {"enableRBAC": true})])
	_status(rs, _id("c")) == {"fail"}
}

test_each_cluster_gets_exactly_one_status if {
	rs := check.results with input as _input([_cluster("a", {"apiServerAccessProfile": {"enablePrivateCluster": true}}), _cluster("b", null)])
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

test_error_private_cluster_known_after_apply if {
	rs := check.results with input as _input([_planned(_cluster("d", {"enableRBAC": true, "apiServerAccessProfile": {"enablePrivateCluster": "(known after apply)"}}), ["properties.apiServerAccessProfile.enablePrivateCluster"])])
	_status(rs, _id("d")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.apiServerAccessProfile.enablePrivateCluster"]
	startswith(r.message, "cannot judge before apply: properties.apiServerAccessProfile.enablePrivateCluster known only after apply")
}

test_pass_another_setting_known_after_apply if {
	rs := check.results with input as _input([_planned(_cluster("e", {"enableRBAC": "(known after apply)", "apiServerAccessProfile": {"enablePrivateCluster": true}}), ["properties.enableRBAC"])])
	_status(rs, _id("e")) == {"pass"}
}
