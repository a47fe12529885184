"""Values known only after apply, and the small conversions every translator needs.

Terraform's plan gives each change's `after` value and, beside it, `after_unknown`: the same
shape with `true` at every leaf that will be known only after apply. attestkit merges the
two: an unknown leaf becomes the string `UNKNOWN`, "(known after apply)", the same words
`terraform plan` prints. It stays distinct from absent (`null`, or the key left out) and
from any real value, so a check that only needs to know a value is set (a KMS key id) is
satisfied by it, and a check that needs the value itself is given a read error instead
(`collectors/terraform/draft.py`).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

from attestkit.models import KNOWN_AFTER_APPLY

UNKNOWN = KNOWN_AFTER_APPLY
"""The sentinel written for a value Terraform will know only after apply."""


def merge_unknown(after: Any, unknown: Any) -> Any:
    """`after` with every leaf `after_unknown` marks true replaced by UNKNOWN."""
    if unknown is True:
        return UNKNOWN
    if isinstance(unknown, dict):
        base = after if isinstance(after, dict) else {}
        out = dict(base)
        for key, u in unknown.items():
            merged = merge_unknown(base.get(key), u)
            if merged is not None or key in base:
                out[key] = merged
        return out
    if isinstance(unknown, list):
        base = after if isinstance(after, list) else []
        size = max(len(base), len(unknown))
        return [
            merge_unknown(base[i] if i < len(base) else None, unknown[i] if i < len(unknown) else False)
            for i in range(size)
        ]
    return after


def is_unknown(value: Any) -> bool:
    return value == UNKNOWN


def known(value: Any) -> bool:
    """Set and known: not None, not UNKNOWN."""
    return value is not None and value != UNKNOWN


def text(value: Any) -> str | None:
    """A non-empty string (UNKNOWN included), else None: Terraform writes unset strings as ""."""
    if isinstance(value, str) and value != "":
        return value
    return None


def strings(value: Any) -> list[str]:
    if value == UNKNOWN:
        return [UNKNOWN]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v != ""]
    if isinstance(value, str) and value:
        return [value]
    return []


def enabled_disabled(value: Any) -> Any:
    """Terraform booleans to ARM's "Enabled" / "Disabled"."""
    if value is True:
        return "Enabled"
    if value is False:
        return "Disabled"
    return value


def parse_json(value: Any) -> Any:
    """A JSON document held as a string attribute (a policy); UNKNOWN stays UNKNOWN."""
    if value == UNKNOWN or not isinstance(value, str) or not value.strip():
        return value if value == UNKNOWN else None
    try:
        return json.loads(value)
    except json.JSONDecodeError:
        return None


def compact(d: dict[str, Any]) -> dict[str, Any]:
    """The dict without keys whose value is None (the API leaves unset fields out)."""
    return {k: v for k, v in d.items() if v is not None}


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or value == UNKNOWN:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def after(moment: str, seconds: float) -> str:
    start = parse_time(moment) or datetime.now(timezone.utc)
    return rfc3339(start + timedelta(seconds=seconds))
