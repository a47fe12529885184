# METADATA
# title: Network security groups do not open SSH, RDP or all ports to the internet
# description: |
#   No inbound Allow rule of the network security group admits the internet (source `*`,
#   `Internet`, `Any`, 0.0.0.0/0 or ::/0) to TCP port 22 (SSH) or 3389 (RDP), whether by a
#   single port, a range or `*`, or to every port (`*` or 0-65535) over any protocol. Rules
#   are judged one by one, without crediting a Deny rule of higher priority that may shadow
#   an Allow: remove the Allow rule rather than rely on ordering. The default rules (which
#   admit only the virtual network and the load balancer) are not judged. The check judges
#   the rules Resource Graph returns; it has no read of its own that can fail. In a Terraform
#   plan, a rule that may admit the internet to those ports once values known only after apply
#   are known (its source, ports, protocol, access or direction) makes the group `error`,
#   unless another rule is known to admit it (`fail`).
# related_resources:
#   - ref: https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
#   - ref: https://learn.microsoft.com/azure/bastion/bastion-overview
# custom:
#   id: azure.network.nsg_no_internet_admin_ports
#   severity: high
#   resource_types: [Microsoft.Network/networkSecurityGroups]
#   remediation: |
#     az network nsg rule delete --nsg-name NSG --resource-group RG --name RULE (or restrict its
#     --source-address-prefixes to known ranges); reach VMs through Azure Bastion or just-in-time access.
package attestkit.checks.azure.network.nsg_no_internet_admin_ports

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Network/networkSecurityGroups"

_internet := {"*", "internet", "any", "0.0.0.0", "0.0.0.0/0", "::/0"}

_admin_ports := [22, 3389]

_paths := ["properties.securityRules"]

# The rule fields the verdict reads: single values, then lists.
_fields := ["direction", "access", "protocol", "sourceAddressPrefix", "destinationPortRange"]

_list_fields := ["sourceAddressPrefixes", "destinationPortRanges"]

# One verdict per group, computed once; the rules below only read it.
_verdicts := {r.id: _verdict(r) | some r in inventory.resources(_type)}

results contains result.error(r, v.message, v.evidence) if {
	some r in inventory.resources(_type)
	v := _verdicts[r.id]
	v.status == "error"
}

results contains result.pass(r, v.message, v.evidence) if {
	some r in inventory.resources(_type)
	v := _verdicts[r.id]
	v.status == "pass"
}

results contains result.fail(r, v.message, v.evidence) if {
	some r in inventory.resources(_type)
	v := _verdicts[r.id]
	v.status == "fail"
}

_verdict(r) := v if {
	exposures := sort([x | some x in _exposures(r)])
	evidence := {"securityRules admitting the internet to 22/3389/all ports": exposures}
	v := _decide(r, exposures, _undecided(r), evidence)
}

_decide(r, exposures, undecided, evidence) := {"status": "fail", "message": concat("; ", sort([_describe(x) | some x in exposures])), "evidence": evidence} if {
	count(exposures) > 0
} else := {"status": "error", "message": sprintf("cannot judge before apply: properties.securityRules known only after apply (%s); judge the applied resource", [concat("; ", undecided)]), "evidence": object.union(evidence, {"known_after_apply": inventory.unknown_paths(r, _paths), "securityRules known only after apply": undecided})} if {
	count(undecided) > 0
} else := {"status": "pass", "message": "no inbound rule admits the internet to 22, 3389 or all ports", "evidence": evidence}

# In a Terraform plan: the rules that may admit the internet to 22, 3389 or all ports once the
# values known only after apply are known, as "rule <name>: <unknown fields>"; or the whole
# list when the plan leaves the rules themselves to be known only after apply.
_undecided(r) := ["all rules"] if {
	inventory.unknown_until_apply(object.get(r.config, ["properties", "securityRules"], null))
} else := sort([sprintf("rule %v: %s", [object.get(rule, "name", "(unnamed)"), concat(", ", unknown)]) |
	some rule in inventory.array_at(r.config, ["properties", "securityRules"])
	p := object.get(rule, "properties", {})
	is_object(p)
	unknown := _unknown_fields(p)
	count(unknown) > 0
	_may_be(p, "direction", "inbound")
	_may_be(p, "access", "allow")
	_may_admit_internet(p)
	_may_expose(p)
])

_unknown_fields(p) := sort({k | some k in _fields; inventory.unknown_until_apply(object.get(p, k, null))} | {k |
	some k in _list_fields
	some x in inventory.array_at(p, k)
	inventory.unknown_until_apply(x)
})

_may_be(p, key, value) if _lower(object.get(p, key, null)) == value

_may_be(p, key, _) if inventory.unknown_until_apply(object.get(p, key, null))

_may_admit_internet(p) if count(_sources(p)) > 0

_may_admit_internet(p) if {
	some s in array.concat([object.get(p, "sourceAddressPrefix", "")], inventory.array_at(p, "sourceAddressPrefixes"))
	inventory.unknown_until_apply(s)
}

_may_expose(p) if {
	_protocol_may_be(p, {"*", "tcp", "udp"})
	some spec in _port_specs(p)
	_may_cover_all(spec)
}

_may_expose(p) if {
	_protocol_may_be(p, {"*", "tcp"})
	some spec in _port_specs(p)
	_may_cover_admin_port(spec)
}

_protocol_may_be(p, protocols) if _protocol(p) in protocols

_protocol_may_be(p, _) if inventory.unknown_until_apply(object.get(p, "protocol", null))

_may_cover_all(spec) if inventory.unknown_until_apply(spec)

_may_cover_all(spec) if _covers_all(spec)

_may_cover_admin_port(spec) if inventory.unknown_until_apply(spec)

_may_cover_admin_port(spec) if {
	some port in _admin_ports
	_covers(spec, port)
}

_exposures(r) := {x |
	some rule in inventory.array_at(r.config, ["properties", "securityRules"])
	p := object.get(rule, "properties", {})
	is_object(p)
	_lower(object.get(p, "direction", null)) == "inbound"
	_lower(object.get(p, "access", null)) == "allow"
	some source in _sources(p)
	some exposed in _exposed_ports(p)
	x := {
		"rule": object.get(rule, "name", "(unnamed)"),
		"priority": object.get(p, "priority", null),
		"protocol": object.get(p, "protocol", null),
		"source": source,
		"port": exposed,
	}
}

_sources(p) := {s |
	some s in array.concat([object.get(p, "sourceAddressPrefix", "")], inventory.array_at(p, "sourceAddressPrefixes"))
	is_string(s)
	lower(s) in _internet
}

_port_specs(p) := [s |
	some s in array.concat([object.get(p, "destinationPortRange", "")], inventory.array_at(p, "destinationPortRanges"))
	is_string(s)
	s != ""
]

_protocol(p) := _lower(object.get(p, "protocol", null))

# Every port, any protocol that has ports.
_exposed_ports(p) := {"all"} if {
	_protocol(p) in {"*", "tcp", "udp"}
	some spec in _port_specs(p)
	_covers_all(spec)
} else := {port |
	_protocol(p) in {"*", "tcp"}
	some port in _admin_ports
	some spec in _port_specs(p)
	_covers(spec, port)
}

_covers_all(spec) if trim_space(spec) == "*"

_covers_all(spec) if {
	[low, high] := _range(spec)
	low <= 1
	high >= 65535
}

_covers(spec, _) if trim_space(spec) == "*"

_covers(spec, port) if {
	[low, high] := _range(spec)
	low <= port
	port <= high
}

# "22" -> [22, 22]; "20-25" -> [20, 25]; anything else is undefined.
_range(spec) := [n, n] if {
	regex.match(`^\s*[0-9]+\s*$`, spec)
	n := to_number(trim_space(spec))
}

_range(spec) := [to_number(trim_space(parts[0])), to_number(trim_space(parts[1]))] if {
	regex.match(`^\s*[0-9]+\s*-\s*[0-9]+\s*$`, spec)
	parts := split(spec, "-")
}

_describe(x) := sprintf("rule %v (priority %v) admits %v to all ports", [x.rule, x.priority, x.source]) if {
	x.port == "all"
} else := sprintf("rule %v (priority %v) admits %v to port %v/%v", [x.rule, x.priority, x.source, x.port, _lower(x.protocol)])

# Lower-cased when a string; "" otherwise (ARM writes null for unset values).
_lower(x) := lower(x) if is_string(x) else := ""
