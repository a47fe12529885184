package attestkit.checks.azure.network.nsg_no_internet_admin_ports_test

import data.attestkit.checks.azure.network.nsg_no_internet_admin_ports as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/%s", [name])

_nsg(name, rules) := {
	"id": _id(name),
	"type": "Microsoft.Network/networkSecurityGroups",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"properties": {"securityRules": rules, "defaultSecurityRules": [_rule("AllowVnetInBound", "*", "VirtualNetwork", "*", 65000)]}},
	"errors": [],
}

_rule(name, protocol, source, port, priority) := {
	"name": name,
	"properties": {
		"protocol": protocol,
		"sourcePortRange": "*",
		"destinationPortRange": port,
		"sourceAddressPrefix": source,
		"destinationAddressPrefix": "*",
		"access": "Allow",
		"priority": priority,
		"direction": "Inbound",
		"sourcePortRanges": [],
		"destinationPortRanges": [],
		"sourceAddressPrefixes": [],
		"destinationAddressPrefixes": [],
	},
}

_with(rule, changes) := object.union(rule, {"properties": object.union(rule.properties, changes)})

_input(nsgs) := {
	"resources": {"Microsoft.Network/networkSecurityGroups": nsgs},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

_judge(rules) := rs if {
	rs := check.results with input as _input([_nsg("n", rules)])
}

test_pass_no_rules if {
	_status(_judge([]), _id("n")) == {"pass"}
}

test_pass_https_from_internet if {
	_status(_judge([_rule("web", "Tcp", "Internet", "443", 100)]), _id("n")) == {"pass"}
}

test_pass_ssh_from_private_range if {
	_status(_judge([_rule("ssh", "Tcp", "10.0.0.0/8", "22", 100)]), _id("n")) == {"pass"}
}

test_pass_ssh_from_internet_denied if {
	_status(_judge([_with(_rule("deny-ssh", "Tcp", "*", "22", 100), {"access": "Deny"})]), _id("n")) == {"pass"}
}

test_pass_outbound_rule if {
	_status(_judge([_with(_rule("out", "*", "*", "*", 100), {"direction": "Outbound"})]), _id("n")) == {"pass"}
}

test_pass_udp_to_3389_is_not_judged if {
	_status(_judge([_rule("udp", "Udp", "*", "3389", 100)]), _id("n")) == {"pass"}
}

test_pass_range_below_ssh if {
	_status(_judge([_rule("r", "Tcp", "*", "20-21", 100)]), _id("n")) == {"pass"}
}

test_pass_null_prefix_lists if {
	rule := _with(_rule("web", "Tcp", "Internet", "443", 100), {"sourceAddressPrefixes": null, "destinationPortRanges": null})
	_status(_judge([rule]), _id("n")) == {"pass"}
}

test_fail_ssh_from_any if {
	_status(_judge([_rule("ssh", "Tcp", "*", "22", 100)]), _id("n")) == {"fail"}
}

test_fail_rdp_from_internet_tag if {
	_status(_judge([_rule("rdp", "Tcp", "Internet", "3389", 110)]), _id("n")) == {"fail"}
}

test_fail_rdp_in_port_range if {
	_status(_judge([_rule("range", "*", "0.0.0.0/0", "3000-4000", 120)]), _id("n")) == {"fail"}
}

test_fail_ssh_in_port_ranges_list if {
	rule := _with(_rule("multi", "Tcp", "", "", 130), {"sourceAddressPrefixes": ["10.0.0.0/8", "0.0.0.0/0"], "destinationPortRanges": ["80", "22"]})
	_status(_judge([rule]), _id("n")) == {"fail"}
}

test_fail_all_ports_from_internet if {
	rs := _judge([_rule("any", "*", "Internet", "*", 4000)])
	_status(rs, _id("n")) == {"fail"}
	some r in rs
	r.evidence["securityRules admitting the internet to 22/3389/all ports"][0].port == "all"
}

test_fail_all_udp_ports if {
	_status(_judge([_rule("udp-all", "Udp", "*", "0-65535", 4000)]), _id("n")) == {"fail"}
}

test_fail_ipv6_any if {
	_status(_judge([_rule("v6", "Tcp", "::/0", "22", 100)]), _id("n")) == {"fail"}
}

test_fail_lowercase_values if {
	rule := _with(_rule("lc", "tcp", "internet", "22", 100), {"access": "allow", "direction": "inbound"})
	_status(_judge([rule]), _id("n")) == {"fail"}
}

test_pass_rule_with_null_fields if {
	rule := _with(_rule("odd", null, null, null, 100), {"direction": null, "access": null})
	_status(_judge([rule]), _id("n")) == {"pass"}
}

test_each_nsg_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_nsg("web", [_rule("https", "Tcp", "Internet", "443", 100)]),
		_nsg("jump", [_rule("ssh", "Tcp", "*", "22", 100)]),
		_nsg("empty", []),
		_nsg("nulls", null),
	])
	expected := {"web": "pass", "jump": "fail", "empty": "pass", "nulls": "pass"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

# As `attest collect terraform` writes a group whose rules hold values known only after apply:
# the sentinel in the rules' fields, "properties.securityRules" listed.
_planned_nsg(name, rules) := object.union(_nsg(name, rules), {
	"config": {"_terraform": {"address": "azurerm_network_security_group.this", "unknown": ["properties.securityRules"]}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "azurerm_network_security_group.this.security_rule is known only after apply"}],
})

_judge_planned(rules) := rs if {
	rs := check.results with input as _input([_planned_nsg("n", rules)])
}

_after_apply := "(known after apply)"

test_error_ssh_rule_source_known_after_apply if {
	rs := _judge_planned([_rule("ssh", "Tcp", _after_apply, "22", 100)])
	_status(rs, _id("n")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.securityRules"]
	r.evidence["securityRules known only after apply"] == ["rule ssh: sourceAddressPrefix"]
	startswith(r.message, "cannot judge before apply: properties.securityRules known only after apply (rule ssh: sourceAddressPrefix)")
}

test_error_internet_rule_port_known_after_apply if {
	_status(_judge_planned([_rule("any", "Tcp", "Internet", _after_apply, 100)]), _id("n")) == {"error"}
}

test_error_internet_rule_protocol_and_direction_known_after_apply if {
	rule := _with(_rule("rdp", _after_apply, "*", "3389", 100), {"direction": _after_apply})
	_status(_judge_planned([rule]), _id("n")) == {"error"}
}

test_error_source_list_element_known_after_apply if {
	rule := _with(_rule("ssh", "Tcp", null, "22", 100), {"sourceAddressPrefixes": ["10.0.0.0/8", _after_apply]})
	_status(_judge_planned([rule]), _id("n")) == {"error"}
}

test_error_rules_known_after_apply if {
	nsg := object.union(_planned_nsg("n", []), {"config": {"properties": {"securityRules": _after_apply}}})
	rs := check.results with input as _input([nsg])
	_status(rs, _id("n")) == {"error"}
}

test_fail_known_ssh_rule_although_another_source_known_after_apply if {
	rs := _judge_planned([_rule("ssh", "Tcp", "0.0.0.0/0", "22", 100), _rule("rdp", "Tcp", _after_apply, "3389", 110)])
	_status(rs, _id("n")) == {"fail"}
}

test_pass_https_rule_source_known_after_apply if {
	_status(_judge_planned([_rule("web", "Tcp", _after_apply, "443", 100)]), _id("n")) == {"pass"}
}

test_pass_private_source_direction_known_after_apply if {
	rule := _with(_rule("ssh", "Tcp", "10.0.0.0/8", "22", 100), {"direction": _after_apply})
	_status(_judge_planned([rule]), _id("n")) == {"pass"}
}

test_pass_deny_rule_source_known_after_apply if {
	rule := _with(_rule("deny-ssh", "Tcp", _after_apply, "22", 100), {"access": "Deny"})
	_status(_judge_planned([rule]), _id("n")) == {"pass"}
}

test_pass_icmp_rule_port_known_after_apply if {
	_status(_judge_planned([_rule("ping", "Icmp", "*", _after_apply, 100)]), _id("n")) == {"pass"}
}
