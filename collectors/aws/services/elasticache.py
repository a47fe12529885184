"""ElastiCache, per region: replication groups, and the cache clusters that belong to none.

`AWS::ElastiCache::ReplicationGroup`: id `arn:<partition>:elasticache:<region>:<account>:replicationgroup:<id>`;
config the `DescribeReplicationGroups` item (`AtRestEncryptionEnabled`,
`TransitEncryptionEnabled`, `TransitEncryptionMode`, `KmsKeyId`, `AuthTokenEnabled`, ...).

`AWS::ElastiCache::CacheCluster`: id `arn:<partition>:elasticache:<region>:<account>:cluster:<id>`;
config the `DescribeCacheClusters` item. A cluster that is a member of a replication group
(it has a `ReplicationGroupId`) is judged through its group and not written, so each
cache is judged once. Memcached clusters and standalone Redis/Valkey nodes are the rest.
"""

from __future__ import annotations

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

REPLICATION_GROUP = "AWS::ElastiCache::ReplicationGroup"
CACHE_CLUSTER = "AWS::ElastiCache::CacheCluster"


def collect(ctx: Context) -> None:
    client = ctx.client("elasticache")
    with ctx.listing(REPLICATION_GROUP):
        for group in paginate(client, "DescribeReplicationGroups", "ReplicationGroups"):
            name = group["ReplicationGroupId"]
            arn = ctx.arn("elasticache", f"replicationgroup:{name}", region=ctx.region)
            ctx.add(ctx.item(REPLICATION_GROUP, arn, group, name=name))
    with ctx.listing(CACHE_CLUSTER):
        for cluster in paginate(client, "DescribeCacheClusters", "CacheClusters"):
            if cluster.get("ReplicationGroupId"):
                continue
            name = cluster["CacheClusterId"]
            arn = ctx.arn("elasticache", f"cluster:{name}", region=ctx.region)
            ctx.add(ctx.item(CACHE_CLUSTER, arn, cluster, name=name))


SERVICE = Service(
    name="elasticache",
    regional=True,
    resource_types=(REPLICATION_GROUP, CACHE_CLUSTER),
    operations={
        "elasticache:DescribeReplicationGroups": "elasticache:DescribeReplicationGroups",
        "elasticache:DescribeCacheClusters": "elasticache:DescribeCacheClusters",
    },
    collect=collect,
)
