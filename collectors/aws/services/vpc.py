"""VPCs, per region, each with the flow logs attached to it.

Flow logs are listed once per region (`DescribeFlowLogs`) and each VPC gets those whose
`ResourceId` is the VPC (flow logs of its subnets or network interfaces are not the VPC's).
When that listing fails, every VPC of the region carries the error and no `FlowLogs` key.
A VPC's default security group is an `AWS::EC2::SecurityGroup` (`GroupName` `default`),
collected by the ec2 service.
"""

from __future__ import annotations

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service
from attestkit.collectors.aws.draft import SharedRead

VPC = "AWS::EC2::VPC"


def collect(ctx: Context) -> None:
    ec2 = ctx.client("ec2")
    with ctx.listing(VPC):
        vpcs = paginate(ec2, "DescribeVpcs", "Vpcs")
        if not vpcs:
            return
        flow_logs = SharedRead.group(ec2, "DescribeFlowLogs", "FlowLogs", by="ResourceId")
        for vpc in vpcs:
            vpc_id = vpc["VpcId"]
            draft = ctx.item(VPC, ctx.arn("ec2", f"vpc/{vpc_id}", region=ctx.region), vpc)
            draft.name = draft.tags.get("Name") or vpc_id
            flow_logs.give(draft, "FlowLogs", vpc_id)
            ctx.add(draft)


SERVICE = Service(
    name="vpc",
    regional=True,
    resource_types=(VPC,),
    operations={
        "ec2:DescribeVpcs": "ec2:DescribeVpcs",
        "ec2:DescribeFlowLogs": "ec2:DescribeFlowLogs",
    },
    collect=collect,
)
