# METADATA
# title: VM instances run as Shielded VMs
# description: |
#   The instance has the virtual Trusted Platform Module and integrity monitoring enabled
#   (`shieldedInstanceConfig.enableVtpm` and `.enableIntegrityMonitoring`), so boot integrity
#   is measured and changes are reported. Secure Boot (`enableSecureBoot`) is shown in the
#   evidence; it is not required because some workloads need unsigned drivers.
# related_resources:
#   - ref: https://cloud.google.com/compute/shielded-vm/docs/shielded-vm
#   - ref: https://cloud.google.com/compute/shielded-vm/docs/modifying-shielded-vm
# custom:
#   id: gcp.compute.instance_shielded_vm
#   severity: medium
#   resource_types: [compute.googleapis.com/Instance]
#   remediation: |
#     gcloud compute instances stop INSTANCE --zone=ZONE, gcloud compute instances update
#     INSTANCE --zone=ZONE --shielded-vtpm --shielded-integrity-monitoring (the boot image must
#     support Shielded VM), then start it.
package attestkit.checks.gcp.compute.instance_shielded_vm

import data.attestkit.lib.inventory
import data.attestkit.lib.result

results contains result.pass(i, "vTPM and integrity monitoring enabled", _evidence(i)) if {
	some i in inventory.resources("compute.googleapis.com/Instance")
	_compliant(i)
}

results contains result.fail(i, sprintf("Shielded VM incomplete: %s off", [concat(" and ", _missing(i))]), _evidence(i)) if {
	some i in inventory.resources("compute.googleapis.com/Instance")
	not _compliant(i)
}

_compliant(i) if count(_missing(i)) == 0

_missing(i) := [label |
	some [label, key] in [["vTPM", "enableVtpm"], ["integrity monitoring", "enableIntegrityMonitoring"]]
	object.get(i.config, ["shieldedInstanceConfig", key], false) != true
]

_evidence(i) := {
	"shieldedInstanceConfig.enableVtpm": object.get(i.config, ["shieldedInstanceConfig", "enableVtpm"], null),
	"shieldedInstanceConfig.enableIntegrityMonitoring": object.get(i.config, ["shieldedInstanceConfig", "enableIntegrityMonitoring"], null),
	"shieldedInstanceConfig.enableSecureBoot": object.get(i.config, ["shieldedInstanceConfig", "enableSecureBoot"], null),
}
