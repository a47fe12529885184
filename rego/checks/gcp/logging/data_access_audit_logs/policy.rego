# METADATA
# title: Data Access audit logs are on for all services
# description: |
#   Each project records Data Access audit logs of every type (ADMIN_READ, DATA_READ,
#   DATA_WRITE) for `allServices`, with no exempted members, so reads of PHI are logged. Audit
#   configs are inherited: the project's own IAM policy `auditConfigs` count together with
#   those of its folders and organization when the collection includes them (collect the
#   organization to see them). A project whose IAM policy, or a collected ancestor's, could
#   not be listed is `error`, unless what was read already shows an exempted member.
# related_resources:
#   - ref: https://cloud.google.com/logging/docs/audit/configure-data-access
#   - ref: https://cloud.google.com/logging/docs/audit#data-access
# custom:
#   id: gcp.logging.data_access_audit_logs
#   severity: medium
#   resource_types: [cloudresourcemanager.googleapis.com/Project, cloudresourcemanager.googleapis.com/Folder, cloudresourcemanager.googleapis.com/Organization]
#   remediation: |
#     gcloud organizations get-iam-policy ORG_ID --format=json > policy.json, add
#     {"service": "allServices", "auditLogConfigs": [{"logType": "ADMIN_READ"}, {"logType":
#     "DATA_READ"}, {"logType": "DATA_WRITE"}]} to auditConfigs, then gcloud organizations
#     set-iam-policy ORG_ID policy.json (or the same on the project).
package attestkit.checks.gcp.logging.data_access_audit_logs

import data.attestkit.lib.gcp as gcp
import data.attestkit.lib.inventory
import data.attestkit.lib.result

_required := ["ADMIN_READ", "DATA_READ", "DATA_WRITE"]

results contains result.pass(p, "Data Access audit logs of every type for allServices, no exemptions", _evidence(p)) if {
	some p in inventory.resources(gcp.project_type)
	count(_unreadable(p)) == 0
	_compliant(p)
}

# Exemptions only add up over the levels: one seen is a failure whatever else is unread.
results contains result.fail(p, _fail_message(p), _evidence(p)) if {
	some p in inventory.resources(gcp.project_type)
	not _compliant(p)
	_decided(p)
}

results contains result.error(p, sprintf("could not list the IAM policy of %s", [concat(", ", _unreadable(p))]), object.union(_evidence(p), {"unreadable": _unreadable(p)})) if {
	some p in inventory.resources(gcp.project_type)
	not _decided(p)
}

_decided(p) if count(_unreadable(p)) == 0

_decided(p) if count(_exempted(p)) > 0

# The project and its collected ancestors: the levels whose audit configs apply.
_levels(p) := [gcp.hierarchy[ref] | some ref in gcp.ancestors(p); gcp.hierarchy[ref]]

_unreadable(p) := [gcp.ancestors(level)[0] | some level in _levels(p); gcp.iam_unreadable(level)]

_not_collected(p) := [ref | some ref in gcp.ancestors(p); not gcp.hierarchy[ref]]

# allServices audit log configs over every level.
_all_services(p) := [c |
	some level in _levels(p)
	some c in inventory.array_at(object.get(level.config, "iamPolicy", null), "auditConfigs")
	c.service == "allServices"
]

_logged(p) := {l.logType | some c in _all_services(p); some l in inventory.array_at(c, "auditLogConfigs")}

_exempted(p) := {m | some c in _all_services(p); some l in inventory.array_at(c, "auditLogConfigs"); some m in inventory.array_at(l, "exemptedMembers")}

_missing(p) := [t | some t in _required; not t in _logged(p)]

_compliant(p) if {
	count(_missing(p)) == 0
	count(_exempted(p)) == 0
}

_fail_message(p) := msg if {
	parts := array.concat(
		[sprintf("allServices does not log %s", [concat(", ", _missing(p))]) | count(_missing(p)) > 0],
		[sprintf("exempted: %s", [concat(", ", sort([m | some m in _exempted(p)]))]) | count(_exempted(p)) > 0],
	)
	note := [sprintf("(%s not collected: inherited audit configs unseen)", [concat(", ", _not_collected(p))]) | count(_not_collected(p)) > 0]
	msg := concat(" ", array.concat([concat("; ", parts)], note))
}

_evidence(p) := {
	"allServices logTypes": sort([t | some t in _logged(p)]),
	"exemptedMembers": sort([m | some m in _exempted(p)]),
	"levels read": [gcp.ancestors(level)[0] | some level in _levels(p)],
	"levels not collected": _not_collected(p),
}
