"""The one place that calls AWS: every read goes through `call` or `paginate`.

A failed call becomes an `ApiFailure` carrying the `service:Operation` that failed (the
botocore service name and operation name, e.g. `s3control:GetPublicAccessBlock`), the
provider's error code and a message with anything credential-like masked. Callers turn it
into a `ReadError` on a resource or a `CollectionError` for a whole scope. Error codes a
caller names in `none_on` are the API's way of saying "there is none"; they come back as
an explicit `None`.

Responses are returned JSON-ready: `ResponseMetadata` dropped, datetimes as RFC 3339 `Z`
strings (`jsonable`).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from datetime import date, datetime, timezone
from decimal import Decimal
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError
from botocore import xform_name

from attestkit.collectors.failures import ApiFailure, one_line


_ACCESS_KEY_ID = re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|APKA)[A-Z0-9]{12,}\b")
"""Access key ids (long-term AKIA, temporary ASIA) and the other documented id prefixes."""
_SIGNED_PARAMETER = re.compile(
    r"(?i)\b(x-amz-security-token|x-amz-credential|x-amz-signature|signature|credential)=[^&\s\"']+"
)
"""Signed-request fragments some errors echo back."""
_BASE64_RUN = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+=]{40,}(?![A-Za-z0-9/+=])")


def _mask_secret_like(match: re.Match[str]) -> str:
    # A secret access key has exactly 40 characters, a session token hundreds; both mix
    # cases and digits. URL paths and ids of other lengths stay readable.
    found = match.group(0)
    mixed = any(c.isupper() for c in found) and any(c.islower() for c in found) and any(c.isdigit() for c in found)
    return "***" if mixed and (len(found) == 40 or len(found) >= 100) else found


def redact(text: str) -> str:
    """`text` with anything that looks like a credential replaced by `***`, cut to MAX_MESSAGE."""
    text = _ACCESS_KEY_ID.sub("***", text)
    text = _SIGNED_PARAMETER.sub(lambda m: f"{m.group(1)}=***", text)
    text = _BASE64_RUN.sub(_mask_secret_like, text)
    return one_line(text)


def api_name(client: Any, operation: str) -> str:
    """`service:Operation` for a call on `client`, e.g. `s3control:GetPublicAccessBlock`."""
    return f"{client.meta.service_model.service_name}:{operation}"


def failure_from(api: str, exc: Exception) -> ApiFailure:
    """The `ApiFailure` for an exception botocore raised while calling `api`."""
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = str(error.get("Code") or exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or "Unknown")
        message = str(error.get("Message") or error.get("message") or code)
    else:
        code = type(exc).__name__
        message = str(exc) or code
    return ApiFailure(api, code, redact(message))


def call(client: Any, operation: str, *, none_on: Iterable[str] = (), **kwargs: Any) -> dict[str, Any] | None:
    """Call one read `operation` (botocore's PascalCase name) and return its JSON-ready response.

    Returns `None` when the error code is one of `none_on`; raises `ApiFailure` otherwise.
    """
    _require_read(operation)
    api = api_name(client, operation)
    try:
        response = getattr(client, xform_name(operation))(**kwargs)
    except (ClientError, BotoCoreError) as exc:
        if isinstance(exc, ClientError) and exc.response.get("Error", {}).get("Code") in set(none_on):
            return None
        raise failure_from(api, exc) from None
    return jsonable(_strip(response))


def paginate(client: Any, operation: str, result_key: str, **kwargs: Any) -> list[Any]:
    """Every item of `result_key` over all pages of `operation` (botocore paginator if it has one).

    A dotted `result_key` reaches into a nested page, e.g. CloudFront's `DistributionList.Items`.
    """
    _require_read(operation)
    method = xform_name(operation)
    if not client.can_paginate(method):
        response = call(client, operation, **kwargs)
        return _items_at(response, result_key)
    api = api_name(client, operation)
    items: list[Any] = []
    try:
        for page in client.get_paginator(method).paginate(**kwargs):
            items.extend(_items_at(page, result_key))
    except (ClientError, BotoCoreError) as exc:
        raise failure_from(api, exc) from None
    return jsonable(items)


def _items_at(page: dict[str, Any] | None, result_key: str) -> list[Any]:
    value: Any = page
    for key in result_key.split("."):
        value = (value or {}).get(key)
    return list(value or [])


READ_PREFIXES = ("Get", "List", "Describe", "Head", "Lookup")


def is_read(operation: str) -> bool:
    return operation.startswith(READ_PREFIXES)


def _require_read(operation: str) -> None:
    # Collectors only read; a write slipping in is a bug, not a runtime condition.
    if not is_read(operation):
        raise ValueError(f"collectors only read; {operation} is not a read operation")


def _strip(response: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def rfc3339(value: datetime) -> str:
    """A datetime as RFC 3339 in UTC ending in `Z` (naive values are taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    text = value.astimezone(timezone.utc).isoformat(timespec="microseconds" if value.microsecond else "seconds")
    return text.replace("+00:00", "Z")


def jsonable(value: Any) -> Any:
    """`value` with datetimes as RFC 3339 `Z` strings and every container plain JSON."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime):
        return rfc3339(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def tag_dict(tags: Iterable[dict[str, Any]] | None) -> dict[str, str]:
    """AWS `[{"Key": k, "Value": v}]` tags as a dict."""
    return {str(t["Key"]): str(t.get("Value", "")) for t in tags or ()}
