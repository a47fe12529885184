"""CloudTrail, per region: the trails whose home is that region, with status and selectors.

`DescribeTrails` includes shadow trails: in a member account of an AWS Organization, the
organization trail the management account created is visible only that way (its ARN names
the management account). Each trail is written once, in its home region, so a multi-region
trail is not written once per region. An organization trail's status and selectors may not
be readable from a member account; the failed read is recorded on it, and the checks answer
`error` for the account rather than `fail` (collect the management account for that evidence).
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import call
from attestkit.collectors.aws.context import Context, Service

TRAIL = "AWS::CloudTrail::Trail"


def collect(ctx: Context) -> None:
    cloudtrail = ctx.client("cloudtrail")
    with ctx.listing(TRAIL):
        listed = (call(cloudtrail, "DescribeTrails", includeShadowTrails=True) or {}).get("trailList", [])
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
