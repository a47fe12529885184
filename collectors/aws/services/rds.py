"""RDS, per region: DB instances, DB clusters, and the account's manual snapshots of both.

Instances and clusters are their `Describe*` items as they are (engines on the RDS API,
DocumentDB and Neptune included: the checks decide what applies). Manual snapshots are read
one by one, concurrently, for their attributes: the `restore` attribute lists the accounts
allowed to restore the snapshot, and `all` makes it public. Automated snapshots cannot be
shared, and snapshots other accounts shared with this one are not its own, so neither is listed.
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

DB_INSTANCE = "AWS::RDS::DBInstance"
DB_CLUSTER = "AWS::RDS::DBCluster"
DB_SNAPSHOT = "AWS::RDS::DBSnapshot"
DB_CLUSTER_SNAPSHOT = "AWS::RDS::DBClusterSnapshot"


def collect(ctx: Context) -> None:
    rds = ctx.client("rds")
    with ctx.listing(DB_INSTANCE):
        for db in paginate(rds, "DescribeDBInstances", "DBInstances"):
            ctx.add(ctx.item(DB_INSTANCE, db["DBInstanceArn"], db, name=db["DBInstanceIdentifier"], tags_key="TagList"))
    with ctx.listing(DB_CLUSTER):
        for cluster in paginate(rds, "DescribeDBClusters", "DBClusters"):
            ctx.add(
                ctx.item(
                    DB_CLUSTER,
                    cluster["DBClusterArn"],
                    cluster,
                    name=cluster["DBClusterIdentifier"],
                    tags_key="TagList",
                )
            )
    with ctx.listing(DB_SNAPSHOT):
        snapshots = paginate(rds, "DescribeDBSnapshots", "DBSnapshots", SnapshotType="manual")
        ctx.map(lambda s: _snapshot(ctx, rds, s), snapshots)
    with ctx.listing(DB_CLUSTER_SNAPSHOT):
        snapshots = paginate(rds, "DescribeDBClusterSnapshots", "DBClusterSnapshots", SnapshotType="manual")
        ctx.map(lambda s: _cluster_snapshot(ctx, rds, s), snapshots)


def _snapshot(ctx: Context, rds: Any, listed: dict[str, Any]) -> None:
    name = listed["DBSnapshotIdentifier"]
    draft = ctx.item(DB_SNAPSHOT, listed["DBSnapshotArn"], listed, name=name, tags_key="TagList")
    draft.read(
        "DBSnapshotAttributesResult",
        rds,
        "DescribeDBSnapshotAttributes",
        pick=lambda r: r["DBSnapshotAttributesResult"],
        DBSnapshotIdentifier=name,
    )
    ctx.add(draft)


def _cluster_snapshot(ctx: Context, rds: Any, listed: dict[str, Any]) -> None:
    name = listed["DBClusterSnapshotIdentifier"]
    draft = ctx.item(DB_CLUSTER_SNAPSHOT, listed["DBClusterSnapshotArn"], listed, name=name, tags_key="TagList")
    draft.read(
        "DBClusterSnapshotAttributesResult",
        rds,
        "DescribeDBClusterSnapshotAttributes",
        pick=lambda r: r["DBClusterSnapshotAttributesResult"],
        DBClusterSnapshotIdentifier=name,
    )
    ctx.add(draft)


SERVICE = Service(
    name="rds",
    regional=True,
    resource_types=(DB_INSTANCE, DB_CLUSTER, DB_SNAPSHOT, DB_CLUSTER_SNAPSHOT),
    operations={
        "rds:DescribeDBInstances": "rds:DescribeDBInstances",
        "rds:DescribeDBClusters": "rds:DescribeDBClusters",
        "rds:DescribeDBSnapshots": "rds:DescribeDBSnapshots",
        "rds:DescribeDBSnapshotAttributes": "rds:DescribeDBSnapshotAttributes",
        "rds:DescribeDBClusterSnapshots": "rds:DescribeDBClusterSnapshots",
        "rds:DescribeDBClusterSnapshotAttributes": "rds:DescribeDBClusterSnapshotAttributes",
    },
    collect=collect,
)
