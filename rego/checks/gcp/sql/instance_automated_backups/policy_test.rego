package attestkit.checks.gcp.sql.instance_automated_backups_test

import data.attestkit.checks.gcp.sql.instance_automated_backups as check

_id(name) := sprintf("//cloudsql.googleapis.com/projects/carebridge-prod/instances/%s", [name])

_instance(name, instance_type, backup) := {
	"id": _id(name),
	"type": "sqladmin.googleapis.com/Instance",
	"account": "carebridge-prod",
	"region": "us-central1",
	"config": {"name": name, "instanceType": instance_type, "settings": {"backupConfiguration": backup}},
	"errors": [],
}

_input(instances) := {"resources": {"sqladmin.googleapis.com/Instance": instances}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_backups_enabled if {
	rs := check.results with input as _input([_instance("a", "CLOUD_SQL_INSTANCE", {"enabled": true, "startTime": "03:00"})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_backups_disabled if {
	rs := check.results with input as _input([_instance("b", "CLOUD_SQL_INSTANCE", {"enabled": false})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_no_backup_configuration if {
	rs := check.results with input as _input([_instance("b", "CLOUD_SQL_INSTANCE", null)])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_instance_type_absent_is_a_primary if {
	i := _instance("b", "x", {"enabled": false})
	rs := check.results with input as _input([object.union(object.remove(i, ["config"]), {"config": object.remove(i.config, ["instanceType"])})])
	_status(rs, _id("b")) == {"fail"}
}

test_no_result_read_replica if {
	rs := check.results with input as _input([_instance("r", "READ_REPLICA_INSTANCE", {"enabled": false})])
	_status(rs, _id("r")) == set()
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned(backup) := object.union(_instance("p", "CLOUD_SQL_INSTANCE", backup), {
	"id": "google_sql_database_instance.p",
	"config": {"_terraform": {"unknown": ["settings.backupConfiguration.enabled"]}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "settings.backup_configuration.enabled is known only after apply"}],
})

test_error_backups_known_after_apply if {
	rs := check.results with input as _input([_planned({"enabled": "(known after apply)"})])
	_status(rs, "google_sql_database_instance.p") == {"error"}
	some r in rs
	r.evidence == {
		"settings.backupConfiguration.enabled": "(known after apply)",
		"settings.backupConfiguration.backupRetentionSettings": null,
		"known_after_apply": ["settings.backupConfiguration.enabled"],
	}
	r.message == "cannot judge before apply: settings.backupConfiguration.enabled known only after apply; judge the applied resource"
}
