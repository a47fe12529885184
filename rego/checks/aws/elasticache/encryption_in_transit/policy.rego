# METADATA
# title: ElastiCache caches encrypt data in transit
# description: |
#   Every replication group, and every cache cluster outside a replication group, has
#   TransitEncryptionEnabled true and, where the engine reports it, TransitEncryptionMode
#   required: mode preferred (used while migrating) still accepts unencrypted
#   connections. A missing flag is read as off. The check judges what the Describe calls
#   return; it has no read of its own that can fail.
#   In a Terraform plan, TLS settings known only after apply give `error` unless TLS is known to
#   be off.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html
#   - ref: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption-enable-existing.html
# custom:
#   id: aws.elasticache.encryption_in_transit
#   severity: high
#   resource_types: [AWS::ElastiCache::ReplicationGroup, AWS::ElastiCache::CacheCluster]
#   remediation: |
#     For Redis OSS 7+ / Valkey: aws elasticache modify-replication-group --replication-group-id ID
#     --transit-encryption-enabled --transit-encryption-mode preferred --apply-immediately, move
#     every client to TLS, then repeat with --transit-encryption-mode required; otherwise create
#     a new group with --transit-encryption-enabled and migrate.
package attestkit.checks.aws.elasticache.encryption_in_transit

import data.attestkit.lib.inventory
import data.attestkit.lib.result

_caches := array.concat(
	inventory.resources("AWS::ElastiCache::ReplicationGroup"),
	inventory.resources("AWS::ElastiCache::CacheCluster"),
)

# Paths a Terraform plan can leave known only after apply.
_paths := ["TransitEncryptionEnabled", "TransitEncryptionMode"]

results contains result.error(c, inventory.after_apply_message(c, _paths), inventory.with_unknown(c, _paths, _evidence(c))) if {
	some c in _caches
	_undecided(c)
}

results contains result.pass(c, "TLS required for every connection", _evidence(c)) if {
	some c in _caches
	not _undecided(c)
	_compliant(c)
}

results contains result.fail(c, _fail_message(c), _evidence(c)) if {
	some c in _caches
	not _undecided(c)
	not _compliant(c)
}

# TLS known to be off fails whatever the mode.
_undecided(c) if {
	inventory.known_after_apply(c, _paths)
	not c.config.TransitEncryptionEnabled == false
}

_compliant(c) if {
	c.config.TransitEncryptionEnabled == true
	object.get(c.config, "TransitEncryptionMode", "required") == "required"
}

_fail_message(c) := "TLS enabled but not required (TransitEncryptionMode preferred)" if {
	c.config.TransitEncryptionEnabled == true
} else := "no encryption in transit"

_evidence(c) := {
	"TransitEncryptionEnabled": object.get(c.config, "TransitEncryptionEnabled", null),
	"TransitEncryptionMode": object.get(c.config, "TransitEncryptionMode", null),
}
