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
