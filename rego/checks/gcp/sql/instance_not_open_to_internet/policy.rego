# METADATA
# title: Cloud SQL instances are not open to the whole internet
# description: |
#   No authorized network of an instance with a public IPv4 address
#   (`settings.ipConfiguration.ipv4Enabled`) is 0.0.0.0/0 or any other /0 range: only known
#   address ranges may reach the database over its public IP. Instances with private IP only
#   pass. When a Terraform plan leaves the public IP or an authorized network to be known after
#   apply and the known values do not decide, the instance is `error`.
# related_resources:
#   - ref: https://cloud.google.com/sql/docs/postgres/configure-ip
#   - ref: https://cloud.google.com/sql/docs/postgres/authorize-networks
# custom:
#   id: gcp.sql.instance_not_open_to_internet
#   severity: critical
#   resource_types: [sqladmin.googleapis.com/Instance]
#   remediation: |
#     gcloud sql instances patch INSTANCE --authorized-networks=CIDR[,CIDR] with only the ranges
#     that need access, or use private IP and the Cloud SQL Auth Proxy:
#     gcloud sql instances patch INSTANCE --no-assign-ip --network=VPC
package attestkit.checks.gcp.sql.instance_not_open_to_internet

import data.attestkit.lib.inventory
import data.attestkit.lib.result

# Paths a Terraform plan can leave known only after apply.
_paths := ["settings.ipConfiguration.ipv4Enabled", "settings.ipConfiguration.authorizedNetworks[].value"]

results contains result.pass(i, _pass_message(i), _evidence(i)) if {
	some i in inventory.resources("sqladmin.googleapis.com/Instance")
	_compliant(i)
}

results contains result.fail(i, sprintf("public IP authorized for %s", [concat(", ", _world(i))]), _evidence(i)) if {
	some i in inventory.resources("sqladmin.googleapis.com/Instance")
	not _compliant(i)
	not _undecided(i)
}

results contains result.error(i, inventory.after_apply_message(i, _paths), inventory.with_unknown(i, _paths, _evidence(i))) if {
	some i in inventory.resources("sqladmin.googleapis.com/Instance")
	_undecided(i)
}

_ip(i) := object.get(i.config, ["settings", "ipConfiguration"], {})

_public(i) if _ip(i).ipv4Enabled == true

# Public, or a plan leaves it to be known after apply.
_maybe_public(i) if _public(i)

_maybe_public(i) if inventory.unknown_until_apply(object.get(_ip(i), "ipv4Enabled", null))

_compliant(i) if not _maybe_public(i)

_compliant(i) if {
	count(_world(i)) == 0
	not _unknown_network(i)
}

# Not shown compliant, nor shown open (a /0 network known on an address known public).
_undecided(i) if {
	not _compliant(i)
	not _open(i)
	inventory.known_after_apply(i, _paths)
}

_open(i) if {
	_public(i)
	count(_world(i)) > 0
}

_world(i) := {n.value |
	some n in inventory.array_at(_ip(i), "authorizedNetworks")
	is_string(n.value)
	endswith(n.value, "/0")
}

_unknown_network(i) if {
	some n in inventory.array_at(_ip(i), "authorizedNetworks")
	inventory.unknown_until_apply(object.get(n, "value", null))
}

_pass_message(i) := "no public IP" if {
	not _maybe_public(i)
} else := "public IP limited to named networks" if {
	_public(i)
} else := "no authorized network open to the internet"

_evidence(i) := {
	"settings.ipConfiguration.ipv4Enabled": object.get(_ip(i), "ipv4Enabled", null),
	"settings.ipConfiguration.authorizedNetworks": [object.get(n, "value", null) | some n in inventory.array_at(_ip(i), "authorizedNetworks")],
}
