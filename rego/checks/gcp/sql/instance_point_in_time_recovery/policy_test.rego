package attestkit.checks.gcp.sql.instance_point_in_time_recovery_test

import data.attestkit.checks.gcp.sql.instance_point_in_time_recovery as check

_id(name) := sprintf("//cloudsql.googleapis.com/projects/carebridge-prod/instances/%s", [name])

_instance(name, version, instance_type, backup) := {
	"id": _id(name),
	"type": "sqladmin.googleapis.com/Instance",
	"account": "carebridge-prod",
	"region": "us-central1",
	"config": {"name": name, "databaseVersion": version, "instanceType": instance_type, "settings": {"backupConfiguration": backup}},
	"errors": [],
}

_input(instances) := {"resources": {"sqladmin.googleapis.com/Instance": instances}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_postgres_pitr if {
	rs := check.results with input as _input([_instance("a", "POSTGRES_15", "CLOUD_SQL_INSTANCE", {"enabled": true, "pointInTimeRecoveryEnabled": true})])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_mysql_binary_log if {
	rs := check.results with input as _input([_instance("a", "MYSQL_8_0", "CLOUD_SQL_INSTANCE", {"enabled": true, "binaryLogEnabled": true})])
	_status(rs, _id("a")) == {"pass"}
}

test_pass_mysql_pitr_flag if {
	rs := check.results with input as _input([_instance("a", "MYSQL_8_4", "CLOUD_SQL_INSTANCE", {"enabled": true, "pointInTimeRecoveryEnabled": true})])
	_status(rs, _id("a")) == {"pass"}
}

test_fail_postgres_pitr_off if {
	rs := check.results with input as _input([_instance("b", "POSTGRES_14", "CLOUD_SQL_INSTANCE", {"enabled": true, "pointInTimeRecoveryEnabled": false})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_postgres_binary_log_does_not_count if {
	rs := check.results with input as _input([_instance("b", "POSTGRES_14", "CLOUD_SQL_INSTANCE", {"enabled": true, "binaryLogEnabled": true})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_mysql_binary_log_off if {
	rs := check.results with input as _input([_instance("b", "MYSQL_8_0", "CLOUD_SQL_INSTANCE", {"enabled": true, "binaryLogEnabled": false})])
	_status(rs, _id("b")) == {"fail"}
}

test_fail_pitr_without_backups if {
	rs := check.results with input as _input([_instance("b", "POSTGRES_15", "CLOUD_SQL_INSTANCE", {"enabled": false, "pointInTimeRecoveryEnabled": true})])
	_status(rs, _id("b")) == {"fail"}
	some r in rs
	r.message == "automated backups are off, so there is nothing to recover from"
}

test_no_result_read_replica if {
	rs := check.results with input as _input([_instance("r", "POSTGRES_15", "READ_REPLICA_INSTANCE", {"enabled": false})])
	_status(rs, _id("r")) == set()
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned(version, backup) := object.union(_instance("p", version, "CLOUD_SQL_INSTANCE", backup), {
	"id": "google_sql_database_instance.p",
	"config": {"_terraform": {"unknown": ["settings.backupConfiguration.enabled"]}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "settings.backup_configuration.enabled is known only after apply"}],
})

test_error_pitr_on_backups_known_after_apply if {
	rs := check.results with input as _input([_planned("POSTGRES_15", {"enabled": "(known after apply)", "pointInTimeRecoveryEnabled": true})])
	_status(rs, "google_sql_database_instance.p") == {"error"}
	some r in rs
	r.evidence["known_after_apply"] == ["settings.backupConfiguration.enabled"]
	r.evidence["settings.backupConfiguration.enabled"] == "(known after apply)"
	r.message == "cannot judge before apply: settings.backupConfiguration.enabled known only after apply; judge the applied resource"
}

test_fail_no_log_recovery_whatever_backups_turn_out if {
	rs := check.results with input as _input([_planned("MYSQL_8_0", {"enabled": "(known after apply)", "binaryLogEnabled": false})])
	_status(rs, "google_sql_database_instance.p") == {"fail"}
	some r in rs
	r.message == "point-in-time recovery disabled"
}

_planned_with(version, backup, unknown) := object.union(_instance("p", version, "CLOUD_SQL_INSTANCE", backup), {
	"id": "google_sql_database_instance.p",
	"config": {"_terraform": {"unknown": unknown}},
	"errors": [{"api": "terraform:after_unknown", "code": "KnownAfterApply", "message": "a value is known only after apply"}],
})

_unknown := "(known after apply)"

test_error_pitr_known_after_apply if {
	backup := {"enabled": true, "pointInTimeRecoveryEnabled": _unknown}
	rs := check.results with input as _input([_planned_with("POSTGRES_15", backup, [_pitr])])
	_status(rs, "google_sql_database_instance.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == [_pitr]
	r.message == "cannot judge before apply: settings.backupConfiguration.pointInTimeRecoveryEnabled known only after apply; judge the applied resource"
}

test_error_mysql_binary_log_known_after_apply if {
	backup := {"enabled": true, "binaryLogEnabled": _unknown}
	rs := check.results with input as _input([_planned_with("MYSQL_8_0", backup, [_binlog])])
	_status(rs, "google_sql_database_instance.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == [_binlog]
}

test_error_backups_and_pitr_known_after_apply if {
	backup := {"enabled": _unknown, "pointInTimeRecoveryEnabled": _unknown}
	rs := check.results with input as _input([_planned_with("POSTGRES_15", backup, [_enabled, _pitr])])
	_status(rs, "google_sql_database_instance.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == [_enabled, _pitr]
}

test_error_names_only_the_values_waited_for if {
	backup := {"enabled": _unknown, "binaryLogEnabled": true, "pointInTimeRecoveryEnabled": _unknown}
	rs := check.results with input as _input([_planned_with("MYSQL_8_0", backup, [_enabled, _pitr])])
	_status(rs, "google_sql_database_instance.p") == {"error"}
	some r in rs
	r.evidence.known_after_apply == [_enabled]
}

test_fail_postgres_binary_log_known_after_apply_does_not_count if {
	backup := {"enabled": true, "pointInTimeRecoveryEnabled": false, "binaryLogEnabled": _unknown}
	rs := check.results with input as _input([_planned_with("POSTGRES_15", backup, [_binlog])])
	_status(rs, "google_sql_database_instance.p") == {"fail"}
}

test_fail_backups_off_whatever_pitr_turns_out if {
	backup := {"enabled": false, "pointInTimeRecoveryEnabled": _unknown}
	rs := check.results with input as _input([_planned_with("POSTGRES_15", backup, [_pitr])])
	_status(rs, "google_sql_database_instance.p") == {"fail"}
	some r in rs
	r.message == "automated backups are off, so there is nothing to recover from"
}

test_pass_mysql_binary_log_on_pitr_known_after_apply if {
	backup := {"enabled": true, "binaryLogEnabled": true, "pointInTimeRecoveryEnabled": _unknown}
	rs := check.results with input as _input([_planned_with("MYSQL_8_0", backup, [_pitr])])
	_status(rs, "google_sql_database_instance.p") == {"pass"}
	some r in rs
	r.evidence.known_after_apply == [_pitr]
}

_enabled := "settings.backupConfiguration.enabled"

_pitr := "settings.backupConfiguration.pointInTimeRecoveryEnabled"

_binlog := "settings.backupConfiguration.binaryLogEnabled"
