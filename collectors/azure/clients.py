"""Credentials, the HTTP pipeline and the two SDK clients, built when collection starts.

`AzureClients` builds one `ResourceManagementClient` and one `ResourceGraphClient` that
share a connection pool, with the pipeline spelled out here rather than left to the SDK
default, for two reasons:

- Read-only: the SDK default includes `ARMAutoResourceProviderRegistrationPolicy`, which
  answers a 409 `MissingSubscriptionRegistration` by POSTing `.../providers/<rp>/register`,
  a write. It is left out; an unregistered provider is recorded like any failed read.
- Retries that fit a reader (`ReadRetryPolicy`): throttling (429) and transient failures
  (408, 500, 502, 503, 504) are retried for every call, the Resource Graph POST included
  (it is a query), honouring `Retry-After` (and `retry-after-ms`, `x-ms-retry-after-ms`, and
  Resource Graph's `x-ms-user-quota-resets-after`), each wait capped; a 403 or 404 is never
  retried, whatever headers it carries.

Authentication: `DefaultAzureCredential` for the cloud's authority and ARM scope, created
here and never at import time; for a plain-http loopback endpoint no credential exists and
`LoopbackAuthPolicy` stands in for the bearer-token policy (see `clouds.py`).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import requests
from azure.core.credentials import AccessToken
from azure.core.exceptions import ClientAuthenticationError
from azure.core.pipeline import PipelineRequest
from azure.core.pipeline.policies import (
    ContentDecodePolicy,
    CustomHookPolicy,
    DistributedTracingPolicy,
    HeadersPolicy,
    NetworkTraceLoggingPolicy,
    ProxyPolicy,
    RedirectPolicy,
    RequestIdPolicy,
    RetryPolicy,
    SansIOHTTPPolicy,
    SensitiveHeaderCleanupPolicy,
    UserAgentPolicy,
)
from azure.core.pipeline.transport import RequestsTransport
from azure.mgmt.core.policies import ARMChallengeAuthenticationPolicy, ARMHttpLoggingPolicy
from azure.mgmt.resource.resources import ResourceManagementClient
from azure.mgmt.resourcegraph import ResourceGraphClient
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from attestkit import __version__
from attestkit.collectors.azure.calls import Arm, ResourceGraph
from attestkit.collectors.azure.clouds import Cloud, Endpoint

log = logging.getLogger(__name__)

PLACEHOLDER_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
"""ResourceManagementClient wants a subscription id; every call here passes full resource ids."""


class LoopbackAuthPolicy(SansIOHTTPPolicy[Any, Any]):
    """Replaces bearer authentication for a plain-http loopback endpoint: a fixed placeholder
    header, so the request has the shape ARM expects, and never a token."""

    HEADER = "Bearer attestkit-loopback-no-token"

    def on_request(self, request: PipelineRequest[Any]) -> None:
        request.http_request.headers["Authorization"] = self.HEADER


class NoCredential:
    """The credential of a loopback endpoint: there is none, and asking for a token is a bug."""

    def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        raise ClientAuthenticationError("a loopback endpoint is called without credentials")


class ReadRetryPolicy(RetryPolicy):
    """azure-core's retry policy, narrowed to what a read-only collector should retry."""

    RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
    METHODS = frozenset({"GET", "HEAD", "POST"})
    """The only POST sent is the Resource Graph query, which reads."""

    def __init__(self, *, max_wait: float = 60.0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_wait = max_wait

    def configure_retries(self, options: dict[str, Any]) -> dict[str, Any]:
        settings = super().configure_retries(options)
        settings["methods"] = self.METHODS
        settings["max_backoff"] = min(settings["max_backoff"], self.max_wait)
        return settings

    def is_retry(self, settings: dict[str, Any], response: Any) -> bool:
        return bool(settings["total"]) and response.http_response.status_code in self.RETRY_STATUSES

    def get_retry_after(self, response: Any) -> float | None:
        delay = super().get_retry_after(response)
        if delay is None:
            delay = quota_reset_seconds(response.http_response.headers.get("x-ms-user-quota-resets-after"))
        if delay is None:
            return None
        if delay > self.max_wait:
            log.warning("the service asked to wait %.0f s before retrying; waiting %.0f s", delay, self.max_wait)
        return max(0.0, min(delay, self.max_wait))


def quota_reset_seconds(value: str | None) -> float | None:
    """Resource Graph's `x-ms-user-quota-resets-after` (`hh:mm:ss`) in seconds."""
    if not value:
        return None
    try:
        hours, minutes, seconds = value.split(":")
        return timedelta(hours=int(hours), minutes=int(minutes), seconds=float(seconds)).total_seconds()
    except ValueError:
        return None


class AzureClients:
    """The SDK clients of one collection run (thread-safe: requests' pool, stateless policies)."""

    def __init__(
        self,
        cloud: Cloud,
        endpoint: Endpoint,
        *,
        credential: Any | None = None,
        pool_size: int = 16,
        retry_total: int = 6,
        retry_backoff: float = 0.8,
        max_wait: float = 60.0,
        read_timeout: float = 120.0,
    ) -> None:
        self.cloud = cloud
        self.endpoint = endpoint
        if endpoint.loopback_http:
            self.credential: Any = NoCredential()
            auth: Any = LoopbackAuthPolicy()
        else:
            self.credential = credential or _default_credential(cloud)
            auth = ARMChallengeAuthenticationPolicy(self.credential, cloud.scope)
        session = requests.Session()
        # A loopback endpoint never goes through a proxy; elsewhere the environment decides.
        session.trust_env = not endpoint.loopback_http
        adapter = HTTPAdapter(
            pool_connections=2,
            pool_maxsize=pool_size,
            max_retries=Retry(total=False, redirect=False, raise_on_status=False),
        )
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        self._session = session
        transport = RequestsTransport(
            session=session, session_owner=False, connection_timeout=20, read_timeout=read_timeout
        )
        retry = ReadRetryPolicy(
            retry_total=retry_total,
            retry_status=retry_total,
            retry_connect=min(3, retry_total),
            retry_read=min(3, retry_total),
            retry_backoff_factor=retry_backoff,
            retry_backoff_max=max_wait,
            max_wait=max_wait,
        )
        common: dict[str, Any] = {
            "base_url": endpoint.url,
            "credential_scopes": [cloud.scope],
            "transport": transport,
            "policies": _pipeline(auth, retry),
        }
        self.arm = Arm(ResourceManagementClient(self.credential, PLACEHOLDER_SUBSCRIPTION, **common))
        self.graph = ResourceGraph(ResourceGraphClient(self.credential, **common))

    def close(self) -> None:
        self._session.close()
        close = getattr(self.credential, "close", None)
        if callable(close):
            close()


def _default_credential(cloud: Cloud) -> Any:
    from azure.identity import DefaultAzureCredential

    return DefaultAzureCredential(authority=cloud.authority_host)


def _pipeline(auth: Any, retry: ReadRetryPolicy) -> list[Any]:
    """The SDK's default ARM pipeline, in its order, without auto provider registration."""
    return [
        RequestIdPolicy(),
        HeadersPolicy(),
        UserAgentPolicy(user_agent=f"attestkit/{__version__}"),
        ProxyPolicy(),
        ContentDecodePolicy(),
        RedirectPolicy(),
        retry,
        auth,
        CustomHookPolicy(),
        NetworkTraceLoggingPolicy(),
        DistributedTracingPolicy(),
        SensitiveHeaderCleanupPolicy(),
        ARMHttpLoggingPolicy(),
    ]
