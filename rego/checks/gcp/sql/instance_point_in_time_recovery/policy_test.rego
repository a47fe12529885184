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
