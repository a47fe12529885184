package attestkit.checks.gcp.compute.subnet_flow_logs_test

import data.attestkit.checks.gcp.compute.subnet_flow_logs as check

_id(name) := sprintf("//compute.googleapis.com/projects/carebridge-prod/regions/us-central1/subnetworks/%s", [name])

_subnet(name, extra) := {
	"id": _id(name),
	"type": "compute.googleapis.com/Subnetwork",
	"account": "carebridge-prod",
	"region": "us-central1",
	"config": object.union({"name": name, "ipCidrRange": "10.10.0.0/20"}, extra),
	"errors": [],
}

_input(subnets) := {"resources": {"compute.googleapis.com/Subnetwork": subnets}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_judge(extra) := s if {
	rs := check.results with input as _input([_subnet("s", extra)])
	s := _status(rs, _id("s"))
}

test_pass_log_config_enabled if {
	_judge({"purpose": "PRIVATE", "logConfig": {"enable": true, "flowSampling": 0.5}}) == {"pass"}
}

test_pass_legacy_flag if {
	_judge({"enableFlowLogs": true}) == {"pass"}
}

test_fail_no_log_config if {
	_judge({"purpose": "PRIVATE"}) == {"fail"}
}

test_fail_log_config_disabled if {
	_judge({"purpose": "PRIVATE", "logConfig": {"enable": false}}) == {"fail"}
}

test_fail_log_config_disabled_despite_legacy_flag if {
	_judge({"logConfig": {"enable": false}, "enableFlowLogs": true}) == {"fail"}
}

test_no_result_proxy_only_subnet if {
	_judge({"purpose": "REGIONAL_MANAGED_PROXY", "role": "ACTIVE"}) == set()
}

test_no_result_private_service_connect_subnet if {
	_judge({"purpose": "PRIVATE_SERVICE_CONNECT"}) == set()
}
