"""SQS, per region: every queue with all its attributes (`GetQueueAttributes`), read concurrently.

`Attributes` is the API's string map (booleans are the strings "true" and "false"): SSE-KMS
shows as `KmsMasterKeyId`, SSE-SQS as `SqsManagedSseEnabled`. The id is the queue's ARN, built
from its URL so that a queue whose attributes could not be read still has one.
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

QUEUE = "AWS::SQS::Queue"


def collect(ctx: Context) -> None:
    sqs = ctx.client("sqs")
    with ctx.listing(QUEUE):
        ctx.map(lambda url: _queue(ctx, sqs, url), paginate(sqs, "ListQueues", "QueueUrls"))


def _queue(ctx: Context, sqs: Any, url: str) -> None:
    # https://sqs.<region>.amazonaws.com/<account>/<name>
    name = url.rstrip("/").rsplit("/", 1)[-1]
    draft = ctx.draft(QUEUE, ctx.arn("sqs", name, region=ctx.region), name=name)
    draft.config["QueueUrl"] = url
    draft.read(
        "Attributes",
        sqs,
        "GetQueueAttributes",
        pick=lambda r: r.get("Attributes", {}),
        QueueUrl=url,
        AttributeNames=["All"],
    )
    ctx.add(draft)


SERVICE = Service(
    name="sqs",
    regional=True,
    resource_types=(QUEUE,),
    operations={
        "sqs:ListQueues": "sqs:ListQueues",
        "sqs:GetQueueAttributes": "sqs:GetQueueAttributes",
    },
    collect=collect,
)
