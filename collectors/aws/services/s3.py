"""S3: the account's public access block and every bucket, read with a client of its region.

Buckets are listed once per account (S3 listing is global), located with
s3:GetBucketLocation, and read concurrently: on real accounts the eight per-bucket calls
dominate collection time. Buckets outside the collection's regions are left out (the scope
says which regions were collected); a bucket whose location cannot be read is kept, with
region `global` and the error.
"""

from __future__ import annotations

import logging
from typing import Any

from attestkit.collectors.aws.calls import paginate, tag_dict
from attestkit.collectors.aws.context import GLOBAL, Context, Service

log = logging.getLogger(__name__)

ACCOUNT_PUBLIC_ACCESS_BLOCK = "AWS::S3::AccountPublicAccessBlock"
BUCKET = "AWS::S3::Bucket"

NO_PUBLIC_ACCESS_BLOCK = "NoSuchPublicAccessBlockConfiguration"


def bucket_region(location: str | None) -> str:
    """GetBucketLocation's LocationConstraint as a region name (None is us-east-1, EU is eu-west-1)."""
    if not location:
        return "us-east-1"
    return "eu-west-1" if location == "EU" else location


def collect(ctx: Context) -> None:
    _account_public_access_block(ctx)
    with ctx.listing(BUCKET):
        buckets = paginate(ctx.client("s3"), "ListBuckets", "Buckets")
        skipped = [b for b in ctx.map(lambda b: _bucket(ctx, b), buckets) if b]
        if skipped:
            log.info("s3: %d bucket(s) outside the collected regions left out: %s", len(skipped), ", ".join(skipped))


def _account_public_access_block(ctx: Context) -> None:
    draft = ctx.draft(
        ACCOUNT_PUBLIC_ACCESS_BLOCK,
        ctx.arn("s3", "account-public-access-block"),
        name="S3 account public access block",
    )
    draft.read(
        "PublicAccessBlockConfiguration",
        ctx.client("s3control"),
        "GetPublicAccessBlock",
        pick=lambda r: r["PublicAccessBlockConfiguration"],
        none_on=(NO_PUBLIC_ACCESS_BLOCK,),
        AccountId=ctx.account,
    )
    ctx.add(draft)


def _bucket(ctx: Context, listed: dict[str, Any]) -> str | None:
    """Read one bucket into the sink; returns its name when it is outside the scope's regions."""
    name = listed["Name"]
    draft = ctx.draft(BUCKET, f"arn:{ctx.partition}:s3:::{name}", name=name, region=GLOBAL)
    draft.config.update(Name=name, CreationDate=listed.get("CreationDate"))
    location = draft.read(None, ctx.client("s3"), "GetBucketLocation", Bucket=name)
    if location is not None:
        draft.region = bucket_region(location.get("LocationConstraint"))
        if draft.region not in ctx.regions:
            return name
    s3 = ctx.client("s3", draft.region if draft.region != GLOBAL else None)
    draft.read(
        "ServerSideEncryptionConfiguration",
        s3,
        "GetBucketEncryption",
        pick=lambda r: r["ServerSideEncryptionConfiguration"],
        none_on=("ServerSideEncryptionConfigurationNotFoundError",),
        Bucket=name,
    )
    draft.read(
        "PublicAccessBlockConfiguration",
        s3,
        "GetPublicAccessBlock",
        pick=lambda r: r["PublicAccessBlockConfiguration"],
        none_on=(NO_PUBLIC_ACCESS_BLOCK,),
        Bucket=name,
    )
    draft.read(
        "PolicyStatus",
        s3,
        "GetBucketPolicyStatus",
        pick=lambda r: r["PolicyStatus"],
        none_on=("NoSuchBucketPolicy",),
        Bucket=name,
    )
    acl = draft.read(None, s3, "GetBucketAcl", Bucket=name)
    if acl is not None:
        owner = {k: v for k, v in (acl.get("Owner") or {}).items() if k != "DisplayName"}
        draft.config.update(Grants=acl.get("Grants", []), Owner=owner)
    draft.read("Versioning", s3, "GetBucketVersioning", Bucket=name)
    draft.read("LoggingEnabled", s3, "GetBucketLogging", pick=lambda r: r.get("LoggingEnabled"), Bucket=name)
    tagging = draft.read(None, s3, "GetBucketTagging", none_on=("NoSuchTagSet",), Bucket=name)
    draft.tags = tag_dict((tagging or {}).get("TagSet"))
    ctx.add(draft)
    return None


SERVICE = Service(
    name="s3",
    regional=False,
    resource_types=(ACCOUNT_PUBLIC_ACCESS_BLOCK, BUCKET),
    operations={
        "s3control:GetPublicAccessBlock": "s3:GetAccountPublicAccessBlock",
        "s3:ListBuckets": "s3:ListAllMyBuckets",
        "s3:GetBucketLocation": "s3:GetBucketLocation",
        "s3:GetBucketEncryption": "s3:GetEncryptionConfiguration",
        "s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
        "s3:GetBucketPolicyStatus": "s3:GetBucketPolicyStatus",
        "s3:GetBucketAcl": "s3:GetBucketAcl",
        "s3:GetBucketVersioning": "s3:GetBucketVersioning",
        "s3:GetBucketLogging": "s3:GetBucketLogging",
        "s3:GetBucketTagging": "s3:GetBucketTagging",
    },
    collect=collect,
)
