package attestkit.checks.aws.elasticache.encryption_in_transit_test

import data.attestkit.checks.aws.elasticache.encryption_in_transit as check

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

test_pass_tls_required if {
	config := {"TransitEncryptionEnabled": true, "TransitEncryptionMode": "required"}
	rs := check.results with input as _input([_group("g", config)], [])
	_status(rs, _group_id("g")) == {"pass"}
}

test_pass_tls_without_mode_field if {
	rs := check.results with input as _input([], [_cluster("c", {"Engine": "memcached", "TransitEncryptionEnabled": true})])
	_status(rs, _cluster_id("c")) == {"pass"}
}

test_fail_tls_preferred if {
	config := {"TransitEncryptionEnabled": true, "TransitEncryptionMode": "preferred"}
	rs := check.results with input as _input([_group("g", config)], [])
	_status(rs, _group_id("g")) == {"fail"}
	some r in rs
	r.message == "TLS enabled but not required (TransitEncryptionMode preferred)"
}

test_fail_no_tls if {
	rs := check.results with input as _input([_group("g", {"TransitEncryptionEnabled": false})], [])
	_status(rs, _group_id("g")) == {"fail"}
}

test_fail_flag_missing if {
	rs := check.results with input as _input([], [_cluster("c", {"Engine": "memcached"})])
	_status(rs, _cluster_id("c")) == {"fail"}
}

test_each_cache_gets_exactly_one_status if {
	groups := [_group("g1", {"TransitEncryptionEnabled": true}), _group("g2", {"TransitEncryptionEnabled": false})]
	rs := check.results with input as _input(groups, [_cluster("c1", {})])
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
test_error_tls_known_after_apply if {
	planned := {"TransitEncryptionEnabled": "(known after apply)", "_terraform": {"unknown": ["TransitEncryptionEnabled"]}}
	rs := check.results with input as _input([_group("g", planned)], [_cluster("c", planned)])
	_status(rs, _group_id("g")) == {"error"}
	_status(rs, _cluster_id("c")) == {"error"}
	some r in rs
	r.evidence.known_after_apply == ["TransitEncryptionEnabled"]
	startswith(r.message, "cannot judge before apply: TransitEncryptionEnabled")
}

test_error_mode_known_after_apply if {
	planned := {"TransitEncryptionEnabled": true, "TransitEncryptionMode": "(known after apply)", "_terraform": {"unknown": ["TransitEncryptionMode"]}}
	rs := check.results with input as _input([_group("g", planned)], [])
	_status(rs, _group_id("g")) == {"error"}
	some r in rs
	r.evidence == {"TransitEncryptionEnabled": true, "TransitEncryptionMode": "(known after apply)", "known_after_apply": ["TransitEncryptionMode"]}
}

test_fail_tls_off_decides_before_apply if {
	# TLS known to be off fails, whatever else is known only after apply (the plan collector lists
	# the mode only when TLS is on; this guards the rule's order).
	planned := {"TransitEncryptionEnabled": false, "_terraform": {"unknown": ["TransitEncryptionMode"]}}
	rs := check.results with input as _input([_group("g", planned)], [])
	_status(rs, _group_id("g")) == {"fail"}
}
