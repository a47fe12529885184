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
