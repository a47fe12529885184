package attestkit.checks.aws.rds.instance_not_publicly_accessible_test

import data.attestkit.checks.aws.rds.instance_not_publicly_accessible as check

_db(name, config) := {
	"id": sprintf("arn:aws:rds:us-east-1:111122223333:db:%s", [name]),
	"type": "AWS::RDS::DBInstance",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"DBInstanceIdentifier": name, "Engine": "mysql", "Endpoint": {"Address": sprintf("%s.example.rds.amazonaws.com", [name]), "Port": 3306}}, config),
	"errors": [],
}

_id(name) := sprintf("arn:aws:rds:us-east-1:111122223333:db:%s", [name])

_input(dbs) := {"resources": {"AWS::RDS::DBInstance": dbs}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_private if {
	rs := check.results with input as _input([_db("ehr", {"PubliclyAccessible": false})])
	_status(rs, _id("ehr")) == {"pass"}
}

test_fail_public if {
	rs := check.results with input as _input([_db("reports", {"PubliclyAccessible": true})])
	_status(rs, _id("reports")) == {"fail"}
}

test_fail_flag_absent_is_not_a_pass if {
	rs := check.results with input as _input([_db("odd", {})])
	_status(rs, _id("odd")) == {"fail"}
}

test_each_instance_gets_exactly_one_status if {
	rs := check.results with input as _input([_db("a", {"PubliclyAccessible": false}), _db("b", {"PubliclyAccessible": true})])
	_status(rs, _id("a")) == {"pass"}
	_status(rs, _id("b")) == {"fail"}
}

test_no_result_without_instances if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

test_error_publiclyaccessible_known_after_apply if {
	planned := {"PubliclyAccessible": "(known after apply)", "_terraform": {"unknown": ["PubliclyAccessible"]}}
	rs := check.results with input as _input([_db("planned", planned)])
	_status(rs, _id("planned")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["PubliclyAccessible"]
	startswith(r.message, "cannot judge before apply: PubliclyAccessible known only after apply")
}
