# METADATA
# title: A log sink exports all of each project's logs
# description: |
#   Every project's logs are all exported by at least one enabled sink with an empty filter
#   and no active exclusion: a sink of the project itself, or a sink of one of its folders or
#   its organization with `includeChildren` (collected with the organization). Exported logs
#   outlive the default retention and survive the project. When no such sink is found and
#   the sinks of the project's scope could not be listed, the project is `error`; so it is
#   when a sink would export all logs but a Terraform plan leaves its filter, `disabled`, an
#   exclusion's `disabled` or (for an inherited sink) `includeChildren` to be known after apply.
# related_resources:
#   - ref: https://cloud.google.com/logging/docs/export/configure_export_v2
#   - ref: https://cloud.google.com/logging/docs/export/aggregated_sinks
# custom:
#   id: gcp.logging.sink_exports_all_logs
#   severity: medium
#   resource_types: [cloudresourcemanager.googleapis.com/Project, cloudresourcemanager.googleapis.com/Folder, cloudresourcemanager.googleapis.com/Organization, logging.googleapis.com/LogSink]
#   remediation: |
#     gcloud logging sinks create all-logs storage.googleapis.com/ARCHIVE_BUCKET
#     --organization=ORG_ID --include-children (no --log-filter), then grant its writer identity
#     roles/storage.objectCreator on the bucket.
package attestkit.checks.gcp.logging.sink_exports_all_logs

import data.attestkit.lib.gcp as gcp
import data.attestkit.lib.inventory
import data.attestkit.lib.result

_sink_type := "logging.googleapis.com/LogSink"

# Paths a Terraform plan can leave known only after apply (on sinks).
_paths := ["filter", "disabled", "exclusions[].disabled"]

_children_path := "includeChildren"

results contains result.pass(p, sprintf("all logs exported by %s", [concat(", ", sort([id | some id in _exporting(p)]))]), _evidence(p)) if {
	some p in inventory.resources(gcp.project_type)
	_compliant(p)
}

results contains result.fail(p, _fail_message(p), _evidence(p)) if {
	some p in inventory.resources(gcp.project_type)
	not _compliant(p)
	not _undecided(p)
	not gcp.scope_unreadable(p, _sink_type)
}

results contains result.error(p, "no sink exporting all logs was found, and the sinks of its scope could not be listed", object.union(_evidence(p), {"errors": gcp.scope_errors(p, _sink_type)})) if {
	some p in inventory.resources(gcp.project_type)
	not _compliant(p)
	not _undecided(p)
	gcp.scope_unreadable(p, _sink_type)
}

results contains result.error(p, sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [concat(", ", _pending_paths(p))]), object.union(_evidence(p), {"known_after_apply": _pending_paths(p)})) if {
	some p in inventory.resources(gcp.project_type)
	_undecided(p)
}

_compliant(p) if count(_exporting(p)) > 0

# No sink is known to export every log, but one would unless a value known only after apply
# says otherwise.
_undecided(p) if {
	not _compliant(p)
	count(_pending(p)) > 0
}

# The sinks that export every log entry of the project: its own, and those of the folders
# and organization above it that include children.
_exporting(p) := _applying(p, "all")

# The sinks that would, but for values known only after apply.
_pending(p) := _applying(p, "after apply")

# Indexed by parent, so each project is judged by lookups, not a scan of every sink.
_applying(p, state) := {e.sink | some e in _exporters[gcp.ancestors(p)[0]]; e.state == state} | {e.sink |
	some ref in gcp.containers_above(p)
	some e in _inheritable[ref]
	e.state == state
}

# Sinks exporting every entry (state "all"), or that would but for values known only after apply
# ("after apply"), by their parent's ancestry entry (projects/N, folders/N, organizations/N).
_exporters[ref] contains {"sink": s.id, "state": state} if {
	some s in inventory.resources(_sink_type)
	state := _export_state(s)
	ref := gcp.ancestors(s)[0]
}

_inheritable[ref] contains {"sink": s.id, "state": state} if {
	some s in inventory.resources(_sink_type)
	state := _export_state(s)
	object.get(s.config, "includeChildren", false) == true
	ref := gcp.ancestors(s)[0]
}

# A sink of a folder or organization whose `includeChildren` is known only after apply would
# export its projects' logs too if it turned out true.
_inheritable[ref] contains {"sink": s.id, "state": "after apply"} if {
	some s in inventory.resources(_sink_type)
	_export_state(s)
	inventory.unknown_until_apply(object.get(s.config, "includeChildren", false))
	ref := gcp.ancestors(s)[0]
}

_export_state(s) := "all" if {
	_may_export_all(s)
	object.get(s.config, "filter", "") == ""
	not inventory.known_after_apply(s, _paths)
} else := "after apply" if {
	_may_export_all(s)
}

# Exports every entry, taking a filter known only after apply to be empty, and a `disabled`
# of the sink or of an exclusion known only after apply to be false and true.
_may_export_all(s) if {
	object.get(s.config, "filter", "") in {"", inventory.after_apply}
	object.get(s.config, "disabled", false) != true
	count([e | some e in inventory.array_at(s.config, "exclusions"); _active(e)]) == 0
}

# An exclusion known to be in force.
_active(e) if {
	value := object.get(e, "disabled", false)
	value != true
	not inventory.unknown_until_apply(value)
}

_sink_by_id := {s.id: s | some s in inventory.resources(_sink_type)}

# "SINK: path" for each value known only after apply that the pending sinks wait for (an
# inherited sink's includeChildren among them).
_pending_paths(p) := sort([sprintf("%s: %s", [id, path]) |
	some id in _pending(p)
	some path in inventory.unknown_paths(_sink_by_id[id], array.concat(_paths, [_children_path]))
])

# Every sink by parent, as evidence.
_by_parent[ref] contains fact if {
	some s in inventory.resources(_sink_type)
	ref := gcp.ancestors(s)[0]
	fact := {
		"sink": s.id,
		"filter": object.get(s.config, "filter", ""),
		"disabled": object.get(s.config, "disabled", false),
		"includeChildren": object.get(s.config, "includeChildren", false),
	}
}

# The sinks that apply to the project: its own, and inherited ones of the levels above.
_sinks(p) := sort([f | some f in _by_parent[gcp.ancestors(p)[0]]]) if {
	_by_parent[gcp.ancestors(p)[0]]
} else := []

_inherited_sinks(p) := [f |
	some ref in gcp.containers_above(p)
	some f in _by_parent[ref]
	f.includeChildren in {true, inventory.after_apply}
]

_not_collected(p) := [ref | some ref in gcp.containers_above(p); not gcp.hierarchy[ref]]

_fail_message(p) := msg if {
	base := "no enabled sink without filter or exclusions exports the project's logs"
	note := [sprintf("(%s not collected: their sinks unseen)", [concat(", ", _not_collected(p))]) | count(_not_collected(p)) > 0]
	msg := concat(" ", array.concat([base], note))
}

_evidence(p) := {
	"sinks applying to the project": array.concat(_sinks(p), _inherited_sinks(p)),
	"levels not collected": _not_collected(p),
}
