"""SNS, per region: every topic with its attributes (`GetTopicAttributes`), read concurrently.

`Attributes` is the API's string map; `KmsMasterKeyId` is absent when the topic is not
encrypted at rest.
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

TOPIC = "AWS::SNS::Topic"


def collect(ctx: Context) -> None:
    sns = ctx.client("sns")
    with ctx.listing(TOPIC):
        ctx.map(lambda topic: _topic(ctx, sns, topic), paginate(sns, "ListTopics", "Topics"))


def _topic(ctx: Context, sns: Any, listed: dict[str, Any]) -> None:
    arn = listed["TopicArn"]
    draft = ctx.item(TOPIC, arn, listed, name=arn.rsplit(":", 1)[-1])
    draft.read("Attributes", sns, "GetTopicAttributes", pick=lambda r: r["Attributes"], TopicArn=arn)
    ctx.add(draft)


SERVICE = Service(
    name="sns",
    regional=True,
    resource_types=(TOPIC,),
    operations={
        "sns:ListTopics": "sns:ListTopics",
        "sns:GetTopicAttributes": "sns:GetTopicAttributes",
    },
    collect=collect,
)
