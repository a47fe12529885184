# METADATA
# title: VM instances do not run as the default service account with full API access
# description: |
#   No instance runs as the Compute Engine default service account
#   (`NUMBER-compute@developer.gserviceaccount.com`, which holds Editor on the project by
#   default) with the `cloud-platform` scope: together they give every process on the VM
#   broad access to the project's APIs. Instances with no service account, a dedicated
#   service account, or the default one with narrow scopes pass. The default one with scopes
#   a Terraform plan leaves to be known after apply is `error`.
# related_resources:
#   - ref: https://cloud.google.com/compute/docs/access/service-accounts#default_service_account
#   - ref: https://cloud.google.com/compute/docs/access/create-enable-service-accounts-for-instances
# custom:
#   id: gcp.compute.instance_no_default_sa_full_scope
#   severity: high
#   resource_types: [compute.googleapis.com/Instance]
#   remediation: |
#     gcloud compute instances stop INSTANCE --zone=ZONE, then gcloud compute instances
#     set-service-account INSTANCE --zone=ZONE --service-account=DEDICATED_SA_EMAIL
#     --scopes=cloud-platform (grant that account only the roles it needs), then start it.
package attestkit.checks.gcp.compute.instance_no_default_sa_full_scope

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_full_scope := "https://www.googleapis.com/auth/cloud-platform"

results contains result.pass(i, _pass_message(i), _evidence(i)) if {
	some i in inventory.resources("compute.googleapis.com/Instance")
	_compliant(i)
	not _undecided(i)
}

results contains result.fail(i, sprintf("runs as %s with the cloud-platform scope", [concat(", ", _offenders[i.id])]), _evidence(i)) if {
	some i in inventory.resources("compute.googleapis.com/Instance")
	not _compliant(i)
}

results contains result.error(i, sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [_scopes_path]), object.union(_evidence(i), {"known_after_apply": [_scopes_path]})) if {
	some i in inventory.resources("compute.googleapis.com/Instance")
	_undecided(i)
}

_scopes_path := "serviceAccounts[].scopes"

_compliant(i) if count(_offenders[i.id]) == 0

# Not known to have the full scope, but the default account's scopes are partly known only
# after apply (a Terraform plan writes them as the placeholder).
_undecided(i) if {
	_compliant(i)
	some sa in inventory.array_at(i.config, "serviceAccounts")
	_default(sa.email)
	some scope in inventory.array_at(sa, "scopes")
	inventory.unknown_until_apply(scope)
}

# Worked out once per resource (the branches, message and evidence all read it).
_offenders[i.id] := _offending(i) if some i in inventory.resources("compute.googleapis.com/Instance")

_offending(i) := {sa.email |
	some sa in inventory.array_at(i.config, "serviceAccounts")
	_default(sa.email)
	_full_scope in inventory.array_at(sa, "scopes")
}

_default(email) if regex.match(`^[0-9]+-compute@developer\.gserviceaccount\.com$`, email)

_pass_message(i) := "no service account" if {
	count(inventory.array_at(i.config, "serviceAccounts")) == 0
} else := "not the default service account with the cloud-platform scope"

_evidence(i) := {"serviceAccounts": inventory.array_at(i.config, "serviceAccounts")}
