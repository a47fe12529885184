# METADATA
# title: GCP helpers
# description: |
#   Shared by the GCP checks: IAM policy members, the resource hierarchy (every Cloud Asset
#   carries its `ancestors`: projects/N, folders/N, organizations/N, nearest first), and the
#   collection errors that cover a resource. docs/resources/gcp.md describes the input.
package attestkit.lib.gcp

import data.attestkit.lib.inventory

# How the collector names a failed IAM_POLICY / ORG_POLICY listing on the resources it affects.
iam_policy_api := "cloudasset:ListAssets[IAM_POLICY]"

org_policy_api := "cloudasset:ListAssets[ORG_POLICY]"

project_type := "cloudresourcemanager.googleapis.com/Project"

folder_type := "cloudresourcemanager.googleapis.com/Folder"

organization_type := "cloudresourcemanager.googleapis.com/Organization"

# Members that mean "anyone on the internet" or "anyone with a Google account".
public_members := {"allUsers", "allAuthenticatedUsers"}

# The resource's IAM policy could not be listed.
iam_unreadable(r) if inventory.read_failed(r, iam_policy_api)

# The resource's organization policies could not be listed.
org_policy_unreadable(r) if inventory.read_failed(r, org_policy_api)

# The bindings of the resource's IAM policy; empty when it has none (or it is unreadable).
bindings(r) := inventory.array_at(object.get(r.config, "iamPolicy", null), "bindings")

# {role, member} for every binding of the resource's IAM policy to a public member.
public_grants(r) := [{"role": b.role, "member": m} |
	some b in bindings(r)
	some m in inventory.array_at(b, "members")
	m in public_members
]

# The resource's ancestry, nearest first: its project (projects/NUMBER), folders, organization.
ancestors(r) := inventory.array_at(r.config, "ancestors")

# The hierarchy resource (project, folder or organization) an ancestry entry names, by entry.
hierarchy := {ref: r |
	some t in [project_type, folder_type, organization_type]
	some r in inventory.resources(t)
	ref := ancestors(r)[0]
}

# The ancestry entries above the resource's own project (folders, organization), nearest first.
containers_above(p) := array.slice(ancestors(p), 1, count(ancestors(p)))

# A collection error left resources of `type` unread in a scope holding `r`: the scope is
# r's project (by id, as the manifest names project scopes) or one of r's ancestors.
scope_unreadable(r, type) if {
	some e in input.collection_errors
	type in inventory.array_at(e, "resource_types")
	e.account in _scope_names(r)
}

# Those collection errors, as evidence.
scope_errors(r, type) := [{"account": e.account, "api": e.api, "code": e.code} |
	some e in input.collection_errors
	type in inventory.array_at(e, "resource_types")
	e.account in _scope_names(r)
]

_scope_names(r) := {n | some n in ancestors(r)} | {n | n := object.get(r, "account", null); is_string(n)}

# A key of an instance or project metadata object (`items: [{key, value}]`), upper-cased; undefined when unset.
metadata_value(metadata, key) := values[0] if {
	values := [upper(item.value) |
		some item in inventory.array_at(metadata, "items")
		item.key == key
		is_string(item.value)
	]
	count(values) > 0
}
