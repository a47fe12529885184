package attestkit.checks.azure.aks.rbac_enabled_test

import data.attestkit.checks.azure.aks.rbac_enabled as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/%s", [name])

_cluster(name, properties) := {
	"id": _id(name),
	"type": "Microsoft.ContainerService/managedClusters",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"sku": {"name": "Base", "tier": "Standard"}, "properties": properties},
	"errors": [],
}

_input(clusters) := {"resources": {"Microsoft.ContainerService/managedClusters": clusters}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_rbac_enabled if {
	rs := check.results with input as _input([_cluster("a", {"enableRBAC": true, "aadProfile": {"managed": true, "enableAzureRBAC": true}})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_rbac_disabled if {
	rs := check.results with input as _input([_cluster("b", {"enableRBAC": false})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_setting_absent if {
	rs := check.results with input as _input([_cluster("c", {"kubernetesVersion": "1.30.5"})])
	_status(rs, _id("c")) == {"fail"}
}

test_each_cluster_gets_exactly_one_status if {
	rs := check.results with input as _input([_cluster("a", {"enableRBAC": true}), _cluster("b", null)])
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

test_error_rbac_known_after_apply if {
	rs := check.results with input as _input([_planned(_cluster("d", {"enableRBAC": "(known after apply)"}), ["properties.enableRBAC"])])
	_status(rs, _id("d")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.enableRBAC"]
	startswith(r.message, "cannot judge before apply: properties.enableRBAC known only after apply")
}

test_fail_another_setting_known_after_apply if {
	rs := check.results with input as _input([_planned(_cluster("e", {"enableRBAC": false, "apiServerAccessProfile": {"enablePrivateCluster": "(known after apply)"}}), ["properties.apiServerAccessProfile.enablePrivateCluster"])])
	_status(rs, _id("e")) == {"fail"}
}
