"""DynamoDB, per region: every table with its description and continuous backups, read concurrently.

`ListTables` gives names only; `DescribeTable` answers under `Table` (its `SSEDescription` is
absent when the table is encrypted with an AWS owned key, DynamoDB's default), and
`DescribeContinuousBackups` under `ContinuousBackupsDescription` (point-in-time recovery).
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

TABLE = "AWS::DynamoDB::Table"


def collect(ctx: Context) -> None:
    dynamodb = ctx.client("dynamodb")
    with ctx.listing(TABLE):
        ctx.map(lambda name: _table(ctx, dynamodb, name), paginate(dynamodb, "ListTables", "TableNames"))


def _table(ctx: Context, dynamodb: Any, name: str) -> None:
    draft = ctx.draft(TABLE, ctx.arn("dynamodb", f"table/{name}", region=ctx.region), name=name)
    draft.config["TableName"] = name
    draft.read("Table", dynamodb, "DescribeTable", pick=lambda r: r["Table"], TableName=name)
    draft.read(
        "ContinuousBackupsDescription",
        dynamodb,
        "DescribeContinuousBackups",
        pick=lambda r: r["ContinuousBackupsDescription"],
        TableName=name,
    )
    ctx.add(draft)


SERVICE = Service(
    name="dynamodb",
    regional=True,
    resource_types=(TABLE,),
    operations={
        "dynamodb:ListTables": "dynamodb:ListTables",
        "dynamodb:DescribeTable": "dynamodb:DescribeTable",
        "dynamodb:DescribeContinuousBackups": "dynamodb:DescribeContinuousBackups",
    },
    collect=collect,
)
