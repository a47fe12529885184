"""Azure clouds and the ARM endpoint the collector talks to.

`--cloud` picks the sign-in authority and the Azure Resource Manager endpoint of the public,
US Government or China cloud; `--endpoint URL` replaces the ARM endpoint (Resource Graph is
served by ARM, so it moves too). The rule for endpoints, enforced by `resolve_endpoint`:

- `https://...`: the real credential (`DefaultAzureCredential`) and a bearer token for the
  cloud's ARM scope, sent to that endpoint. Only point it at an endpoint you trust.
- `http://...`: only on a loopback address (127.0.0.0/8, ::1, `localhost`), for local
  recordings, tests and `attest demo azure`. No credential is created and no token is ever
  requested: the bearer-token policy (which refuses plain http) is replaced by one that
  sends a fixed placeholder `Authorization` header. Plain http anywhere else is refused,
  so a token can never travel unencrypted.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from attestkit.errors import InputError


@dataclass(frozen=True)
class Cloud:
    name: str
    authority_host: str
    """Microsoft Entra ID sign-in host for the credential."""
    arm_endpoint: str
    """Azure Resource Manager (and Resource Graph) endpoint."""

    @property
    def scope(self) -> str:
        """The token scope ARM accepts in this cloud."""
        return f"{self.arm_endpoint.rstrip('/')}/.default"


CLOUDS: dict[str, Cloud] = {
    "public": Cloud("public", "login.microsoftonline.com", "https://management.azure.com"),
    "usgov": Cloud("usgov", "login.microsoftonline.us", "https://management.usgovcloudapi.net"),
    "china": Cloud("china", "login.chinacloudapi.cn", "https://management.chinacloudapi.cn"),
}
"""`--cloud` name -> its authority and ARM endpoint (the values azure-identity's
`AzureAuthorityHosts` and azure-mgmt-core's `get_arm_endpoints` use)."""


@dataclass(frozen=True)
class Endpoint:
    url: str
    """Base URL without a trailing slash."""
    loopback_http: bool
    """Plain http on loopback: no credential, a placeholder Authorization header."""
    overridden: bool


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def resolve_endpoint(cloud: Cloud, override: str | None) -> Endpoint:
    """The ARM endpoint to call: the cloud's, or `--endpoint` checked against the rule above."""
    if not override:
        return Endpoint(cloud.arm_endpoint, loopback_http=False, overridden=False)
    parts = urlsplit(override)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"--endpoint {override}: not an http(s) URL (e.g. https://management.azure.com)")
    if parts.query or parts.fragment:
        raise InputError(f"--endpoint {override}: give the base URL only, without a query or fragment")
    try:
        _ = parts.port  # urlsplit checks the port only when it is read
    except ValueError:
        raise InputError(f"--endpoint {override}: the port is not a number between 0 and 65535") from None
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise InputError(
            f"--endpoint {override}: plain http is accepted only on a loopback address (127.0.0.1, ::1, "
            "localhost), where no token is sent; use https for any other host"
        )
    return Endpoint(override.rstrip("/"), loopback_http=parts.scheme == "http", overridden=True)
