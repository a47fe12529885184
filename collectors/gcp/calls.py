"""The one place that calls Cloud Asset Inventory: `list_pages`, page by page.

Each page is handed back as plain JSON (the API's own camelCase vocabulary, enums as their
names) as soon as it arrives, so a caller can stream it into the bundle. Quota, unavailable
and internal errors are retried with exponential backoff (google.api_core Retry, the
client's own mechanism, applied to every page). A call that still fails becomes an
`AssetFailure` carrying the operation (`cloudasset:ListAssets[RESOURCE]`), the provider's
error code and a message with anything credential-like masked.

Error codes: the `reason` of the error's `google.rpc.ErrorInfo` when it has one (e.g.
`SERVICE_DISABLED`, `RATE_LIMIT_EXCEEDED`), else its canonical status (`PERMISSION_DENIED`,
`NOT_FOUND`, `RESOURCE_EXHAUSTED`); transport failures are named by their exception type.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from google.api_core import exceptions as core_exceptions
from google.api_core import retry as retries

from attestkit.collectors import failures
from attestkit.collectors.gcp import sanitize
from attestkit.collectors.gcp.catalog import api_name
from attestkit.models import CollectionError

log = logging.getLogger(__name__)

PAGE_SIZE = 1000
"""ListAssets' maximum page size."""

CALL_TIMEOUT = 60.0
"""Seconds per HTTP request."""

RETRYABLE = (
    core_exceptions.TooManyRequests,  # 429 RESOURCE_EXHAUSTED: quota
    core_exceptions.InternalServerError,  # 500 INTERNAL
    core_exceptions.BadGateway,  # 502
    core_exceptions.ServiceUnavailable,  # 503 UNAVAILABLE
    core_exceptions.GatewayTimeout,  # 504 DEADLINE_EXCEEDED
)

SCOPE_FATAL = frozenset(
    {"NOT_FOUND", "INVALID_ARGUMENT", "UNAUTHENTICATED", "SERVICE_DISABLED", "ACCESS_TOKEN_TYPE_UNSUPPORTED"}
)
"""Codes after which no other call in the same scope can succeed."""

TRANSPORT_CODES = frozenset(
    {"ConnectionError", "ConnectTimeout", "ReadTimeout", "SSLError", "TransportError", "RefreshError"}
)


def default_retry(*, initial: float = 1.0, maximum: float = 32.0, timeout: float = 180.0) -> retries.Retry:
    """Exponential backoff (full jitter) on quota and server-side errors, per page."""

    def on_error(exc: Exception) -> None:
        log.info("Cloud Asset Inventory: %s; retrying with backoff", type(exc).__name__)

    return retries.Retry(
        predicate=retries.if_exception_type(*RETRYABLE),
        initial=initial,
        maximum=maximum,
        multiplier=2.0,
        timeout=timeout,
        on_error=on_error,
    )


_TOKENS = (
    re.compile(r"ya29\.[0-9A-Za-z_\-\.]+"),  # OAuth 2.0 access tokens
    re.compile(r"AIza[0-9A-Za-z_\-]{35}"),  # API keys
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", re.DOTALL),
)
_SIGNED_PARAMETER = re.compile(r"(?i)\b(access_token|key|token|signature)=[^&\s\"']+")


def redact(text: str) -> str:
    """`text` with tokens, API keys and private keys masked, on one line, cut to MAX_MESSAGE."""
    for pattern in _TOKENS:
        text = pattern.sub("***", text)
    text = _SIGNED_PARAMETER.sub(lambda m: f"{m.group(1)}=***", text)
    return failures.one_line(text)


class AssetFailure(failures.ApiFailure):
    """A ListAssets call that failed: which operation, the provider's code, a safe message."""

    @property
    def scope_fatal(self) -> bool:
        """No other call in the same scope can succeed (scope missing, API disabled, no credentials)."""
        return self.code in SCOPE_FATAL or self.code in TRANSPORT_CODES

    def scope_error(self, *, account: str, resource_types: Iterable[str]) -> CollectionError:
        """Cloud Asset Inventory reads a whole scope at once: the error is global to it."""
        return self.collection_error(
            service="cloudasset", region="global", account=account, resource_types=resource_types
        )


def _payload_error(exc: core_exceptions.GoogleAPICallError) -> dict[str, Any]:
    response = getattr(exc, "response", None)
    try:
        payload = response.json() if response is not None and hasattr(response, "json") else None
    except ValueError:
        payload = None
    if isinstance(payload, list):
        payload = next((p for p in payload if isinstance(p, dict)), None)
    error = payload.get("error") if isinstance(payload, dict) else None
    return error if isinstance(error, dict) else {}


def failure_from(api: str, exc: BaseException) -> AssetFailure:
    """The AssetFailure for an exception raised while calling `api`."""
    prefix = ""
    if isinstance(exc, core_exceptions.RetryError):
        prefix = "gave up after retrying: "
        exc = exc.cause or exc
    if isinstance(exc, core_exceptions.GoogleAPICallError):
        error = _payload_error(exc)
        status = error.get("status") or (exc.grpc_status_code.name if exc.grpc_status_code is not None else None)
        code = str(exc.reason or status or f"HTTP_{exc.code}")
        message = str(error.get("message") or exc.message or code)
    else:
        code = type(exc).__name__
        message = str(exc) or code
    return AssetFailure(api, code, redact(prefix + message))


def asset_json(asset: Any) -> dict[str, Any]:
    """One `google.cloud.asset.v1.Asset` (protobuf) as the REST API's JSON: camelCase names,
    enums by name. `resource.data` is converted (and cleaned) directly from its Struct; the
    small policy messages go through `json_format`."""
    from google.protobuf import json_format

    out: dict[str, Any] = {"name": asset.name, "assetType": asset.asset_type, "ancestors": list(asset.ancestors)}
    if asset.HasField("resource"):
        resource = asset.resource
        out["resource"] = {"location": resource.location, "data": sanitize.clean_data(resource.data)}
    if asset.HasField("iam_policy"):
        out["iamPolicy"] = json_format.MessageToDict(asset.iam_policy)
    if len(asset.org_policy):
        out["orgPolicy"] = [json_format.MessageToDict(policy) for policy in asset.org_policy]
    return out


def list_pages(
    client: Any,
    *,
    parent: str,
    content_type: str,
    asset_types: Iterable[str],
    read_time: datetime,
    retry: retries.Retry,
    page_size: int = PAGE_SIZE,
) -> Iterator[list[dict[str, Any]]]:
    """Every page of `ListAssets(parent, content_type, asset_types)` at `read_time`, as lists of
    Asset JSON objects. An empty `asset_types` lists every type. Raises AssetFailure."""
    from google.auth.exceptions import GoogleAuthError
    from google.cloud import asset_v1
    from requests import RequestException

    api = api_name(content_type)
    request = asset_v1.ListAssetsRequest(
        parent=parent,
        content_type=asset_v1.ContentType[content_type],
        asset_types=list(asset_types),
        page_size=page_size,
        read_time=read_time,
    )
    try:
        pager = client.list_assets(request=request, retry=retry, timeout=CALL_TIMEOUT)
        for page in pager.pages:
            yield [asset_json(asset) for asset in page._pb.assets]
    except (core_exceptions.GoogleAPIError, RequestException, GoogleAuthError) as exc:
        raise failure_from(api, exc) from None
