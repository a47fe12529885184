"""CloudTrail, per region: the trails whose home is that region, with status and selectors.

`DescribeTrails(includeShadowTrails=False)` lists each trail once, in its home region, so
a multi-region trail is not written once per region.
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import call
from attestkit.collectors.aws.context import Context, Service

TRAIL = "AWS::CloudTrail::Trail"


def collect(ctx: Context) -> None:
    cloudtrail = ctx.client("cloudtrail")
    with ctx.listing(TRAIL):
        listed = (call(cloudtrail, "DescribeTrails", includeShadowTrails=False) or {}).get("trailList", [])
        for trail in listed:
            if trail.get("HomeRegion", ctx.region) == ctx.region:
                _trail(ctx, cloudtrail, trail)


def _trail(ctx: Context, cloudtrail: Any, listed: dict[str, Any]) -> None:
    arn = listed["TrailARN"]
    trail = ctx.draft(TRAIL, arn, name=listed.get("Name"))
    trail.config = dict(listed)
    trail.read("Status", cloudtrail, "GetTrailStatus", Name=arn)
    selectors = trail.read(None, cloudtrail, "GetEventSelectors", TrailName=arn)
    if selectors is not None:
        # A trail uses basic or advanced selectors; the unused kind (absent or empty) is null.
        for key in ("EventSelectors", "AdvancedEventSelectors"):
            trail.config[key] = selectors.get(key) or None
    ctx.add(trail)


SERVICE = Service(
    name="cloudtrail",
    regional=True,
    resource_types=(TRAIL,),
    operations={
        "cloudtrail:DescribeTrails": "cloudtrail:DescribeTrails",
        "cloudtrail:GetTrailStatus": "cloudtrail:GetTrailStatus",
        "cloudtrail:GetEventSelectors": "cloudtrail:GetEventSelectors",
    },
    collect=collect,
)
