"""Security Hub, per region: is the account subscribed?

`AWS::SecurityHub::Hub` is written once per collected region: id
`arn:<partition>:securityhub:<region>:<account>:hub/default` (the hub's own ARN), config
`{"Hub": {...}}`, the `DescribeHub` answer (`HubArn`, `SubscribedAt`, `AutoEnableControls`,
`ControlFindingGenerator`; `SubscribedAt`, a string in the API model, normalised to RFC 3339
`Z` when it parses). `Hub` is `null` when the account is not subscribed in the region:
DescribeHub answers that with `InvalidAccessException` ("not subscribed to AWS Security
Hub"); a denied call (`AccessDeniedException`) or any other failure leaves `Hub` absent,
with the error.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from attestkit.collectors.aws.calls import rfc3339
from attestkit.collectors.aws.context import Context, Service
from attestkit.collectors.aws.services._common import region_setting

HUB = "AWS::SecurityHub::Hub"

NOT_SUBSCRIBED = "InvalidAccessException"


def collect(ctx: Context) -> None:
    hub = region_setting(ctx, HUB, "securityhub", "hub/default", "Security Hub")
    hub.read("Hub", ctx.client("securityhub"), "DescribeHub", pick=_hub, none_on=(NOT_SUBSCRIBED,))
    ctx.add(hub)


def _hub(response: dict[str, Any]) -> dict[str, Any]:
    """The answer with `SubscribedAt` (a string in the API model, not a timestamp) as RFC 3339 `Z`."""
    hub = dict(response)
    subscribed = hub.get("SubscribedAt")
    if isinstance(subscribed, str):
        try:
            hub["SubscribedAt"] = rfc3339(datetime.fromisoformat(subscribed))
        except ValueError:
            pass
    return hub


SERVICE = Service(
    name="securityhub",
    regional=True,
    resource_types=(HUB,),
    operations={"securityhub:DescribeHub": "securityhub:DescribeHub"},
    collect=collect,
)
