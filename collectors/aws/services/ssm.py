"""Systems Manager, per region: parameter metadata only, never a value.

`AWS::SSM::Parameter`: id `arn:<partition>:ssm:<region>:<account>:parameter/<name>` (the
name without its leading `/`, as AWS writes parameter ARNs); config one `DescribeParameters`
item (`Name`, `Type`, `KeyId`, `Tier`, `DataType`, `Version`, `LastModifiedDate`, ...).
DescribeParameters returns no values; GetParameter(s) is never called.
"""

from __future__ import annotations

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

PARAMETER = "AWS::SSM::Parameter"


def collect(ctx: Context) -> None:
    ssm = ctx.client("ssm")
    with ctx.listing(PARAMETER):
        for parameter in paginate(ssm, "DescribeParameters", "Parameters"):
            name = parameter["Name"]
            arn = ctx.arn("ssm", f"parameter/{name.lstrip('/')}", region=ctx.region)
            ctx.add(ctx.item(PARAMETER, arn, parameter, name=name))


SERVICE = Service(
    name="ssm",
    regional=True,
    resource_types=(PARAMETER,),
    operations={"ssm:DescribeParameters": "ssm:DescribeParameters"},
    collect=collect,
)
