# METADATA
# title: Managed disks are encrypted with a customer-managed key or at the host
# description: |
#   Beyond the platform-managed encryption every managed disk has, the disk is encrypted with
#   a key the organization controls (a disk encryption set: `encryption.type`
#   EncryptionAtRestWithCustomerKey or ...PlatformAndCustomerKeys, or
#   `encryption.diskEncryptionSetId`), or with Azure Disk Encryption inside the guest
#   (`encryptionSettingsCollection.enabled`), or the virtual machine it is attached to
#   (`managedBy`) has encryption at host on (`securityProfile.encryptionAtHost`), which also
#   covers temporary disks and caches. A disk with platform-managed keys only fails. When the
#   disk itself does not qualify and its virtual machine could not be read, or a Terraform plan
#   leaves the machine's `encryptionAtHost` to be known only after apply, it is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/virtual-machines/disk-encryption
#   - ref: https://learn.microsoft.com/azure/virtual-machines/disks-enable-host-based-encryption-cli
# custom:
#   id: azure.compute.disk_encryption_cmk_or_host
#   severity: medium
#   resource_types: [Microsoft.Compute/disks, Microsoft.Compute/virtualMachines]
#   remediation: |
#     Deallocate the VM, then az vm update --name VM --resource-group RG --set
#     securityProfile.encryptionAtHost=true; or az disk update --name DISK --resource-group RG
#     --encryption-type EncryptionAtRestWithCustomerKey --disk-encryption-set DES_ID
package attestkit.checks.azure.compute.disk_encryption_cmk_or_host

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Compute/disks"

_vm_type := "Microsoft.Compute/virtualMachines"

_customer_key_types := {"EncryptionAtRestWithCustomerKey", "EncryptionAtRestWithPlatformAndCustomerKeys"}

# The virtual machine's value the verdict needs when the disk itself does not qualify.
_vm_paths := ["properties.securityProfile.encryptionAtHost"]

# One verdict per disk, computed once ({status, message, evidence}); the three rules below
# only read it, so every disk lands in exactly one of them.
_verdicts := {d.id: _verdict(d) | some d in inventory.resources(_type)}

results contains result.error(d, v.message, v.evidence) if {
	some d in inventory.resources(_type)
	v := _verdicts[d.id]
	v.status == "error"
}

results contains result.pass(d, v.message, v.evidence) if {
	some d in inventory.resources(_type)
	v := _verdicts[d.id]
	v.status == "pass"
}

results contains result.fail(d, v.message, v.evidence) if {
	some d in inventory.resources(_type)
	v := _verdicts[d.id]
	v.status == "fail"
}

# Every VM by its lower-cased id, built once: ids are compared without case, because ARM
# spells resource group names differently in a VM's disk ids and the disk's own id.
_vm_by_id := {lower(vm.id): vm | some vm in inventory.resources(_vm_type)}

_verdict(d) := v if {
	managed_by := object.get(d.config, "managedBy", null)
	vm := _vm(managed_by)
	host := _host_encryption(vm)
	facts := {
		"customer-managed key": _is_in(object.get(d.config, ["properties", "encryption", "type"], null), _customer_key_types),
		"disk encryption set": _nonempty(object.get(d.config, ["properties", "encryption", "diskEncryptionSetId"], null)),
		"Azure Disk Encryption": object.get(d.config, ["properties", "encryptionSettingsCollection", "enabled"], null) == true,
		"encryption at host on its virtual machine": host == true,
	}
	protections := sort([p | some p, on in facts; on == true])
	evidence := {
		"properties.encryption.type": object.get(d.config, ["properties", "encryption", "type"], null),
		"properties.encryption.diskEncryptionSetId": object.get(d.config, ["properties", "encryption", "diskEncryptionSetId"], null),
		"properties.encryptionSettingsCollection.enabled": object.get(d.config, ["properties", "encryptionSettingsCollection", "enabled"], null),
		"managedBy": managed_by,
		"managedBy VM securityProfile.encryptionAtHost": host,
	}
	v := _decide(d, protections, managed_by, vm, evidence)
}

_decide(d, protections, managed_by, vm, evidence) := {"status": "pass", "message": concat("; ", protections), "evidence": evidence} if {
	count(protections) > 0
} else := {"status": "error", "message": sprintf("cannot judge before apply: %s of the disk's virtual machine %s known only after apply; judge the applied resource", [concat(", ", unknown), managed_by]), "evidence": object.union(evidence, {"known_after_apply": [sprintf("%s: %s", [managed_by, p]) | some p in unknown]})} if {
	unknown := inventory.unknown_paths(vm, _vm_paths)
	count(unknown) > 0
} else := {"status": "error", "message": sprintf("the disk's virtual machine %s could not be read", [managed_by]), "evidence": object.union(evidence, {"errors": errors})} if {
	_nonempty(managed_by) == true
	vm == null
	errors := inventory.scope_errors(object.get(d, "account", null), _vm_type)
	count(errors) > 0
} else := {"status": "fail", "message": "platform-managed keys only: no customer-managed key, disk encryption or encryption at host", "evidence": evidence}

# The virtual machine the disk is attached to (its `managedBy`), or null when not collected.
_vm(managed_by) := vm if {
	is_string(managed_by)
	vm := _vm_by_id[lower(managed_by)]
} else := null

_host_encryption(vm) := object.get(vm, ["config", "properties", "securityProfile", "encryptionAtHost"], null) if {
	is_object(vm)
} else := null

_is_in(x, set) := true if x in set else := false

_nonempty(s) := true if {
	is_string(s)
	s != ""
} else := false
