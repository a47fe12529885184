package attestkit.checks.aws.rds.instance_iam_authentication_test

import data.attestkit.checks.aws.rds.instance_iam_authentication as check

_db(name, engine, config) := {
	"id": sprintf("arn:aws:rds:us-east-1:111122223333:db:%s", [name]),
	"type": "AWS::RDS::DBInstance",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"DBInstanceIdentifier": name, "Engine": engine}, config),
	"errors": [],
}

_id(name) := sprintf("arn:aws:rds:us-east-1:111122223333:db:%s", [name])

_input(dbs) := {"resources": {"AWS::RDS::DBInstance": dbs}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_postgres_with_iam_auth if {
	rs := check.results with input as _input([_db("ehr", "postgres", {"IAMDatabaseAuthenticationEnabled": true})])
	_status(rs, _id("ehr")) == {"pass"}
}

test_fail_mysql_without_iam_auth if {
	rs := check.results with input as _input([_db("reports", "mysql", {"IAMDatabaseAuthenticationEnabled": false})])
	_status(rs, _id("reports")) == {"fail"}
}

test_fail_flag_absent if {
	rs := check.results with input as _input([_db("odd", "mariadb", {})])
	_status(rs, _id("odd")) == {"fail"}
}

test_no_result_engine_without_iam_auth if {
	dbs := [_db("billing", "sqlserver-se", {"IAMDatabaseAuthenticationEnabled": false}), _db("erp", "oracle-ee", {})]
	rs := check.results with input as _input(dbs)
	count(rs) == 0
}

test_no_result_cluster_member if {
	rs := check.results with input as _input([_db("aurora-1", "mysql", {"DBClusterIdentifier": "c", "IAMDatabaseAuthenticationEnabled": false})])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
_planned := {"_terraform": {"unknown": ["Engine"]}}

test_error_engine_known_after_apply if {
	rs := check.results with input as _input([_db("restored", "(known after apply)", object.union(_planned, {"IAMDatabaseAuthenticationEnabled": false}))])
	_status(rs, _id("restored")) == {"error"}
	some r in rs
	r.evidence == {"Engine": "(known after apply)", "IAMDatabaseAuthenticationEnabled": false, "known_after_apply": ["Engine"]}
	startswith(r.message, "cannot judge before apply: Engine")
}

test_pass_engine_known_after_apply_iam_auth_on if {
	rs := check.results with input as _input([_db("restored", "(known after apply)", object.union(_planned, {"IAMDatabaseAuthenticationEnabled": true}))])
	_status(rs, _id("restored")) == {"pass"}
}

test_error_iam_flag_known_after_apply if {
	planned := {"IAMDatabaseAuthenticationEnabled": "(known after apply)", "_terraform": {"unknown": ["IAMDatabaseAuthenticationEnabled"]}}
	rs := check.results with input as _input([_db("planned-flag", "postgres", planned)])
	_status(rs, _id("planned-flag")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["IAMDatabaseAuthenticationEnabled"]
}
