package attestkit.checks.aws.elasticache.encryption_at_rest_test

import data.attestkit.checks.aws.elasticache.encryption_at_rest as check

_group_id(name) := sprintf("arn:aws:elasticache:us-east-1:111122223333:replicationgroup:%s", [name])

_cluster_id(name) := sprintf("arn:aws:elasticache:us-east-1:111122223333:cluster:%s", [name])

_group(name, config) := {
	"id": _group_id(name),
	"type": "AWS::ElastiCache::ReplicationGroup",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"ReplicationGroupId": name, "Engine": "redis"}, config),
	"errors": [],
}

_cluster(name, config) := {
	"id": _cluster_id(name),
	"type": "AWS::ElastiCache::CacheCluster",
	"account": "111122223333",
	"region": "us-east-1",
	"config": object.union({"CacheClusterId": name}, config),
	"errors": [],
}

_input(groups, clusters) := {
	"resources": {"AWS::ElastiCache::ReplicationGroup": groups, "AWS::ElastiCache::CacheCluster": clusters},
	"collection_errors": [],
	"collected_at": "2026-11-28T00:00:00Z",
}

_status(results, id) := {r.status | some r in results; r.resource == id}

test_pass_replication_group_encrypted if {
	rs := check.results with input as _input([_group("sessions", {"AtRestEncryptionEnabled": true})], [])
	_status(rs, _group_id("sessions")) == {"pass"}
}

test_pass_standalone_redis_encrypted if {
	rs := check.results with input as _input([], [_cluster("solo", {"Engine": "redis", "AtRestEncryptionEnabled": true})])
	_status(rs, _cluster_id("solo")) == {"pass"}
}

test_fail_replication_group_unencrypted if {
	rs := check.results with input as _input([_group("sessions", {"AtRestEncryptionEnabled": false})], [])
	_status(rs, _group_id("sessions")) == {"fail"}
}

test_fail_memcached_without_flag if {
	rs := check.results with input as _input([], [_cluster("mc", {"Engine": "memcached"})])
	_status(rs, _cluster_id("mc")) == {"fail"}
	some r in rs
	r.message == "Memcached cluster: no encryption at rest"
	r.evidence.AtRestEncryptionEnabled == null
}

test_each_cache_gets_exactly_one_status if {
	groups := [_group("g1", {"AtRestEncryptionEnabled": true}), _group("g2", {"AtRestEncryptionEnabled": false})]
	clusters := [_cluster("c1", {"Engine": "memcached", "AtRestEncryptionEnabled": false})]
	rs := check.results with input as _input(groups, clusters)
	_status(rs, _group_id("g1")) == {"pass"}
	_status(rs, _group_id("g2")) == {"fail"}
	_status(rs, _cluster_id("c1")) == {"fail"}
	count(rs) == 3
}

test_no_result_without_caches if {
	rs := check.results with input as _input([], [])
	count(rs) == 0
}

# A Terraform plan writes a value known only after apply as the sentinel and lists its path.
test_error_at_rest_known_after_apply if {
	planned := {"AtRestEncryptionEnabled": "(known after apply)", "_terraform": {"unknown": ["AtRestEncryptionEnabled"]}}
	rs := check.results with input as _input([_group("g", planned)], [])
	_status(rs, _group_id("g")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["AtRestEncryptionEnabled"]
	startswith(r.message, "cannot judge before apply: AtRestEncryptionEnabled")
}
