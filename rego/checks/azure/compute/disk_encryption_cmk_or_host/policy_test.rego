package attestkit.checks.azure.compute.disk_encryption_cmk_or_host_test

import data.attestkit.checks.azure.compute.disk_encryption_cmk_or_host as check

_sub := "11111111-2222-3333-4444-555555555555"

_disk_id(name) := sprintf("/subscriptions/%s/resourceGroups/RG-APP/providers/Microsoft.Compute/disks/%s", [_sub, name])

_vm_id(name) := sprintf("/subscriptions/%s/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/%s", [_sub, name])

_disk(name, encryption, managed_by) := {
	"id": _disk_id(name),
	"type": "Microsoft.Compute/disks",
	"account": _sub,
	"region": "eastus",
	"name": name,
	"config": {"managedBy": managed_by, "sku": {"name": "Premium_LRS"}, "properties": {"encryption": encryption, "diskState": "Attached"}},
	"errors": [],
}

_vm(name, host) := {
	"id": _vm_id(name),
	"type": "Microsoft.Compute/virtualMachines",
	"account": _sub,
	"region": "eastus",
	"name": name,
	"config": {"properties": {"securityProfile": {"encryptionAtHost": host}}},
	"errors": [],
}

_platform := {"type": "EncryptionAtRestWithPlatformKey"}

_cmk := {"type": "EncryptionAtRestWithCustomerKey", "diskEncryptionSetId": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des"}

_input(disks, vms, errors) := {
	"resources": {"Microsoft.Compute/disks": disks, "Microsoft.Compute/virtualMachines": vms},
	"collection_errors": errors,
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_vm_scope_error := {
	"service": "compute", "region": "global", "account": _sub, "api": "resourcegraph:Resources",
	"code": "AuthorizationFailed", "message": "denied", "resource_types": ["Microsoft.Compute/virtualMachines"],
}

test_pass_customer_managed_key if {
	rs := check.results with input as _input([_disk("d", _cmk, "")], [], [])
	_status(rs, _disk_id("d")) == {"pass"}
}

test_pass_disk_encryption_set_only if {
	rs := check.results with input as _input([_disk("d", {"diskEncryptionSetId": "/x/des"}, null)], [], [])
	_status(rs, _disk_id("d")) == {"pass"}
}

test_pass_encryption_at_host_on_attached_vm if {
	# managedBy spells the resource group in another case than the VM's own id
	rs := check.results with input as _input([_disk("d", _platform, upper(_vm_id("vm")))], [_vm("vm", true)], [])
	_status(rs, _disk_id("d")) == {"pass"}
}

test_pass_azure_disk_encryption if {
	disk := object.union(_disk("d", _platform, ""), {"config": {"properties": {"encryptionSettingsCollection": {"enabled": true}}}})
	rs := check.results with input as _input([disk], [], [])
	_status(rs, _disk_id("d")) == {"pass"}
}

test_fail_platform_key_unattached if {
	rs := check.results with input as _input([_disk("d", _platform, null)], [], [])
	_status(rs, _disk_id("d")) == {"fail"}
}

test_fail_platform_key_vm_without_host_encryption if {
	rs := check.results with input as _input([_disk("d", _platform, _vm_id("vm"))], [_vm("vm", false)], [])
	_status(rs, _disk_id("d")) == {"fail"}
}

test_fail_attached_vm_not_in_evidence_without_scope_error if {
	rs := check.results with input as _input([_disk("d", _platform, _vm_id("gone"))], [], [])
	_status(rs, _disk_id("d")) == {"fail"}
}

test_error_vm_unreadable if {
	rs := check.results with input as _input([_disk("d", _platform, _vm_id("vm"))], [], [_vm_scope_error])
	_status(rs, _disk_id("d")) == {"error"}
}

test_pass_cmk_even_when_vms_unreadable if {
	rs := check.results with input as _input([_disk("d", _cmk, _vm_id("vm"))], [], [_vm_scope_error])
	_status(rs, _disk_id("d")) == {"pass"}
}

test_each_disk_gets_exactly_one_status if {
	disks := [_disk("a", _cmk, ""), _disk("b", _platform, _vm_id("host")), _disk("c", _platform, _vm_id("plain")), _disk("e", _platform, null)]
	rs := check.results with input as _input(disks, [_vm("host", true), _vm("plain", false)], [])
	expected := {"a": "pass", "b": "pass", "c": "fail", "e": "fail"}
	every name, status in expected {
		_status(rs, _disk_id(name)) == {status}
	}
}

# As `attest collect terraform` writes a virtual machine and its OS disk: ids are plan
# addresses, and the VM's encryptionAtHost is known only after apply (sentinel, path listed).
_planned_vm := {
	"id": "azurerm_linux_virtual_machine.app",
	"type": "Microsoft.Compute/virtualMachines",
	"account": _sub,
	"region": "eastus",
	"name": "app",
	"config": {
		"properties": {"securityProfile": {"encryptionAtHost": "(known after apply)"}},
		"_terraform": {"address": "azurerm_linux_virtual_machine.app", "unknown": ["properties.securityProfile.encryptionAtHost"]},
	},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "azurerm_linux_virtual_machine.app.encryption_at_host_enabled is known only after apply"}],
}

_planned_os_disk(encryption) := {
	"id": "azurerm_linux_virtual_machine.app.os_disk",
	"type": "Microsoft.Compute/disks",
	"account": _sub,
	"region": "eastus",
	"name": "app.os_disk",
	"config": {"managedBy": "azurerm_linux_virtual_machine.app", "sku": {"name": "Premium_LRS"}, "properties": {"encryption": encryption}, "_terraform": {"address": "azurerm_linux_virtual_machine.app"}},
	"errors": [],
}

test_error_platform_key_vm_host_encryption_known_after_apply if {
	rs := check.results with input as _input([_planned_os_disk(_platform)], [_planned_vm], [])
	_status(rs, "azurerm_linux_virtual_machine.app.os_disk") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["azurerm_linux_virtual_machine.app: properties.securityProfile.encryptionAtHost"]
	startswith(r.message, "cannot judge before apply: properties.securityProfile.encryptionAtHost of the disk's virtual machine azurerm_linux_virtual_machine.app")
}

test_pass_customer_managed_key_vm_host_encryption_known_after_apply if {
	rs := check.results with input as _input([_planned_os_disk(_cmk)], [_planned_vm], [])
	_status(rs, "azurerm_linux_virtual_machine.app.os_disk") == {"pass"}
}
