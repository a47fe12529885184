package attestkit.checks.gcp.compute.instance_no_external_ip_test

import data.attestkit.checks.gcp.compute.instance_no_external_ip as check

_id(name) := sprintf("//compute.googleapis.com/projects/carebridge-prod/zones/us-central1-a/instances/%s", [name])

_instance(name, nics) := {
	"id": _id(name),
	"type": "compute.googleapis.com/Instance",
	"account": "carebridge-prod",
	"region": "us-central1-a",
	"config": {"name": name, "status": "RUNNING", "networkInterfaces": nics},
	"errors": [],
}

_input(instances) := {"resources": {"compute.googleapis.com/Instance": instances}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_nic(name, extra) := object.union({"name": name, "networkIP": "10.10.0.2", "network": "n"}, extra)

test_pass_internal_only if {
	rs := check.results with input as _input([_instance("a", [_nic("nic0", {})])])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_empty_access_configs if {
	rs := check.results with input as _input([_instance("a", [_nic("nic0", {"accessConfigs": [], "ipv6AccessConfigs": null})])])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_ephemeral_external_ipv4 if {
	rs := check.results with input as _input([_instance("b", [_nic("nic0", {"accessConfigs": [{"type": "ONE_TO_ONE_NAT", "name": "External NAT", "natIP": "34.1.2.3"}]})])])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_access_config_without_address_yet if {
	rs := check.results with input as _input([_instance("b", [_nic("nic0", {"accessConfigs": [{"type": "ONE_TO_ONE_NAT", "name": "External NAT"}]})])])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_external_ipv6_on_second_interface if {
	nics := [_nic("nic0", {}), _nic("nic1", {"ipv6AccessConfigs": [{"type": "DIRECT_IPV6", "externalIpv6": "2600:1900::1"}]})]
	rs := check.results with input as _input([_instance("b", nics)])
	_status(rs, _id("b")) == {"fail"}
	some r in rs
	r.evidence["external addresses"] == [{"interface": "nic1", "kind": "ipv6AccessConfigs", "address": "2600:1900::1"}]
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path:
# an interface whose access configs are unknown gets one unnamed access config without address.
_planned(nics) := object.union(_instance("p", nics), {
	"id": "google_compute_instance.p",
	"config": {"_terraform": {"unknown": ["networkInterfaces[].accessConfigs"]}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "network_interface[0].access_config is known only after apply"}],
})

_stand_in := {"accessConfigs": [{"type": "ONE_TO_ONE_NAT", "natIP": "(known after apply)"}]}

test_error_access_configs_known_after_apply if {
	rs := check.results with input as _input([_planned([_nic("nic0", _stand_in)])])
	_status(rs, "google_compute_instance.p") == {"error"}
	some r in rs
	r.evidence == {"external addresses": [], "known_after_apply": ["networkInterfaces[].accessConfigs"]}
	r.message == "cannot judge before apply: networkInterfaces[].accessConfigs known only after apply; judge the applied resource"
}

test_fail_configured_access_config_beside_one_known_after_apply if {
	known := {"accessConfigs": [{"type": "ONE_TO_ONE_NAT", "name": "External NAT", "natIP": "(known after apply)"}]}
	rs := check.results with input as _input([_planned([_nic("nic0", _stand_in), _nic("nic1", known)])])
	_status(rs, "google_compute_instance.p") == {"fail"}
	some r in rs
	r.message == "external address on nic1"
}
