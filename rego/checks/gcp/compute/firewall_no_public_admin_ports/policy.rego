# METADATA
# title: Firewall rules do not open SSH or RDP to the internet
# description: |
#   No enabled ingress rule allows 0.0.0.0/0 or ::/0 to reach TCP port 22 (SSH) or 3389
#   (RDP): not by naming the port, a range covering it, TCP without ports (every port), or
#   protocol `all`. An ingress rule without any source (ranges, tags or service accounts)
#   applies to every source and counts as open. Egress and deny rules, and disabled rules,
#   pass. A rule a Terraform plan leaves partly to be known after apply (direction,
#   `disabled`, a source range, a protocol or port) is `error` unless its known values
#   already decide.
# related_resources:
#   - ref: https://cloud.google.com/firewall/docs/firewalls
#   - ref: https://cloud.google.com/iap/docs/using-tcp-forwarding
# custom:
#   id: gcp.compute.firewall_no_public_admin_ports
#   severity: high
#   resource_types: [compute.googleapis.com/Firewall]
#   remediation: |
#     gcloud compute firewall-rules update RULE --source-ranges=35.235.240.0/20 (Identity-Aware
#     Proxy TCP forwarding) or known ranges only; or gcloud compute firewall-rules delete RULE.
package attestkit.checks.gcp.compute.firewall_no_public_admin_ports

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_admin_ports := [22, 3389]

_world := {"0.0.0.0/0", "::/0"}

# Paths a Terraform plan can leave known only after apply.
_paths := ["direction", "disabled", "sourceRanges"]

results contains result.pass(f, _pass_message(f), inventory.with_unknown(f, _paths, _evidence(f))) if {
	some f in inventory.resources("compute.googleapis.com/Firewall")
	_compliant(f)
	not _undecided(f)
}

results contains result.fail(f, sprintf("ingress from %s to %s", [concat(", ", _world_sources(f)), concat(", ", [sprintf("%d", [p]) | some p in _exposed[f.id]])]), _evidence(f)) if {
	some f in inventory.resources("compute.googleapis.com/Firewall")
	not _compliant(f)
}

results contains result.error(f, sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [concat(", ", _after_apply[f.id])]), object.union(_evidence(f), {"known_after_apply": _after_apply[f.id]})) if {
	some f in inventory.resources("compute.googleapis.com/Firewall")
	_undecided(f)
}

_compliant(f) if count(_exposed[f.id]) == 0

# No admin port is known to be open, but values known only after apply could open one.
_undecided(f) if {
	_compliant(f)
	count(_after_apply[f.id]) > 0
	count(_possibly_exposed_ports(f)) > 0
}

_ingress(f) if object.get(f.config, "direction", "INGRESS") == "INGRESS"

# Known to be enabled.
_enabled(f) if {
	_maybe_enabled(f)
	not inventory.unknown_until_apply(object.get(f.config, "disabled", false))
}

# Enabled, or `disabled` known only after apply.
_maybe_enabled(f) if object.get(f.config, "disabled", false) != true

# Worked out once per rule (the branches, message and evidence all read it).
_exposed[f.id] := _exposed_ports(f) if some f in inventory.resources("compute.googleapis.com/Firewall")

# The admin ports an enabled, world-open ingress allow rule reaches.
_exposed_ports(f) := {port |
	_ingress(f)
	_enabled(f)
	count(_world_sources(f)) > 0
	some rule in inventory.array_at(f.config, "allowed")
	some port in _admin_ports
	_covers(rule, port)
}

_world_sources(f) := {c | some c in inventory.array_at(f.config, "sourceRanges"); c in _world} if {
	count(inventory.array_at(f.config, "sourceRanges")) > 0
} else := {"any source (none specified)"} if {
	count(inventory.array_at(f.config, "sourceTags")) == 0
	count(inventory.array_at(f.config, "sourceServiceAccounts")) == 0
} else := set()

_covers(rule, _) if lower(rule.IPProtocol) == "all"

_covers(rule, port) if {
	lower(rule.IPProtocol) in {"tcp", "6"}
	_port_in(inventory.array_at(rule, "ports"), port)
}

# No ports listed: every port of the protocol.
_port_in(ports, _) if count(ports) == 0

_port_in(ports, port) if {
	some spec in ports
	not inventory.unknown_until_apply(spec)
	bounds := [to_number(x) | some x in split(spec, "-")]
	bounds[0] <= port
	port <= bounds[count(bounds) - 1]
}

# Terraform plans: the admin ports the rule would expose if every value known only after
# apply turned out the worst way.
_possibly_exposed_ports(f) := {port |
	_maybe_ingress(f)
	_maybe_enabled(f)
	_maybe_world(f)
	some rule in inventory.array_at(f.config, "allowed")
	some port in _admin_ports
	_maybe_covers(rule, port)
}

_maybe_ingress(f) if _ingress(f)

_maybe_ingress(f) if inventory.unknown_until_apply(object.get(f.config, "direction", null))

_maybe_world(f) if count(_world_sources(f)) > 0

_maybe_world(f) if {
	some c in inventory.array_at(f.config, "sourceRanges")
	inventory.unknown_until_apply(c)
}

_maybe_covers(rule, port) if _covers(rule, port)

_maybe_covers(rule, port) if {
	_maybe_tcp(rule)
	_port_in(inventory.array_at(rule, "ports"), port)
}

_maybe_covers(rule, _) if {
	_maybe_tcp(rule)
	some spec in inventory.array_at(rule, "ports")
	inventory.unknown_until_apply(spec)
}

_maybe_tcp(rule) if lower(rule.IPProtocol) in {"tcp", "6"}

_maybe_tcp(rule) if inventory.unknown_until_apply(rule.IPProtocol)

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

_pass_message(f) := "ingress rule disabled" if {
	_maybe_ingress(f)
	not _maybe_enabled(f)
} else := "not an ingress rule" if {
	not _maybe_ingress(f)
} else := "no ingress from the internet to port 22 or 3389"

_evidence(f) := {
	"direction": object.get(f.config, "direction", null),
	"disabled": object.get(f.config, "disabled", null),
	"sourceRanges": object.get(f.config, "sourceRanges", null),
	"allowed": object.get(f.config, "allowed", null),
	"exposed admin ports": sort([p | some p in _exposed[f.id]]),
}
