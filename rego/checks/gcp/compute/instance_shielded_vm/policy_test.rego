package attestkit.checks.gcp.compute.instance_shielded_vm_test

import data.attestkit.checks.gcp.compute.instance_shielded_vm as check

_id(name) := sprintf("//compute.googleapis.com/projects/carebridge-prod/zones/us-central1-a/instances/%s", [name])

_instance(name, shielded) := {
	"id": _id(name),
	"type": "compute.googleapis.com/Instance",
	"account": "carebridge-prod",
	"region": "us-central1-a",
	"config": {"name": name, "shieldedInstanceConfig": shielded},
	"errors": [],
}

_input(instances) := {"resources": {"compute.googleapis.com/Instance": instances}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

_judge(shielded) := s if {
	rs := check.results with input as _input([_instance("i", shielded)])
	s := _status(rs, _id("i"))
}

test_pass_all_three if {
	_judge({"enableSecureBoot": true, "enableVtpm": true, "enableIntegrityMonitoring": true}) == {"pass"}
}

test_pass_without_secure_boot if {
	_judge({"enableSecureBoot": false, "enableVtpm": true, "enableIntegrityMonitoring": true}) == {"pass"}
}

test_fail_vtpm_off if {
	_judge({"enableSecureBoot": true, "enableVtpm": false, "enableIntegrityMonitoring": true}) == {"fail"}
}

test_fail_integrity_monitoring_absent if {
	_judge({"enableSecureBoot": false, "enableVtpm": true}) == {"fail"}
}

test_fail_no_shielded_config if {
	_judge(null) == {"fail"}
	rs := check.results with input as _input([_instance("i", null)])
	some r in rs
	r.message == "Shielded VM incomplete: vTPM and integrity monitoring off"
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_unknown := "(known after apply)"

_planned(shielded, unknown) := object.union(_instance("p", shielded), {
	"id": "google_compute_instance.p",
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "a value is known only after apply"}],
})

test_error_vtpm_known_after_apply if {
	shielded := {"enableVtpm": _unknown, "enableIntegrityMonitoring": true, "enableSecureBoot": false}
	rs := check.results with input as _input([_planned(shielded, ["shieldedInstanceConfig.enableVtpm"])])
	_status(rs, "google_compute_instance.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["shieldedInstanceConfig.enableVtpm"]
	r.message == "cannot judge before apply: shieldedInstanceConfig.enableVtpm known only after apply; judge the applied resource"
}

test_fail_integrity_monitoring_off_whatever_vtpm_turns_out if {
	shielded := {"enableVtpm": _unknown, "enableIntegrityMonitoring": false}
	rs := check.results with input as _input([_planned(shielded, ["shieldedInstanceConfig.enableVtpm"])])
	_status(rs, "google_compute_instance.p") == {"fail"}
	some r in rs
	r.message == "Shielded VM incomplete: integrity monitoring off"
}

test_pass_secure_boot_known_after_apply if {
	shielded := {"enableVtpm": true, "enableIntegrityMonitoring": true, "enableSecureBoot": _unknown}
	rs := check.results with input as _input([_planned(shielded, ["shieldedInstanceConfig.enableSecureBoot"])])
	_status(rs, "google_compute_instance.p") == {"pass"}
	some r in rs
	r.evidence.known_after_apply == ["shieldedInstanceConfig.enableSecureBoot"]
}
