# METADATA
# title: A log sink exports all of each project's logs
# description: |
#   Every project's logs are all exported by at least one enabled sink with an empty filter
#   and no active exclusion: a sink of the project itself, or a sink of one of its folders or
#   its organization with `includeChildren` (collected with the organization). Exported logs
#   outlive the default retention and survive the project. When no such sink is found and
#   the sinks of the project's scope could not be listed, the project is `error`.
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

results contains result.pass(p, sprintf("all logs exported by %s", [concat(", ", sort([id | some id in _exporting(p)]))]), _evidence(p)) if {
	some p in inventory.resources(gcp.project_type)
	_compliant(p)
}

results contains result.fail(p, _fail_message(p), _evidence(p)) if {
	some p in inventory.resources(gcp.project_type)
	not _compliant(p)
	not gcp.scope_unreadable(p, _sink_type)
}

results contains result.error(p, "no sink exporting all logs was found, and the sinks of its scope could not be listed", object.union(_evidence(p), {"errors": gcp.scope_errors(p, _sink_type)})) if {
	some p in inventory.resources(gcp.project_type)
	not _compliant(p)
	gcp.scope_unreadable(p, _sink_type)
}

_compliant(p) if count(_exporting(p)) > 0

# The sinks that export every log entry of the project: its own, and those of the folders
# and organization above it that include children. Indexed by parent, so each project is
# judged by lookups, not a scan of every sink.
_exporting(p) := {id | some id in _exporters[gcp.ancestors(p)[0]]} | {id |
	some ref in gcp.containers_above(p)
	some id in _inheritable[ref]
}

# Sinks exporting every entry, by their parent's ancestry entry (projects/N, folders/N, organizations/N).
_exporters[ref] contains s.id if {
	some s in inventory.resources(_sink_type)
	_exports_all(s)
	ref := gcp.ancestors(s)[0]
}

_inheritable[ref] contains s.id if {
	some s in inventory.resources(_sink_type)
	_exports_all(s)
	object.get(s.config, "includeChildren", false) == true
	ref := gcp.ancestors(s)[0]
}

_exports_all(s) if {
	object.get(s.config, "filter", "") == ""
	object.get(s.config, "disabled", false) != true
	count([e | some e in inventory.array_at(s.config, "exclusions"); object.get(e, "disabled", false) != true]) == 0
}

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
	f.includeChildren == true
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
