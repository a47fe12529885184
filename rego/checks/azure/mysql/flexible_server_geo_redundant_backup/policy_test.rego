package attestkit.checks.azure.mysql.flexible_server_geo_redundant_backup_test

import data.attestkit.checks.azure.mysql.flexible_server_geo_redundant_backup as check

_id(name) := sprintf("/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/rg/providers/Microsoft.DBforMySQL/flexibleServers/%s", [name])

_server(name, backup) := {
	"id": _id(name),
	"type": "Microsoft.DBforMySQL/flexibleServers",
	"account": "11111111-2222-3333-4444-555555555555",
	"region": "eastus",
	"name": name,
	"config": {"properties": {"version": "8.0.21", "state": "Ready", "backup": backup}},
	"errors": [],
}

_input(servers) := {"resources": {"Microsoft.DBforMySQL/flexibleServers": servers}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_geo_redundant if {
	rs := check.results with input as _input([_server("a", {"backupRetentionDays": 35, "geoRedundantBackup": "Enabled"})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_locally_redundant if {
	rs := check.results with input as _input([_server("b", {"backupRetentionDays": 7, "geoRedundantBackup": "Disabled"})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_backup_settings_absent if {
	rs := check.results with input as _input([_server("c", null)])
	_status(rs, _id("c")) == {"fail"}
}

test_each_server_gets_exactly_one_status if {
	rs := check.results with input as _input([
		_server("a", {"geoRedundantBackup": "Enabled"}),
		_server("b", {"geoRedundantBackup": "Disabled"}),
	])
	expected := {"a": "pass", "b": "fail"}
	every name, status in expected {
		_status(rs, _id(name)) == {status}
	}
}

# As `attest collect terraform` writes a resource whose values at `paths` (live-vocabulary
# paths) Terraform knows only after apply: the sentinel in config, the paths listed.
_planned(resource, paths) := object.union(resource, {
	"config": object.union(resource.config, {"_terraform": {"address": "azurerm_x.this", "unknown": paths}}),
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "azurerm_x.this is known only after apply"}],
})

test_error_geo_redundant_backup_known_after_apply if {
	rs := check.results with input as _input([_planned(_server("d", {"backupRetentionDays": 7, "geoRedundantBackup": "(known after apply)"}), ["properties.backup.geoRedundantBackup"])])
	_status(rs, _id("d")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["properties.backup.geoRedundantBackup"]
	startswith(r.message, "cannot judge before apply: properties.backup.geoRedundantBackup known only after apply")
}
