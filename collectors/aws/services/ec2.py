"""EC2, per region: security groups, EBS volumes, and the EBS encryption-by-default setting."""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate, tag_dict
from attestkit.collectors.aws.context import Context, Service

SECURITY_GROUP = "AWS::EC2::SecurityGroup"
VOLUME = "AWS::EC2::Volume"
EBS_ENCRYPTION_BY_DEFAULT = "AWS::EC2::EBSEncryptionByDefault"


def collect(ctx: Context) -> None:
    ec2 = ctx.client("ec2")
    with ctx.listing(SECURITY_GROUP):
        for group in paginate(ec2, "DescribeSecurityGroups", "SecurityGroups"):
            _add_item(ctx, SECURITY_GROUP, f"security-group/{group['GroupId']}", group, name=group.get("GroupName"))
    with ctx.listing(VOLUME):
        for volume in paginate(ec2, "DescribeVolumes", "Volumes"):
            _add_item(ctx, VOLUME, f"volume/{volume['VolumeId']}", volume)
    setting = ctx.draft(
        EBS_ENCRYPTION_BY_DEFAULT,
        ctx.arn("ec2", "ebs-encryption-by-default", region=ctx.region),
        name=f"EBS encryption by default ({ctx.region})",
    )
    response = setting.read(None, ec2, "GetEbsEncryptionByDefault")
    if response is not None:
        setting.config["EbsEncryptionByDefault"] = response.get("EbsEncryptionByDefault")
    ctx.add(setting)


def _add_item(ctx: Context, type: str, resource: str, item: dict[str, Any], *, name: str | None = None) -> None:
    """One item of a Describe call, unchanged but for `Tags` (moved to `tags`)."""
    config = dict(item)
    tags = tag_dict(config.pop("Tags", None))
    draft = ctx.draft(
        type, ctx.arn("ec2", resource, region=ctx.region), name=name or tags.get("Name") or resource.rsplit("/", 1)[-1]
    )
    draft.config, draft.tags = config, tags
    ctx.add(draft)


SERVICE = Service(
    name="ec2",
    regional=True,
    resource_types=(SECURITY_GROUP, VOLUME, EBS_ENCRYPTION_BY_DEFAULT),
    operations={
        "ec2:DescribeSecurityGroups": "ec2:DescribeSecurityGroups",
        "ec2:DescribeVolumes": "ec2:DescribeVolumes",
        "ec2:GetEbsEncryptionByDefault": "ec2:GetEbsEncryptionByDefault",
    },
    collect=collect,
)
