"""The Cloud Asset Inventory client: endpoint, credentials, transport.

The collector uses the real `AssetServiceClient` with the REST transport. Credentials are
resolved when the collector is built (never at import time), by one documented rule:

- no `--endpoint`, or an `https://` one (Private Service Connect, restricted or private
  endpoints, e.g. `https://cloudasset-myendpoint.p.googleapis.com`): Application Default
  Credentials;
- an `http://` endpoint is accepted only on a loopback host (127.0.0.0/8, ::1, localhost)
  and gets anonymous credentials: that is a local endpoint serving recorded responses (the
  tests, `attest demo gcp`, the benchmark). Real credentials never travel over plain HTTP.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from attestkit.errors import CollectionFailed, InputError

log = logging.getLogger(__name__)

CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform"


@dataclass(frozen=True)
class Endpoint:
    """Where Cloud Asset Inventory is reached, and whether anonymous credentials are used."""

    url: str | None
    """`client_options.api_endpoint`, or None for the default (cloudasset.googleapis.com)."""
    anonymous: bool


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_endpoint(value: str | None) -> Endpoint:
    """Apply the endpoint rule above; a malformed or non-loopback `http://` value is an InputError."""
    if value is None:
        return Endpoint(url=None, anonymous=False)
    text = value.strip()
    if "://" not in text:
        text = f"https://{text}"
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        _ = parts.port  # raises ValueError on a non-numeric port
    except ValueError:
        raise InputError(
            f"--endpoint {value}: not a URL; use e.g. https://cloudasset-ENDPOINT.p.googleapis.com"
        ) from None
    if parts.scheme not in ("http", "https") or not host or parts.path not in ("", "/") or parts.query:
        raise InputError(
            f"--endpoint {value}: give the scheme and host only, e.g. https://cloudasset-ENDPOINT.p.googleapis.com"
        )
    url = f"{parts.scheme}://{parts.netloc}"
    if parts.scheme == "http":
        if not _is_loopback(host):
            raise InputError(
                f"--endpoint {value}: plain http:// is accepted only on a loopback host (127.0.0.1, localhost), "
                "where anonymous credentials are used; use https:// for a Private Service Connect endpoint"
            )
        return Endpoint(url=url, anonymous=True)
    return Endpoint(url=url, anonymous=False)


def default_credentials():  # -> google.auth.credentials.Credentials
    """Application Default Credentials with the cloud-platform scope, or CollectionFailed (exit 3)."""
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    try:
        credentials, project = google.auth.default(scopes=[CLOUD_PLATFORM_SCOPE])
    except DefaultCredentialsError as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CollectionFailed(
            "no Google Cloud credentials: run `gcloud auth application-default login`, or set "
            f"GOOGLE_APPLICATION_CREDENTIALS to a service account key file ({first_line})"
        ) from None
    log.debug("Application Default Credentials found (default project %s)", project)
    return credentials


def make_client(endpoint: Endpoint, credentials=None):  # -> asset_v1.AssetServiceClient
    """An `AssetServiceClient` on the REST transport for `endpoint`.

    `credentials` defaults to the endpoint rule: anonymous for a loopback http:// endpoint,
    Application Default Credentials otherwise.
    """
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import asset_v1

    if credentials is None:
        credentials = AnonymousCredentials() if endpoint.anonymous else default_credentials()
    options = ClientOptions(api_endpoint=endpoint.url) if endpoint.url else ClientOptions()
    return asset_v1.AssetServiceClient(credentials=credentials, transport="rest", client_options=options)
