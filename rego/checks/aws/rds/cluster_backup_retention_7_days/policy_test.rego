package attestkit.checks.aws.rds.cluster_backup_retention_7_days_test

import data.attestkit.checks.aws.rds.cluster_backup_retention_7_days as check

_cluster(name, config) := {
	"id": sprintf("arn:aws:rds:us-east-1:111122223333:cluster:%s", [name]),
	"type": "AWS::RDS::DBCluster",
	"account": "111122223333",
	"region": "us-east-1",
	"name": name,
	"config": object.union({"DBClusterIdentifier": name, "Engine": "aurora-postgresql"}, config),
	"errors": [],
}

_id(name) := sprintf("arn:aws:rds:us-east-1:111122223333:cluster:%s", [name])

_input(clusters) := {"resources": {"AWS::RDS::DBCluster": clusters}, "collection_errors": [], "collected_at": "2026-11-28T00:00:00Z"}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_fourteen_days if {
	rs := check.results with input as _input([_cluster("scheduling", {"BackupRetentionPeriod": 14})])
	_status(rs, _id("scheduling")) == {"pass"}
}

test_pass_exactly_seven_days if {
	rs := check.results with input as _input([_cluster("week", {"BackupRetentionPeriod": 7})])
	_status(rs, _id("week")) == {"pass"}
}

test_fail_one_day if {
	rs := check.results with input as _input([_cluster("video", {"BackupRetentionPeriod": 1})])
	_status(rs, _id("video")) == {"fail"}
	some r in rs
	r.evidence == {"BackupRetentionPeriod": 1, "required_days": 7}
}

test_fail_retention_absent if {
	rs := check.results with input as _input([_cluster("odd", {})])
	_status(rs, _id("odd")) == {"fail"}
}

test_no_result_without_clusters if {
	rs := check.results with input as _input([])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
test_error_retention_known_after_apply if {
	planned := {"BackupRetentionPeriod": "(known after apply)", "_terraform": {"unknown": ["BackupRetentionPeriod"]}}
	rs := check.results with input as _input([_cluster("analytics", planned)])
	_status(rs, _id("analytics")) == {"error"}
	some r in rs
	r.evidence == {"BackupRetentionPeriod": "(known after apply)", "required_days": 7, "known_after_apply": ["BackupRetentionPeriod"]}
	startswith(r.message, "cannot judge before apply: BackupRetentionPeriod")
}
