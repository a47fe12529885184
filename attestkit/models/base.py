"""The base every boundary model shares: unknown fields are an error, never ignored."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated

from pydantic import BaseModel, ConfigDict, PlainSerializer


class StrictModel(BaseModel):
    """A pydantic model that rejects unknown fields (files are contracts, not suggestions)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def _rfc3339(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    value = value.astimezone(timezone.utc)
    text = value.isoformat(timespec="microseconds" if value.microsecond else "seconds")
    return text.replace("+00:00", "Z")


UtcDateTime = Annotated[datetime, PlainSerializer(_rfc3339, return_type=str, when_used="json")]
"""A timestamp written as RFC 3339 in UTC with a `Z` suffix."""


def utc_now() -> datetime:
    """The current time in UTC, to the second (bundles are compared by people)."""
    return datetime.now(timezone.utc).replace(microsecond=0)
