# METADATA
# title: Network traffic through each network security group is flow-logged
# description: |
#   An enabled Network Watcher flow log covers the network security group: an NSG flow log
#   whose target is the group, or a virtual network flow log whose target is a virtual
#   network, subnet or network interface the group is attached to (from the group's own
#   `subnets` and `networkInterfaces`). Flow logs record the IP traffic the group allowed and
#   denied, for investigation and traffic review. When no flow log covers the group and the
#   subscription's flow logs could not be listed, the group is `error`; so it is when a
#   Terraform plan leaves a flow log's target or `enabled` (or the id of a subnet or network
#   interface of the group) to be known only after apply and no flow log is known to cover it.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/network-watcher/nsg-flow-logs-overview
#   - ref: https://learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview
# custom:
#   id: azure.network.nsg_flow_logs_enabled
#   severity: medium
#   resource_types: [Microsoft.Network/networkSecurityGroups, Microsoft.Network/networkWatchers/flowLogs]
#   remediation: |
#     az network watcher flow-log create --location LOCATION --name NAME --resource-group RG
#     --vnet VNET_ID --storage-account STORAGE_ID --retention 90 (virtual network flow logs; NSG flow
#     logs can no longer be created)
package attestkit.checks.azure.network.nsg_flow_logs_enabled

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Network/networkSecurityGroups"

_flow_log_type := "Microsoft.Network/networkWatchers/flowLogs"

_target_paths := ["properties.targetResourceId"]

_enabled_paths := ["properties.enabled"]

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
	matching := _matching(r)
	covering := sort([e.name | some e in matching; e.state == "on"])
	disabled := sort([e.name | some e in matching; e.state == "off"])
	evidence := {"enabled flow logs covering the group": covering, "disabled flow logs covering the group": disabled}
	v := _decide(covering, disabled, _unknown(r, matching), inventory.scope_errors(_account(r), _flow_log_type), evidence)
}

_decide(covering, disabled, unknown, errors, evidence) := {"status": "pass", "message": sprintf("flow logged by %s", [concat(", ", covering)]), "evidence": evidence} if {
	count(covering) > 0
} else := {"status": "error", "message": sprintf("could not list flow logs: %s", [concat(", ", sort([sprintf("%v %v", [e.api, e.code]) | some e in errors]))]), "evidence": object.union(evidence, {"errors": errors})} if {
	count(errors) > 0
} else := {"status": "error", "message": sprintf("cannot judge before apply: %s known only after apply; judge the applied resources", [concat(", ", unknown)]), "evidence": object.union(evidence, {"known_after_apply": unknown})} if {
	count(unknown) > 0
} else := {"status": "fail", "message": sprintf("flow log(s) %s target the group but are disabled", [concat(", ", disabled)]), "evidence": evidence} if {
	count(disabled) > 0
} else := {"status": "fail", "message": "no flow log covers the group, its subnets or its virtual networks", "evidence": evidence}

_account(r) := object.get(r, "account", null)

# Lower-cased ids a flow log may target to cover the group.
_targets(r) := {lower(r.id)} | {_lower(s.id) | some s in inventory.array_at(r.config, ["properties", "subnets"])} | {lower(v) |
	some s in inventory.array_at(r.config, ["properties", "subnets"])
	v := _vnet(s.id)
} | {_lower(n.id) | some n in inventory.array_at(r.config, ["properties", "networkInterfaces"])}

_vnet(subnet_id) := substring(subnet_id, 0, i) if {
	is_string(subnet_id)
	i := indexof(lower(subnet_id), "/subnets/")
	i > 0
}

_key(account, target) := sprintf("%v|%s", [account, target])

# Every flow log with a known target as plain values, built once: "<subscription>|<lower-cased
# target id>"; state "on", "off", or "unknown" when a Terraform plan leaves `enabled` to be
# known only after apply.
_entries := [{"account": sprintf("%v", [object.get(f, "account", null)]), "key": _key(object.get(f, "account", null), lower(target)), "name": _name(f), "state": _state(f)} |
	some f in inventory.resources(_flow_log_type)
	target := object.get(f.config, ["properties", "targetResourceId"], null)
	is_string(target)
	not inventory.known_after_apply(f, _target_paths)
]

_name(f) := sprintf("%v", [object.get(f, "name", f.id)])

_state(f) := "unknown" if {
	inventory.known_after_apply(f, _enabled_paths)
} else := "on" if {
	object.get(f.config, ["properties", "enabled"], null) == true
} else := "off"

# What a Terraform plan leaves to be known only after apply that may make a flow log cover the
# group: `enabled` of a flow log targeting it, the target of a flow log of its subscription, the
# id of one of its subnets or network interfaces. Sorted "<flow log>: <path>" and "<path>".
_unknown(r, matching) := sort(
	{sprintf("%s: %s", [e.name, p]) | some e in matching; e.state == "unknown"; some p in _enabled_paths} |
	{x | some x in object.get(_untargeted, sprintf("%v", [_account(r)]), [])} |
	_unknown_attachments(r),
)

# Flow logs whose target a Terraform plan leaves to be known only after apply, by subscription,
# built once: each may cover any group of its subscription. "<flow log>: <path>".
_untargeted := {a: sort(paths) |
	some a in {sprintf("%v", [object.get(f, "account", null)]) | some f in inventory.resources(_flow_log_type)}
	paths := [sprintf("%s: %s", [_name(f), p]) |
		some f in inventory.resources(_flow_log_type)
		sprintf("%v", [object.get(f, "account", null)]) == a
		some p in inventory.unknown_paths(f, _target_paths)
	]
	count(paths) > 0
}

# The group's subnets and network interfaces whose ids a Terraform plan leaves to be known only
# after apply, when its subscription has a flow log, on or maybe on, that may be theirs.
_unknown_attachments(r) := {sprintf("properties.%s[].id", [key]) |
	sprintf("%v", [_account(r)]) in _flow_logged_accounts
	some key in ["subnets", "networkInterfaces"]
	some a in inventory.array_at(r.config, ["properties", key])
	inventory.unknown_until_apply(a.id)
}

# Subscriptions with a flow log that is, or may be, enabled, built once.
_flow_logged_accounts := {sprintf("%v", [object.get(f, "account", null)]) |
	some f in inventory.resources(_flow_log_type)
	_state(f) != "off"
}

# Flow logs grouped by subscription, then by target key, built once (a group looks up only
# its own few targets: no scan of every flow log per group).
_by_account := {a: [e | some e in _entries; e.account == a] | some a in {e.account | some e in _entries}}

_by_key := {k: group |
	some entries in _by_account
	some k in {e.key | some e in entries}
	group := [e | some e in entries; e.key == k]
}

_matching(r) := [e |
	some t in _targets(r)
	some e in object.get(_by_key, _key(_account(r), t), [])
]

# Lower-cased when a string; "" otherwise (ARM writes null for unset values).
_lower(x) := lower(x) if is_string(x) else := ""
