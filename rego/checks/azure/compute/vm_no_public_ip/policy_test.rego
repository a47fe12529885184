package attestkit.checks.azure.compute.vm_no_public_ip_test

import data.attestkit.checks.azure.compute.vm_no_public_ip as check

_sub := "11111111-2222-3333-4444-555555555555"

_vm_id(name) := sprintf("/subscriptions/%s/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/%s", [_sub, name])

_nic_id(name) := sprintf("/subscriptions/%s/resourceGroups/rg-app/providers/Microsoft.Network/networkInterfaces/%s", [_sub, name])

_vm(name, nics) := {
	"id": _vm_id(name),
	"type": "Microsoft.Compute/virtualMachines",
	"account": _sub,
	"region": "eastus",
	"name": name,
	"config": {"properties": {"networkProfile": {"networkInterfaces": [{"id": n} | some n in nics]}}},
	"errors": [],
}

_nic(name, public_ip) := {
	"id": _nic_id(name),
	"type": "Microsoft.Network/networkInterfaces",
	"account": _sub,
	"region": "eastus",
	"name": name,
	"config": {"properties": {"ipConfigurations": [{"name": "ipconfig1", "properties": _ip_props(public_ip)}]}},
	"errors": [],
}

_private_ip := {"privateIPAddress": "10.0.1.4", "subnet": {"id": "/x/subnets/app"}}

_ip_props(null) := _private_ip

_ip_props(public_ip) := object.union(_private_ip, {"publicIPAddress": {"id": public_ip}}) if public_ip != null

_input(vms, nics, errors) := {
	"resources": {"Microsoft.Compute/virtualMachines": vms, "Microsoft.Network/networkInterfaces": nics},
	"collection_errors": errors,
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_pip := "/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg-app/providers/Microsoft.Network/publicIPAddresses/pip-jump"

test_pass_private_nic_only if {
	rs := check.results with input as _input([_vm("api", [_nic_id("nic-api")])], [_nic("nic-api", null)], [])
	_status(rs, _vm_id("api")) == {"pass"}
}

test_pass_nic_reference_in_other_case if {
	rs := check.results with input as _input([_vm("api", [upper(_nic_id("nic-api"))])], [_nic("nic-api", null)], [])
	_status(rs, _vm_id("api")) == {"pass"}
}

test_fail_public_ip_on_nic if {
	rs := check.results with input as _input([_vm("jump", [_nic_id("nic-jump")])], [_nic("nic-jump", _pip)], [])
	_status(rs, _vm_id("jump")) == {"fail"}
}

test_fail_public_ip_on_second_nic if {
	vm := _vm("jump", [_nic_id("nic-a"), _nic_id("nic-b")])
	rs := check.results with input as _input([vm], [_nic("nic-a", null), _nic("nic-b", _pip)], [])
	_status(rs, _vm_id("jump")) == {"fail"}
}

test_fail_public_ip_configuration_on_vm if {
	vm := object.union(_vm("flex", []), {"config": {"properties": {"networkProfile": {"networkInterfaceConfigurations": [{
		"name": "nic-config",
		"properties": {"ipConfigurations": [{"name": "ip", "properties": {"publicIPAddressConfiguration": {"name": "pip", "properties": {}}}}]},
	}]}}}})
	rs := check.results with input as _input([vm], [], [])
	_status(rs, _vm_id("flex")) == {"fail"}
}

test_fail_public_ip_even_when_another_nic_is_missing if {
	vm := _vm("jump", [_nic_id("nic-jump"), _nic_id("nic-gone")])
	rs := check.results with input as _input([vm], [_nic("nic-jump", _pip)], [])
	_status(rs, _vm_id("jump")) == {"fail"}
}

test_error_nic_not_in_evidence if {
	rs := check.results with input as _input([_vm("api", [_nic_id("nic-gone")])], [], [])
	_status(rs, _vm_id("api")) == {"error"}
}

test_error_nic_of_other_subscription_is_not_used if {
	other := object.union(_nic("nic-api", null), {"account": "99999999-2222-3333-4444-555555555555"})
	rs := check.results with input as _input([_vm("api", [_nic_id("nic-api")])], [other], [])
	_status(rs, _vm_id("api")) == {"error"}
}

test_each_vm_gets_exactly_one_status if {
	vms := [_vm("api", [_nic_id("nic-api")]), _vm("jump", [_nic_id("nic-jump")]), _vm("lost", [_nic_id("nic-lost")])]
	rs := check.results with input as _input(vms, [_nic("nic-api", null), _nic("nic-jump", _pip)], [])
	expected := {"api": "pass", "jump": "fail", "lost": "error"}
	every name, status in expected {
		_status(rs, _vm_id(name)) == {status}
	}
}

# As `attest collect terraform` writes a VM whose interface id Terraform knows only after apply
# and that names no interface of the plan: the sentinel as the id, the path listed.
_nics_path := "properties.networkProfile.networkInterfaces"

_planned_vm(name, nics) := object.union(_vm(name, nics), {
	"config": {"_terraform": {"address": sprintf("azurerm_linux_virtual_machine.%s", [name]), "unknown": [_nics_path]}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "azurerm_linux_virtual_machine.api.network_interface_ids is known only after apply"}],
})

test_error_nic_id_known_after_apply if {
	vm := _planned_vm("api", [_nic_id("nic-api"), "(known after apply)"])
	rs := check.results with input as _input([vm], [_nic("nic-api", null)], [])
	_status(rs, _vm_id("api")) == {"error"}
	some r in rs
	r.message == sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [_nics_path])
	r.evidence.known_after_apply == [_nics_path]
	r.evidence["missing network interfaces"] == []
}

test_fail_public_ip_on_known_nic_despite_nic_id_known_after_apply if {
	vm := _planned_vm("jump", [_nic_id("nic-jump"), "(known after apply)"])
	rs := check.results with input as _input([vm], [_nic("nic-jump", _pip)], [])
	_status(rs, _vm_id("jump")) == {"fail"}
}
