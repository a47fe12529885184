"""CloudFront (global): every web distribution as `ListDistributions` summarises it.

The summary holds everything the checks judge (origins, default and ordered cache behaviours
with their viewer protocol policies, the viewer certificate and its minimum TLS version), so
there is no per-distribution read.
"""

from __future__ import annotations

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

DISTRIBUTION = "AWS::CloudFront::Distribution"


def collect(ctx: Context) -> None:
    with ctx.listing(DISTRIBUTION):
        for distribution in paginate(ctx.client("cloudfront"), "ListDistributions", "DistributionList.Items"):
            aliases = (distribution.get("Aliases") or {}).get("Items") or []
            name = aliases[0] if aliases else distribution.get("DomainName") or distribution["Id"]
            ctx.add(ctx.item(DISTRIBUTION, distribution["ARN"], distribution, name=name))


SERVICE = Service(
    name="cloudfront",
    regional=False,
    resource_types=(DISTRIBUTION,),
    operations={"cloudfront:ListDistributions": "cloudfront:ListDistributions"},
    collect=collect,
)
