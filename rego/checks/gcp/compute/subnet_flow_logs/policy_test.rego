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

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned(extra, unknown) := object.union(_subnet("p", extra), {
	"id": "google_compute_subnetwork.p",
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "log_config is known only after apply"}],
})

test_error_flow_logs_known_after_apply if {
	rs := check.results with input as _input([_planned({"purpose": "PRIVATE", "logConfig": {"enable": "(known after apply)"}}, ["logConfig.enable"])])
	_status(rs, "google_compute_subnetwork.p") == {"error"}
	some r in rs
	r.evidence == {"purpose": "PRIVATE", "logConfig": {"enable": "(known after apply)"}, "enableFlowLogs": null, "known_after_apply": ["logConfig.enable"]}
	r.message == "cannot judge before apply: logConfig.enable known only after apply; judge the applied resource"
}

test_error_purpose_known_after_apply_without_flow_logs if {
	rs := check.results with input as _input([_planned({"purpose": "(known after apply)", "logConfig": {"enable": false}}, [])])
	_status(rs, "google_compute_subnetwork.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["purpose"]
}

test_pass_purpose_known_after_apply_with_flow_logs if {
	rs := check.results with input as _input([_planned({"purpose": "(known after apply)", "logConfig": {"enable": true}}, [])])
	_status(rs, "google_compute_subnetwork.p") == {"pass"}
}
