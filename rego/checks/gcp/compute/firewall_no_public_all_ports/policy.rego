# METADATA
# title: Firewall rules do not open every port to the internet
# description: |
#   No enabled ingress rule allows 0.0.0.0/0 or ::/0 (or, with no source at all, any source)
#   to reach every port: protocol `all`, or TCP, UDP or SCTP without ports or with a range
#   spanning 1-65535. Rules that open named ports are judged by the port-specific checks.
#   Egress, deny and disabled rules pass.
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

results contains result.pass(f, "no ingress from the internet to every port", _evidence(f)) if {
	some f in inventory.resources("compute.googleapis.com/Firewall")
	_compliant(f)
}

results contains result.fail(f, sprintf("ingress from %s to every port of %s", [concat(", ", _world_sources(f)), concat(", ", _open[f.id])]), _evidence(f)) if {
	some f in inventory.resources("compute.googleapis.com/Firewall")
	not _compliant(f)
}

_compliant(f) if count(_open[f.id]) == 0

# Worked out once per resource (the branches, message and evidence all read it).
_open[f.id] := _open_protocols(f) if some f in inventory.resources("compute.googleapis.com/Firewall")

_open_protocols(f) := {lower(rule.IPProtocol) |
	object.get(f.config, "direction", "INGRESS") == "INGRESS"
	object.get(f.config, "disabled", false) != true
	count(_world_sources(f)) > 0
	some rule in inventory.array_at(f.config, "allowed")
	_every_port(rule)
}

_world_sources(f) := {c | some c in inventory.array_at(f.config, "sourceRanges"); c in _world} if {
	count(inventory.array_at(f.config, "sourceRanges")) > 0
} else := {"any source (none specified)"} if {
	count(inventory.array_at(f.config, "sourceTags")) == 0
	count(inventory.array_at(f.config, "sourceServiceAccounts")) == 0
} else := set()

_every_port(rule) if lower(rule.IPProtocol) == "all"

_every_port(rule) if {
	lower(rule.IPProtocol) in _port_protocols
	count(inventory.array_at(rule, "ports")) == 0
}

_every_port(rule) if {
	lower(rule.IPProtocol) in _port_protocols
	some spec in inventory.array_at(rule, "ports")
	bounds := [to_number(x) | some x in split(spec, "-")]
	bounds[0] <= 1
	bounds[count(bounds) - 1] >= 65535
}

_evidence(f) := {
	"direction": object.get(f.config, "direction", null),
	"disabled": object.get(f.config, "disabled", null),
	"sourceRanges": object.get(f.config, "sourceRanges", null),
	"allowed": object.get(f.config, "allowed", null),
}
