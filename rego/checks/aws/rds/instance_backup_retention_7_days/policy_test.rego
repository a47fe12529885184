package attestkit.checks.aws.rds.instance_backup_retention_7_days_test

import data.attestkit.checks.aws.rds.instance_backup_retention_7_days as check

_db(name, config) := {
	"id": sprintf("arn:aws:rds:us-east-1:111122223333:db:%s", [name]),
	"type": "AWS::RDS::DBInstance",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"DBInstanceIdentifier": name, "Engine": "postgres"}, config),
	"errors": [],
}

_id(name) := sprintf("arn:aws:rds:us-east-1:111122223333:db:%s", [name])

_input(dbs) := {"resources": {"AWS::RDS::DBInstance": dbs}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_seven_days if {
	rs := check.results with input as _input([_db("eu", {"BackupRetentionPeriod": 7})])
	_status(rs, _id("eu")) == {"pass"}
}

test_pass_thirty_five_days if {
	rs := check.results with input as _input([_db("ehr", {"BackupRetentionPeriod": 35})])
	_status(rs, _id("ehr")) == {"pass"}
}

test_fail_one_day if {
	rs := check.results with input as _input([_db("reports", {"BackupRetentionPeriod": 1})])
	_status(rs, _id("reports")) == {"fail"}
}

test_fail_backups_off if {
	rs := check.results with input as _input([_db("scratch", {"BackupRetentionPeriod": 0})])
	_status(rs, _id("scratch")) == {"fail"}
	some r in rs
	r.message == "automated backups turned off"
}

test_fail_retention_absent if {
	rs := check.results with input as _input([_db("odd", {})])
	_status(rs, _id("odd")) == {"fail"}
}

test_no_result_cluster_member if {
	rs := check.results with input as _input([_db("aurora-1", {"DBClusterIdentifier": "aurora", "BackupRetentionPeriod": 1})])
	_status(rs, _id("aurora-1")) == set()
}

test_no_result_read_replica if {
	rs := check.results with input as _input([_db("replica", {"ReadReplicaSourceDBInstanceIdentifier": "ehr", "BackupRetentionPeriod": 0})])
	_status(rs, _id("replica")) == set()
}

test_no_result_without_instances if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
test_error_retention_known_after_apply if {
	planned := {"BackupRetentionPeriod": "(known after apply)", "_terraform": {"unknown": ["BackupRetentionPeriod"]}}
	rs := check.results with input as _input([_db("ehr", planned)])
	_status(rs, _id("ehr")) == {"error"}
	some r in rs
	r.evidence == {"BackupRetentionPeriod": "(known after apply)", "required_days": 7, "known_after_apply": ["BackupRetentionPeriod"]}
	startswith(r.message, "cannot judge before apply: BackupRetentionPeriod")
}
