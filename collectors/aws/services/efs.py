"""EFS, per region: every file system, as `DescribeFileSystems` lists it.

`AWS::EFS::FileSystem`: id the `FileSystemArn`; config the listed item (`FileSystemId`,
`Encrypted`, `KmsKeyId`, `LifeCycleState`, `PerformanceMode`, ...) without `Tags`, which go
to `tags`, and without `SizeInBytes`: the metered size is a metric, not configuration, and
its value and timestamp change with every write, so the same configuration would never
hash the same.
"""

from __future__ import annotations

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

FILE_SYSTEM = "AWS::EFS::FileSystem"


def collect(ctx: Context) -> None:
    efs = ctx.client("efs")
    with ctx.listing(FILE_SYSTEM):
        for fs in paginate(efs, "DescribeFileSystems", "FileSystems"):
            arn = fs.get("FileSystemArn") or ctx.arn(
                "elasticfilesystem", f"file-system/{fs['FileSystemId']}", region=ctx.region
            )
            draft = ctx.item(FILE_SYSTEM, arn, fs, name=fs.get("Name") or fs["FileSystemId"])
            draft.config.pop("SizeInBytes", None)
            ctx.add(draft)


SERVICE = Service(
    name="efs",
    regional=True,
    resource_types=(FILE_SYSTEM,),
    operations={"efs:DescribeFileSystems": "elasticfilesystem:DescribeFileSystems"},
    collect=collect,
)
