# METADATA
# title: VM instances have no external IP address
# description: |
#   No network interface of the instance has an access config (an external IPv4 address,
#   ephemeral or static) or an IPv6 access config (an external IPv6 address). Instances reach
#   the internet through Cloud NAT and are reached through load balancers or Identity-Aware
#   Proxy instead.
# related_resources:
#   - ref: https://cloud.google.com/compute/docs/ip-addresses/reserve-static-external-ip-address
#   - ref: https://cloud.google.com/compute/docs/instances/connecting-advanced#cloud_iap
# custom:
#   id: gcp.compute.instance_no_external_ip
#   severity: medium
#   resource_types: [compute.googleapis.com/Instance]
#   remediation: |
#     gcloud compute instances delete-access-config INSTANCE --zone=ZONE
#     --access-config-name="External NAT" (use Cloud NAT for egress and IAP for SSH).
package attestkit.checks.gcp.compute.instance_no_external_ip

import data.attestkit.lib.inventory
import data.attestkit.lib.result

results contains result.pass(i, "no external IP address", _evidence(i)) if {
	some i in inventory.resources("compute.googleapis.com/Instance")
	_compliant(i)
}

results contains result.fail(i, sprintf("external address on %s", [concat(", ", sort([e.interface | some e in _externals[i.id]]))]), _evidence(i)) if {
	some i in inventory.resources("compute.googleapis.com/Instance")
	not _compliant(i)
}

_compliant(i) if count(_externals[i.id]) == 0

# Worked out once per resource (the branches, message and evidence all read it).
_externals[i.id] := _external(i) if some i in inventory.resources("compute.googleapis.com/Instance")

_external(i) := [{"interface": object.get(nic, "name", "nic"), "kind": kind, "address": _address(c)} |
	some nic in inventory.array_at(i.config, "networkInterfaces")
	some kind in ["accessConfigs", "ipv6AccessConfigs"]
	some c in inventory.array_at(nic, kind)
]

_address(c) := object.get(c, "natIP", object.get(c, "externalIpv6", "ephemeral (not yet assigned)"))

_evidence(i) := {"external addresses": _externals[i.id]}
