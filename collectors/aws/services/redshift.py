"""Redshift, per region: every provisioned cluster, as `DescribeClusters` lists it.

`AWS::Redshift::Cluster`: id `arn:<partition>:redshift:<region>:<account>:cluster:<identifier>`;
config the listed item (`ClusterIdentifier`, `Encrypted`, `KmsKeyId`, `PubliclyAccessible`,
`Endpoint`, ...) without `Tags`, which go to `tags`.
"""

from __future__ import annotations

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

CLUSTER = "AWS::Redshift::Cluster"


def collect(ctx: Context) -> None:
    redshift = ctx.client("redshift")
    with ctx.listing(CLUSTER):
        for cluster in paginate(redshift, "DescribeClusters", "Clusters"):
            name = cluster["ClusterIdentifier"]
            arn = ctx.arn("redshift", f"cluster:{name}", region=ctx.region)
            ctx.add(ctx.item(CLUSTER, arn, cluster, name=name))


SERVICE = Service(
    name="redshift",
    regional=True,
    resource_types=(CLUSTER,),
    operations={"redshift:DescribeClusters": "redshift:DescribeClusters"},
    collect=collect,
)
