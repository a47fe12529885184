# METADATA
# title: Storage accounts require TLS 1.2 or later
# description: |
#   The storage account's minimum TLS version (`minimumTlsVersion`) is TLS1_2 or later, so
#   clients cannot negotiate TLS 1.0 or 1.1. An account that does not report the setting
#   accepts TLS 1.0 (the service default for accounts that never set it) and fails. In a Terraform
#   plan that leaves `minimumTlsVersion` to be known only after apply, the account is `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version
# custom:
#   id: azure.storage.minimum_tls_1_2
#   severity: high
#   resource_types: [Microsoft.Storage/storageAccounts]
#   remediation: |
#     az storage account update --name ACCOUNT --resource-group RG --min-tls-version TLS1_2
package attestkit.checks.azure.storage.minimum_tls_1_2

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_type := "Microsoft.Storage/storageAccounts"

_paths := ["properties.minimumTlsVersion"]

_accepted := {"TLS1_2", "TLS1_3"}

results contains result.error(r, inventory.after_apply_message(r, _paths), object.union(_evidence(r), {"known_after_apply": inventory.unknown_paths(r, _paths)})) if {
	some r in inventory.resources(_type)
	_undecided(r)
}

results contains result.pass(r, sprintf("minimum TLS version %v", [_version(r)]), _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	_compliant(r)
}

results contains result.fail(r, _fail_message(r), _evidence(r)) if {
	some r in inventory.resources(_type)
	not _undecided(r)
	not _compliant(r)
}

_version(r) := object.get(r.config, ["properties", "minimumTlsVersion"], null)

_compliant(r) if _version(r) in _accepted

_fail_message(r) := "minimum TLS version not set: TLS 1.0 is accepted" if {
	_version(r) == null
} else := sprintf("minimum TLS version %v: older than TLS 1.2", [_version(r)])

_evidence(r) := {"properties.minimumTlsVersion": _version(r)}

# A Terraform plan leaves the value to be known only after apply: neither pass nor fail.
_undecided(r) if inventory.known_after_apply(r, _paths)
