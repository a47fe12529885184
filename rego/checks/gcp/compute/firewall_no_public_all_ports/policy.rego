# METADATA
# title: Firewall rules do not open every port to the internet
# description: |
#   No enabled ingress rule allows 0.0.0.0/0 or ::/0 (or, with no source at all, any source)
#   to reach every port: protocol `all`, or TCP, UDP or SCTP without ports or with a range
#   spanning 1-65535. Rules that open named ports are judged by the port-specific checks.
#   Egress, deny and disabled rules pass. A rule a Terraform plan leaves partly to be known
#   after apply (direction, `disabled`, a source range, a protocol or port) is `error` unless
#   its known values already decide.
# related_resources:
#   - ref: https://cloud.google.com/firewall/docs/firewalls
#   - ref: https://cloud.google.com/firewall/docs/using-firewalls
# custom:
#   id: gcp.compute.firewall_no_public_all_ports
#   severity: high
#   resource_types: [compute.googleapis.com/Firewall]
#   remediation: |
#     gcloud compute firewall-rules update RULE --allow=tcp:443 (only the ports the service
#     needs) --source-ranges=KNOWN_RANGES, or gcloud compute firewall-rules delete RULE.
package attestkit.checks.gcp.compute.firewall_no_public_all_ports

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_world := {"0.0.0.0/0", "::/0"}

_port_protocols := {"tcp", "udp", "sctp", "6", "17", "132"}

# Paths a Terraform plan can leave known only after apply.
_paths := ["direction", "disabled", "sourceRanges"]

results contains result.pass(f, "no ingress from the internet to every port", inventory.with_unknown(f, _paths, _evidence(f))) if {
	some f in inventory.resources("compute.googleapis.com/Firewall")
	_compliant(f)
	not _undecided(f)
}

results contains result.fail(f, sprintf("ingress from %s to every port of %s", [concat(", ", _world_sources(f)), concat(", ", _open[f.id])]), _evidence(f)) if {
	some f in inventory.resources("compute.googleapis.com/Firewall")
	not _compliant(f)
}

results contains result.error(f, sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [concat(", ", _after_apply[f.id])]), object.union(_evidence(f), {"known_after_apply": _after_apply[f.id]})) if {
	some f in inventory.resources("compute.googleapis.com/Firewall")
	_undecided(f)
}

_compliant(f) if count(_open[f.id]) == 0

# No rule is known to open every port to the internet, but values known only after apply could.
_undecided(f) if {
	_compliant(f)
	count(_after_apply[f.id]) > 0
	_maybe_open(f)
}

# Worked out once per resource (the branches, message and evidence all read it).
_open[f.id] := _open_protocols(f) if some f in inventory.resources("compute.googleapis.com/Firewall")

_open_protocols(f) := {lower(rule.IPProtocol) |
	object.get(f.config, "direction", "INGRESS") == "INGRESS"
	_enabled(f)
	count(_world_sources(f)) > 0
	some rule in inventory.array_at(f.config, "allowed")
	_every_port(rule)
}

# Known to be enabled.
_enabled(f) if {
	_maybe_enabled(f)
	not inventory.unknown_until_apply(object.get(f.config, "disabled", false))
}

# Enabled, or `disabled` known only after apply.
_maybe_enabled(f) if object.get(f.config, "disabled", false) != true

_world_sources(f) := {c | some c in inventory.array_at(f.config, "sourceRanges"); c in _world} if {
	count(inventory.array_at(f.config, "sourceRanges")) > 0
} else := {"any source (none specified)"} if {
	count(inventory.array_at(f.config, "sourceTags")) == 0
	count(inventory.array_at(f.config, "sourceServiceAccounts")) == 0
} else := set()

_every_port(rule) if lower(rule.IPProtocol) == "all"

_every_port(rule) if {
	lower(rule.IPProtocol) in _port_protocols
	_all_ports(inventory.array_at(rule, "ports"))
}

# No ports listed, or a range spanning 1-65535.
_all_ports(ports) if count(ports) == 0

_all_ports(ports) if {
	some spec in ports
	not inventory.unknown_until_apply(spec)
	bounds := [to_number(x) | some x in split(spec, "-")]
	bounds[0] <= 1
	bounds[count(bounds) - 1] >= 65535
}

# Terraform plans: the rule would open every port if every value known only after apply
# turned out the worst way.
_maybe_open(f) if {
	_maybe_ingress(f)
	_maybe_enabled(f)
	_maybe_world(f)
	some rule in inventory.array_at(f.config, "allowed")
	_maybe_every_port(rule)
}

_maybe_ingress(f) if object.get(f.config, "direction", "INGRESS") == "INGRESS"

_maybe_ingress(f) if inventory.unknown_until_apply(object.get(f.config, "direction", null))

_maybe_world(f) if count(_world_sources(f)) > 0

_maybe_world(f) if {
	some c in inventory.array_at(f.config, "sourceRanges")
	inventory.unknown_until_apply(c)
}

_maybe_every_port(rule) if _every_port(rule)

_maybe_every_port(rule) if inventory.unknown_until_apply(rule.IPProtocol)

_maybe_every_port(rule) if {
	lower(rule.IPProtocol) in _port_protocols
	some spec in inventory.array_at(rule, "ports")
	inventory.unknown_until_apply(spec)
}

# What the verdict waits for: the listed paths, and rule fields holding the placeholder.
_after_apply[f.id] := sort(
	({p | some p in inventory.unknown_paths(f, _paths)} | {"allowed[].IPProtocol" |
		some rule in inventory.array_at(f.config, "allowed")
		inventory.unknown_until_apply(rule.IPProtocol)
	}) | {"allowed[].ports" |
		some rule in inventory.array_at(f.config, "allowed")
		some spec in inventory.array_at(rule, "ports")
		inventory.unknown_until_apply(spec)
	},
) if some f in inventory.resources("compute.googleapis.com/Firewall")

_evidence(f) := {
	"direction": object.get(f.config, "direction", null),
	"disabled": object.get(f.config, "disabled", null),
	"sourceRanges": object.get(f.config, "sourceRanges", null),
	"allowed": object.get(f.config, "allowed", null),
}
