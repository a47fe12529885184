# METADATA
# title: VM instances have no external IP address
# description: |
#   No network interface of the instance has an access config (an external IPv4 address,
#   ephemeral or static) or an IPv6 access config (an external IPv6 address). Instances reach
#   the internet through Cloud NAT and are reached through load balancers or Identity-Aware
#   Proxy instead. An instance with no known external address whose access configs a Terraform
#   plan leaves to be known after apply is `error`.
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

# Paths a Terraform plan can leave known only after apply.
_paths := ["networkInterfaces[].accessConfigs"]

results contains result.pass(i, "no external IP address", _evidence(i)) if {
	some i in inventory.resources("compute.googleapis.com/Instance")
	_compliant(i)
	not _undecided(i)
}

results contains result.fail(i, sprintf("external address on %s", [concat(", ", sort([e.interface | some e in _externals[i.id]]))]), _evidence(i)) if {
	some i in inventory.resources("compute.googleapis.com/Instance")
	not _compliant(i)
}

results contains result.error(i, inventory.after_apply_message(i, _paths), inventory.with_unknown(i, _paths, _evidence(i))) if {
	some i in inventory.resources("compute.googleapis.com/Instance")
	_undecided(i)
}

_compliant(i) if count(_externals[i.id]) == 0

# No external address is known, but whether an interface gets one is decided at apply.
_undecided(i) if {
	_compliant(i)
	inventory.known_after_apply(i, _paths)
}

# Worked out once per resource (the branches, message and evidence all read it).
_externals[i.id] := _external(i) if some i in inventory.resources("compute.googleapis.com/Instance")

_external(i) := [{"interface": object.get(nic, "name", "nic"), "kind": kind, "address": _address(c)} |
	some nic in inventory.array_at(i.config, "networkInterfaces")
	some kind in ["accessConfigs", "ipv6AccessConfigs"]
	some c in inventory.array_at(nic, kind)
	not _stand_in(i, c)
]

# What a plan writes for an interface whose access configs are known only after apply: no name
# and no address. A configured access config has its name, whether its address is known or not.
_stand_in(i, c) if {
	inventory.known_after_apply(i, _paths)
	not c.name
	inventory.unknown_until_apply(object.get(c, "natIP", null))
}

_address(c) := object.get(c, "natIP", object.get(c, "externalIpv6", "ephemeral (not yet assigned)"))

_evidence(i) := {"external addresses": _externals[i.id]}
