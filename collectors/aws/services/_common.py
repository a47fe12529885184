"""What the platform-service modules share besides `Context`: per-region settings.

`region_setting` is the draft of a per-region "is the service on" resource (GuardDuty,
AWS Config, Security Hub): one per collected region, written whether or not the service is
set up there, so "off" is judged and never vanishes. Its id follows the ARN shape of
docs/resources/aws.md: `arn:<partition>:<service>:<region>:<account>:<setting>`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attestkit.collectors.aws.context import Context
from attestkit.collectors.aws.draft import ResourceDraft


def region_setting(ctx: Context, type: str, service: str, setting: str, label: str) -> ResourceDraft:
    """The draft of a per-region setting: id `arn:<partition>:<service>:<region>:<account>:<setting>`."""
    return ctx.draft(type, ctx.arn(service, setting, region=ctx.region), name=f"{label} ({ctx.region})")


def without(response: Mapping[str, Any] | None, *keys: str) -> dict[str, Any]:
    """`response` without `keys` (e.g. the id a per-item call echoes back)."""
    return {k: v for k, v in (response or {}).items() if k not in keys}
