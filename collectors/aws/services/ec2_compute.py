"""EC2 compute, per region: instances, and the account's own EBS snapshots and AMIs.

`AWS::EC2::Instance`: id `arn:<partition>:ec2:<region>:<account>:instance/<id>`; config one
`DescribeInstances` item (`InstanceId`, `State`, `MetadataOptions`, `PublicIpAddress`,
`NetworkInterfaces`, ...) without `Tags`. Terminated instances are left out. User data is
never read (`DescribeInstanceAttribute` is not called): it routinely holds credentials.

`AWS::EC2::Snapshot`: id `arn:<partition>:ec2:<region>:<account>:snapshot/<id>`; config one
`DescribeSnapshots(OwnerIds=["self"])` item without `Tags`, plus the answer of
`DescribeSnapshotAttribute(Attribute="createVolumePermission")` without its `SnapshotId`: the
list of who may create volumes from the snapshot (`Group: all` is public, `UserId` a shared
account; docs/resources/aws.md names the key). Read concurrently.

`AWS::EC2::Image`: id `arn:<partition>:ec2:<region>:<account>:image/<id>`; config one
`DescribeImages(Owners=["self"])` item (`Public`, `BlockDeviceMappings`, ...) without `Tags`.
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service
from attestkit.collectors.aws.draft import ResourceDraft
from attestkit.collectors.aws.services._common import without

INSTANCE = "AWS::EC2::Instance"
SNAPSHOT = "AWS::EC2::Snapshot"
IMAGE = "AWS::EC2::Image"

GONE = ("terminated",)
"""Instance states that are no longer resources (DescribeInstances lists them for about an hour)."""


def collect(ctx: Context) -> None:
    ec2 = ctx.client("ec2")
    with ctx.listing(INSTANCE):
        for reservation in paginate(ec2, "DescribeInstances", "Reservations"):
            for instance in reservation.get("Instances") or []:
                if (instance.get("State") or {}).get("Name") not in GONE:
                    _add(ctx, INSTANCE, f"instance/{instance['InstanceId']}", instance)
    with ctx.listing(SNAPSHOT):
        snapshots = paginate(ec2, "DescribeSnapshots", "Snapshots", OwnerIds=["self"])
        ctx.map(lambda snapshot: _snapshot(ctx, ec2, snapshot), snapshots)
    with ctx.listing(IMAGE):
        for image in paginate(ec2, "DescribeImages", "Images", Owners=["self"]):
            _add(ctx, IMAGE, f"image/{image['ImageId']}", image)


def _add(ctx: Context, type: str, resource: str, item: dict[str, Any]) -> None:
    ctx.add(_draft(ctx, type, resource, item))


def _draft(ctx: Context, type: str, resource: str, item: dict[str, Any]) -> ResourceDraft:
    draft = ctx.item(type, ctx.arn("ec2", resource, region=ctx.region), item)
    draft.name = draft.tags.get("Name") or item.get("Name") or resource.rsplit("/", 1)[-1]
    return draft


def _snapshot(ctx: Context, ec2: Any, listed: dict[str, Any]) -> None:
    snapshot_id = listed["SnapshotId"]
    draft = _draft(ctx, SNAPSHOT, f"snapshot/{snapshot_id}", listed)
    permissions = draft.read(
        None, ec2, "DescribeSnapshotAttribute", SnapshotId=snapshot_id, Attribute="createVolumePermission"
    )
    if permissions is not None:
        draft.config.update(without(permissions, "SnapshotId"))
    ctx.add(draft)


SERVICE = Service(
    name="ec2",
    regional=True,
    resource_types=(INSTANCE, SNAPSHOT, IMAGE),
    operations={
        "ec2:DescribeInstances": "ec2:DescribeInstances",
        "ec2:DescribeSnapshots": "ec2:DescribeSnapshots",
        "ec2:DescribeSnapshotAttribute": "ec2:DescribeSnapshotAttribute",
        "ec2:DescribeImages": "ec2:DescribeImages",
    },
    collect=collect,
)
