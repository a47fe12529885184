# METADATA
# title: ElastiCache caches are encrypted at rest
# description: |
#   Every replication group, and every cache cluster outside a replication group, has
#   AtRestEncryptionEnabled true, so cached data, swap and backups on disk are encrypted.
#   Memcached has no encryption at rest at all, so a Memcached cluster fails: keep PHI out
#   of it or move to Redis OSS / Valkey. A missing flag is read as off. The check judges
#   what the Describe calls return; it has no read of its own that can fail.
#   In a Terraform plan, AtRestEncryptionEnabled known only after apply gives `error`.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
#   - ref: https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_ReplicationGroup.html
# custom:
#   id: aws.elasticache.encryption_at_rest
#   severity: high
#   resource_types: [AWS::ElastiCache::ReplicationGroup, AWS::ElastiCache::CacheCluster]
#   remediation: |
#     At-rest encryption is chosen at creation: take a backup (aws elasticache create-snapshot),
#     restore it into a new replication group created with --at-rest-encryption-enabled (and
#     --kms-key-id KEY), move clients to the new endpoint, then delete the old group.
package attestkit.checks.aws.elasticache.encryption_at_rest

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_caches := array.concat(
	inventory.resources("AWS::ElastiCache::ReplicationGroup"),
	inventory.resources("AWS::ElastiCache::CacheCluster"),
)

# Paths a Terraform plan can leave known only after apply.
_paths := ["AtRestEncryptionEnabled"]

results contains result.error(c, inventory.after_apply_message(c, _paths), inventory.with_unknown(c, _paths, _evidence(c))) if {
	some c in _caches
	_undecided(c)
}

results contains result.pass(c, "encrypted at rest", _evidence(c)) if {
	some c in _caches
	not _undecided(c)
	_compliant(c)
}

results contains result.fail(c, _fail_message(c), _evidence(c)) if {
	some c in _caches
	not _undecided(c)
	not _compliant(c)
}

_undecided(c) if inventory.known_after_apply(c, _paths)

_compliant(c) if c.config.AtRestEncryptionEnabled == true

_fail_message(c) := "Memcached cluster: no encryption at rest" if {
	c.config.Engine == "memcached"
} else := "not encrypted at rest"

_evidence(c) := {
	"AtRestEncryptionEnabled": object.get(c.config, "AtRestEncryptionEnabled", null),
	"KmsKeyId": object.get(c.config, "KmsKeyId", null),
	"Engine": object.get(c.config, "Engine", null),
}
