"""The one place that calls Azure: every read goes through `Arm` or `ResourceGraph`.

Both wrap the real SDK clients (`ResourceManagementClient.resources.get_by_id` for ARM
reads, `ResourceGraphClient.resources` for Resource Graph queries) and return the JSON the
service sent, unchanged: ARM's own vocabulary and casing, no SDK model in between.

A failed call becomes an `ApiFailure` carrying the REST operation that failed, written
`<service>:<OperationId>` after the operation ids of the Azure REST API specifications
(e.g. `sql:ServerBlobAuditingPolicies_Get`), the ARM error code (`AuthorizationFailed`,
`SubscriptionNotFound`, `RateLimiting`, ...) and a message with anything credential-like
masked. Callers turn it into a `ReadError` on a resource or a `CollectionError` for a scope.
Throttling and transient failures are retried before that, by the pipeline's retry policy
(`attestkit.collectors.azure.clients.ReadRetryPolicy`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from azure.core.exceptions import AzureError, ClientAuthenticationError, HttpResponseError
from azure.mgmt.resource.resources import ResourceManagementClient
from azure.mgmt.resourcegraph import ResourceGraphClient
from azure.mgmt.resourcegraph.models import QueryRequest, QueryRequestOptions, ResultFormat

from attestkit.collectors import failures

MAX_PAGES = 100_000
"""A listing that pages more often than this is a loop, not an estate."""

_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")
"""Access tokens (JWTs) some errors echo back."""
_KEYED_SECRET = re.compile(
    r"(?i)\b(sig|accountkey|sharedaccesskey|client_secret|password|pwd|access_token|refresh_token)=[^&;\s\"']+"
)
"""SAS signatures, connection-string keys and OAuth parameters."""
_BEARER = re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{16,}")


def redact(text: str) -> str:
    """`text` with anything that looks like a credential replaced by `***`, cut to MAX_MESSAGE."""
    text = _JWT.sub("***", text)
    text = _BEARER.sub("Bearer ***", text)
    text = _KEYED_SECRET.sub(lambda m: f"{m.group(1)}=***", text)
    return failures.one_line(text)


class ApiFailure(failures.ApiFailure):
    """A read that failed: which operation, the ARM error code, a safe message, the HTTP status."""

    def __init__(self, api: str, code: str, message: str, status: int | None = None) -> None:
        super().__init__(api, code, message)
        self.status = status

    @property
    def scope_specific(self) -> bool:
        """Denied or not found: the kind of failure one subscription of a batch can cause alone."""
        return self.status in (401, 403, 404)


class CredentialFailure(Exception):
    """No token could be obtained: nothing can be read (the collector stops, exit 3)."""


def failure_from(api: str, exc: Exception) -> ApiFailure:
    """The `ApiFailure` for an exception azure-core raised while calling `api`."""
    if isinstance(exc, ClientAuthenticationError) and exc.response is None:
        # Raised by the credential before any request was sent.
        raise CredentialFailure(redact(str(exc) or type(exc).__name__)) from None
    if isinstance(exc, HttpResponseError) and exc.response is not None:
        error = getattr(exc, "error", None)
        code = getattr(error, "code", None) or exc.reason or str(exc.status_code)
        message = getattr(error, "message", None) or exc.reason or code
        return ApiFailure(api, str(code), redact(str(message)), exc.status_code)
    return ApiFailure(api, type(exc).__name__, redact(str(exc) or type(exc).__name__))


def _raw_json(pipeline_response: Any, _deserialized: Any, _headers: Any) -> Any:
    """`cls=` hook: the response body as the service sent it."""
    return pipeline_response.http_response.json()


class Arm:
    """ARM reads by resource id, through `ResourceManagementClient.resources.get_by_id`."""

    def __init__(self, client: ResourceManagementClient) -> None:
        self.client = client

    def get(self, api: str, path: str, api_version: str) -> dict[str, Any]:
        """GET `path` (an ARM resource id, or a child path below one)."""
        return self._get(api, path, api_version, {})

    def list(self, api: str, path: str, api_version: str) -> list[dict[str, Any]]:
        """Every item of the collection at `path`, following `nextLink` pages.

        A nextLink is followed on the configured endpoint only: its path and query are
        reused, its scheme and host never are, so nothing is sent anywhere else.
        """
        items: list[dict[str, Any]] = []
        params: dict[str, str] = {}
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            page = self._get(api, path, api_version, params)
            items.extend(v for v in page.get("value") or [] if isinstance(v, dict))
            next_link = page.get("nextLink")
            if not next_link:
                return items
            if next_link in seen:
                raise ApiFailure(
                    api, "NextLinkLoop", f"the service returned the same nextLink twice: {redact(next_link)}"
                )
            seen.add(next_link)
            parts = urlsplit(next_link)
            path = parts.path
            params = {k: v for k, v in parse_qsl(parts.query, keep_blank_values=True) if k.lower() != "api-version"}
        raise ApiFailure(api, "TooManyPages", f"more than {MAX_PAGES} pages")

    def _get(self, api: str, path: str, api_version: str, params: dict[str, str]) -> dict[str, Any]:
        try:
            body = self.client.resources.get_by_id(
                path.lstrip("/"), api_version=api_version, params=dict(params), cls=_raw_json
            )
        except AzureError as exc:
            raise failure_from(api, exc) from None
        if not isinstance(body, dict):
            raise ApiFailure(api, "UnexpectedResponse", f"expected a JSON object, got {type(body).__name__}")
        return body


GRAPH_API = "resourcegraph:Resources"
PAGE_SIZE = 1000
"""Rows per Resource Graph page (`$top`; the service's maximum)."""


class ResourceGraph:
    """Resource Graph queries, through `ResourceGraphClient.resources`, page by page."""

    def __init__(self, client: ResourceGraphClient) -> None:
        self.client = client

    def pages(
        self,
        query: str,
        *,
        subscriptions: list[str] | None = None,
        management_groups: list[str] | None = None,
        page_size: int = PAGE_SIZE,
    ) -> Iterator[list[dict[str, Any]]]:
        """The rows of `query` (objectArray), one list per page, following `$skipToken`."""
        skip_token: str | None = None
        for _ in range(MAX_PAGES):
            request = QueryRequest(
                subscriptions=subscriptions,
                management_groups=management_groups,
                query=query,
                options=QueryRequestOptions(
                    result_format=ResultFormat.OBJECT_ARRAY, top=page_size, skip_token=skip_token
                ),
            )
            try:
                response = self.client.resources(request)
            except AzureError as exc:
                raise failure_from(GRAPH_API, exc) from None
            rows = response.data if isinstance(response.data, list) else []
            yield [row for row in rows if isinstance(row, dict)]
            skip_token = response.skip_token
            if not skip_token:
                if str(response.result_truncated).lower() == "true":
                    # Rows were left out and no token leads to them: the listing is incomplete.
                    raise ApiFailure(
                        GRAPH_API, "ResultTruncated", "Resource Graph truncated the result without a $skipToken"
                    )
                return
        raise ApiFailure(GRAPH_API, "TooManyPages", f"more than {MAX_PAGES} pages")
