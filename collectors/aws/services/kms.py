"""KMS, per region: customer managed keys with their metadata, rotation status and aliases.

`ListKeys` lists AWS managed keys too; each key is described (concurrently) and those whose
`KeyManager` is `AWS` are left out: AWS rotates them itself and nobody can change them. A key
whose description could not be read is kept, with the error, since it may be a customer key.
Aliases come from one `ListAliases` per region, each key getting the aliases that target it.
"""

from __future__ import annotations

import logging
from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service
from attestkit.collectors.aws.draft import SharedRead

log = logging.getLogger(__name__)

KEY = "AWS::KMS::Key"

UNSUPPORTED = "UnsupportedOperationException"
"""GetKeyRotationStatus's answer for keys that cannot rotate automatically (asymmetric, HMAC,
imported key material, custom key stores): rotation does not exist for them."""


def collect(ctx: Context) -> None:
    kms = ctx.client("kms")
    with ctx.listing(KEY):
        keys = paginate(kms, "ListKeys", "Keys")
        if not keys:
            return
        aliases = SharedRead.group(kms, "ListAliases", "Aliases", by="TargetKeyId")
        left_out = ctx.map(lambda k: _key(ctx, kms, k, aliases), keys).count(False)
        if left_out:
            log.debug("kms %s: %d AWS managed key(s) left out", ctx.region, left_out)


def _key(ctx: Context, kms: Any, listed: dict[str, Any], aliases: SharedRead) -> bool:
    """Read one key into the sink; False when it is an AWS managed key (left out)."""
    key_id = listed["KeyId"]
    draft = ctx.draft(KEY, listed["KeyArn"], name=key_id)
    draft.config = dict(listed)
    described = draft.read("KeyMetadata", kms, "DescribeKey", pick=lambda r: r["KeyMetadata"], KeyId=key_id)
    if described is not None and described["KeyMetadata"].get("KeyManager") != "CUSTOMER":
        return False
    names = sorted(a["AliasName"] for a in aliases.give(draft, "Aliases", key_id) or [])
    draft.name = names[0] if names else key_id
    if described is not None:
        draft.read("KeyRotationStatus", kms, "GetKeyRotationStatus", none_on=(UNSUPPORTED,), KeyId=key_id)
    ctx.add(draft)
    return True


SERVICE = Service(
    name="kms",
    regional=True,
    resource_types=(KEY,),
    operations={
        "kms:ListKeys": "kms:ListKeys",
        "kms:ListAliases": "kms:ListAliases",
        "kms:DescribeKey": "kms:DescribeKey",
        "kms:GetKeyRotationStatus": "kms:GetKeyRotationStatus",
    },
    collect=collect,
)
