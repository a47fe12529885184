# METADATA
# title: VM instances run as Shielded VMs
# description: |
#   The instance has the virtual Trusted Platform Module and integrity monitoring enabled
#   (`shieldedInstanceConfig.enableVtpm` and `.enableIntegrityMonitoring`), so boot integrity
#   is measured and changes are reported. Secure Boot (`enableSecureBoot`) is shown in the
#   evidence; it is not required because some workloads need unsigned drivers. When a
#   Terraform plan leaves vTPM or integrity monitoring to be known after apply and neither is
#   known to be off, the instance is `error`.
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

# Paths a Terraform plan can leave known only after apply (Secure Boot: shown, not judged).
_paths := ["shieldedInstanceConfig.enableIntegrityMonitoring", "shieldedInstanceConfig.enableSecureBoot", "shieldedInstanceConfig.enableVtpm"]

_flags := [["vTPM", "enableVtpm"], ["integrity monitoring", "enableIntegrityMonitoring"]]

results contains result.pass(i, "vTPM and integrity monitoring enabled", inventory.with_unknown(i, _paths, _evidence(i))) if {
	some i in inventory.resources("compute.googleapis.com/Instance")
	_compliant(i)
}

results contains result.fail(i, sprintf("Shielded VM incomplete: %s off", [concat(" and ", _missing(i))]), inventory.with_unknown(i, _paths, _evidence(i))) if {
	some i in inventory.resources("compute.googleapis.com/Instance")
	count(_missing(i)) > 0
}

results contains result.error(i, sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [concat(", ", _waiting(i))]), object.union(_evidence(i), {"known_after_apply": _waiting(i)})) if {
	some i in inventory.resources("compute.googleapis.com/Instance")
	_undecided(i)
}

_compliant(i) if {
	count(_missing(i)) == 0
	not _undecided(i)
}

# Neither flag is known to be off, but one is known only after apply.
_undecided(i) if {
	count(_missing(i)) == 0
	count(_waiting(i)) > 0
}

# The judged flags a Terraform plan leaves to be known only after apply.
_waiting(i) := sort([sprintf("shieldedInstanceConfig.%s", [key]) |
	some [_, key] in _flags
	inventory.unknown_until_apply(object.get(i.config, ["shieldedInstanceConfig", key], false))
])

# The flags known to be off (a placeholder, for a value known only after apply, is not).
_missing(i) := [label |
	some [label, key] in _flags
	value := object.get(i.config, ["shieldedInstanceConfig", key], false)
	value != true
	not inventory.unknown_until_apply(value)
]

_evidence(i) := {
	"shieldedInstanceConfig.enableVtpm": object.get(i.config, ["shieldedInstanceConfig", "enableVtpm"], null),
	"shieldedInstanceConfig.enableIntegrityMonitoring": object.get(i.config, ["shieldedInstanceConfig", "enableIntegrityMonitoring"], null),
	"shieldedInstanceConfig.enableSecureBoot": object.get(i.config, ["shieldedInstanceConfig", "enableSecureBoot"], null),
}
