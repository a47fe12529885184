# METADATA
# title: Virtual machines have no public IP address
# description: |
#   No network interface of the virtual machine (`networkProfile.networkInterfaces`, matched to
#   the collected network interfaces without regard to case) has a public IP address on any of
#   its IP configurations, and no interface configuration of the VM asks for one
#   (`networkInterfaceConfigurations[].properties.ipConfigurations[].properties.publicIPAddressConfiguration`),
#   so the VM is reachable from the internet only through a load balancer, gateway or Bastion.
#   When an interface the VM names is not in the evidence, the VM is `error`, and so it is when
#   a Terraform plan leaves an interface id to be known only after apply (an interface the plan
#   does not hold) and no interface known to the plan has a public IP address.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/virtual-network/ip-services/public-ip-addresses
#   - ref: https://learn.microsoft.com/azure/virtual-network/ip-services/remove-public-ip-address-vm
# custom:
#   id: azure.compute.vm_no_public_ip
#   severity: high
#   resource_types: [Microsoft.Compute/virtualMachines, Microsoft.Network/networkInterfaces]
#   remediation: |
#     az network nic ip-config update --nic-name NIC --resource-group RG --name IPCONFIG
#     --remove publicIpAddress, then reach the VM through Azure Bastion or a VPN
package attestkit.checks.azure.compute.vm_no_public_ip

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Compute/virtualMachines"

_nic_type := "Microsoft.Network/networkInterfaces"

# One verdict per VM, computed once; the rules below only read it.
_verdicts := {vm.id: _verdict(vm) | some vm in inventory.resources(_type)}

results contains result.error(vm, v.message, v.evidence) if {
	some vm in inventory.resources(_type)
	v := _verdicts[vm.id]
	v.status == "error"
}

results contains result.pass(vm, v.message, v.evidence) if {
	some vm in inventory.resources(_type)
	v := _verdicts[vm.id]
	v.status == "pass"
}

results contains result.fail(vm, v.message, v.evidence) if {
	some vm in inventory.resources(_type)
	v := _verdicts[vm.id]
	v.status == "fail"
}

# Paths a Terraform plan can leave known only after apply.
_paths := ["properties.networkProfile.networkInterfaces"]

_verdict(vm) := v if {
	refs := _nic_refs(vm)
	public := _public(vm)
	missing := _missing(vm)
	evidence := {"networkProfile.networkInterfaces": sort([ref | some ref in refs]), "public IP addresses": public}
	v := _decide(vm, public, missing, evidence)
}

_decide(vm, public, missing, evidence) := {"status": "fail", "message": sprintf("public IP address(es) attached: %s", [concat(", ", public)]), "evidence": evidence} if {
	count(public) > 0
} else := {"status": "error", "message": inventory.after_apply_message(vm, _paths), "evidence": object.union(
	inventory.with_unknown(vm, _paths, evidence),
	{"missing network interfaces": missing},
)} if {
	inventory.known_after_apply(vm, _paths)
} else := {"status": "error", "message": sprintf("network interface(s) not in the evidence: %s", [concat(", ", missing)]), "evidence": object.union(evidence, {
	"missing network interfaces": missing,
	"errors": inventory.scope_errors(object.get(vm, "account", null), _nic_type),
})} if {
	count(missing) > 0
} else := {"status": "pass", "message": "no public IP address on the VM's network interfaces", "evidence": evidence}

_nic_refs(vm) := {lower(ref.id) |
	some ref in inventory.array_at(vm.config, ["properties", "networkProfile", "networkInterfaces"])
	is_string(ref.id)
}

# Every network interface by its lower-cased id, built once.
_nic_by_id := {lower(nic.id): nic | some nic in inventory.resources(_nic_type)}

# The VM's interfaces that were collected, in the VM's own subscription.
_nics(vm) := [nic |
	some ref in _nic_refs(vm)
	nic := _nic_by_id[ref]
	object.get(nic, "account", null) == object.get(vm, "account", null)
]

# An id known only after apply is no interface missing from the evidence (the error above).
_missing(vm) := sort([ref |
	some ref in _nic_refs(vm)
	not inventory.unknown_until_apply(ref)
	not _collected(vm, ref)
])

_collected(vm, ref) if object.get(_nic_by_id, [ref, "account"], null) == object.get(vm, "account", null)

# One entry per public IP: on a collected NIC's IP configuration, or asked for by the VM's
# own interface configurations (VMs in flexible scale sets).
_public(vm) := sort(array.concat(
	[sprintf("%v: %v", [object.get(nic, "name", nic.id), ip_id]) |
		some nic in _nics(vm)
		some config in inventory.array_at(nic.config, ["properties", "ipConfigurations"])
		ip_id := object.get(config, ["properties", "publicIPAddress", "id"], null)
		is_string(ip_id)
	],
	[sprintf("%v: public IP configuration %v", [object.get(nic_config, "name", "(unnamed)"), object.get(public, "name", "(unnamed)")]) |
		some nic_config in inventory.array_at(vm.config, ["properties", "networkProfile", "networkInterfaceConfigurations"])
		some config in inventory.array_at(nic_config, ["properties", "ipConfigurations"])
		public := object.get(config, ["properties", "publicIPAddressConfiguration"], null)
		is_object(public)
	],
))
