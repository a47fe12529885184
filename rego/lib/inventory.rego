# METADATA
# title: Inventory helpers
# description: |
#   Access to the evaluation input, which attestkit builds from an evidence bundle:
#     input.resources          object: resource type -> array of Resource (docs/design.md)
#     input.collection_errors  array of CollectionError: scopes that could not be read
#     input.collected_at       RFC 3339 time the collection finished; "now" for age checks,
#                              so a bundle judged twice is judged the same
package attestkit.lib.inventory

# All resources of one type; an empty array when the type was not collected.
resources(type) := object.get(input.resources, type, [])

# The resource's read of `api` (e.g. "s3:GetBucketEncryption") failed.
read_failed(r, api) if {
	some e in r.errors
	e.api == api
}

# Some read among `apis` failed.
any_read_failed(r, apis) if {
	some api in apis
	read_failed(r, api)
}

# A message naming the first failed read among `apis`.
read_error_message(r, apis) := sprintf("could not read %s: %s", [e.api, e.code]) if {
	failed := [e | some e in r.errors; e.api in apis]
	e := failed[0]
}

# The failed reads among `apis`, as evidence.
read_errors(r, apis) := [{"api": e.api, "code": e.code} | some e in r.errors; e.api in apis]

# A whole scope holding resources of `type` in `account` could not be read.
scope_unreadable(account, type) if {
	some e in input.collection_errors
	e.account == account
	type in e.resource_types
}

# The collection errors that left resources of `type` in `account` unread, as evidence.
scope_errors(account, type) := [{"api": e.api, "code": e.code, "region": object.get(e, "region", null)} |
	some e in input.collection_errors
	e.account == account
	type in e.resource_types
]

# Nanoseconds since the epoch at collection time.
collected_at_ns := time.parse_rfc3339_ns(input.collected_at)

# Whole days between an RFC 3339 timestamp and collection time.
days_before_collection(ts) := floor((collected_at_ns - time.parse_rfc3339_ns(ts)) / 86400000000000)

# The resources of `type` whose `account` is `account`.
in_account(type, account) := [r | some r in resources(type); r.account == account]

# The array at `path` (a key, or an array of keys) in `obj`; an empty array when the value is
# absent, null or not an array. The contract writes null for "there is none", and regorus
# raises an error (OPA does not) when `some x in` or `count` meets a null.
array_at(obj, path) := v if {
	is_object(obj)
	v := object.get(obj, path, [])
	is_array(v)
} else := []

# Terraform plans ---------------------------------------------------------------------------
# `attest collect terraform` writes a value Terraform will know only after apply as this
# sentinel (the words `terraform plan` prints), distinct from absent and from any real value.
# A live collection never writes it.
after_apply := "(known after apply)"

# `value` is known only after apply.
unknown_until_apply(value) if value == after_apply

# The paths among `paths` (live-vocabulary paths such as "MetadataOptions.HttpTokens") whose
# values are known only after apply: the plan collector lists them in config._terraform.unknown.
# Empty for a live resource.
unknown_paths(r, paths) := sort([p | some p in paths; p in array_at(r.config, ["_terraform", "unknown"])])

# Some value among `paths` is known only after apply: a check that needs it answers `error`
# with after_apply_message, not `pass` or `fail` on the placeholder.
known_after_apply(r, paths) if count(unknown_paths(r, paths)) > 0

# `evidence` plus "known_after_apply": the unknown paths among `paths`, when there are any.
# A check whose known values decide the verdict although some of `paths` is unknown (a pass
# despite a placeholder) shows it this way; `attest evaluate` turns a pass whose evidence holds
# the placeholder without this key into `error`.
with_unknown(r, paths, evidence) := object.union(evidence, {"known_after_apply": unknown_paths(r, paths)}) if {
	known_after_apply(r, paths)
} else := evidence

# "cannot judge before apply: X, Y known only after apply" for the unknown paths among `paths`.
after_apply_message(r, paths) := sprintf("cannot judge before apply: %s known only after apply; judge the applied resource", [concat(", ", unknown_paths(r, paths))])
