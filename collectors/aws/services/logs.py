"""CloudWatch Logs, per region: every log group as `DescribeLogGroups` lists it.

The API's own camelCase vocabulary is kept: `retentionInDays` is absent when the group's
events never expire, `kmsKeyId` absent when the group is not encrypted with a KMS key.
The id is `logGroupArn` (the group's ARN without the `:*` that `arn` ends with).
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

LOG_GROUP = "AWS::Logs::LogGroup"


def collect(ctx: Context) -> None:
    with ctx.listing(LOG_GROUP):
        for group in paginate(ctx.client("logs"), "DescribeLogGroups", "logGroups"):
            ctx.add(ctx.item(LOG_GROUP, _arn(ctx, group), group, name=group["logGroupName"]))


def _arn(ctx: Context, group: dict[str, Any]) -> str:
    if group.get("logGroupArn"):
        return str(group["logGroupArn"])
    if group.get("arn"):
        return str(group["arn"]).removesuffix(":*")
    return ctx.arn("logs", f"log-group:{group['logGroupName']}", region=ctx.region)


SERVICE = Service(
    name="logs",
    regional=True,
    resource_types=(LOG_GROUP,),
    operations={"logs:DescribeLogGroups": "logs:DescribeLogGroups"},
    collect=collect,
)
