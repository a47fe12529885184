"""The Azure call machinery: endpoints and clouds, loopback authentication, the retry policy,
Resource Graph and nextLink paging edge cases, and redaction, through the real SDK clients."""

from __future__ import annotations

from typing import Any

import pytest
from azure.core.exceptions import ClientAuthenticationError

from attestkit.collectors.azure import AzureCollector
from attestkit.collectors.azure.calls import redact
from attestkit.collectors.azure.clients import LoopbackAuthPolicy, quota_reset_seconds
from attestkit.collectors.azure.clouds import CLOUDS, resolve_endpoint
from attestkit.collectors.interface import SilentProgress
from attestkit.demo.azure_demo import Fault, iter_calls
from attestkit.errors import CollectionFailed, InputError
from tests.fixtures.azure.harness import (
    PROD,
    collect,
    fast_collector,
    fault,
    loopback_only_fixture,  # noqa: F401 - registers the loopback_only fixture
    serve,
    unused_port,
)
from tests.fixtures.collected import ListSink

pytestmark = pytest.mark.usefixtures("loopback_only")


class RecordingCredential:
    """A credential that records the scopes asked for and has no token to give."""

    def __init__(self) -> None:
        self.scopes: list[str] = []

    def get_token(self, *scopes: str, **kwargs: Any) -> Any:
        self.scopes.extend(scopes)
        raise ClientAuthenticationError("no token in tests")


@pytest.mark.parametrize(
    ("cloud", "endpoint", "scope", "authority"),
    [
        (
            "public",
            "https://management.azure.com",
            "https://management.azure.com/.default",
            "login.microsoftonline.com",
        ),
        (
            "usgov",
            "https://management.usgovcloudapi.net",
            "https://management.usgovcloudapi.net/.default",
            "login.microsoftonline.us",
        ),
        (
            "china",
            "https://management.chinacloudapi.cn",
            "https://management.chinacloudapi.cn/.default",
            "login.chinacloudapi.cn",
        ),
    ],
)
def test_clouds(cloud: str, endpoint: str, scope: str, authority: str) -> None:
    collector = AzureCollector([PROD], cloud=cloud)
    assert (collector.endpoint.url, collector.endpoint.loopback_http, collector.endpoint.overridden) == (
        endpoint,
        False,
        False,
    )
    assert (CLOUDS[cloud].scope, CLOUDS[cloud].authority_host) == (scope, authority)


def test_the_cloud_decides_the_token_scope_even_with_an_endpoint() -> None:
    credential = RecordingCredential()
    collector = AzureCollector(
        [PROD], cloud="usgov", endpoint=f"https://127.0.0.1:{unused_port()}", credential=credential
    )
    with pytest.raises(CollectionFailed):
        collector.collect(ListSink(), SilentProgress())
    assert set(credential.scopes) == {"https://management.usgovcloudapi.net/.default"}


def test_a_loopback_endpoint_gets_a_placeholder_header_and_never_asks_for_a_token() -> None:
    credential = RecordingCredential()
    with serve() as server:
        c = collect(server, fast_collector(server, [PROD], credential=credential))
    assert credential.scopes == []  # the bearer policy was replaced, not consulted
    assert c.errors == [] and c.resources  # the server answers 401 without an Authorization header
    assert LoopbackAuthPolicy.HEADER.startswith("Bearer ") and "token" not in LoopbackAuthPolicy.HEADER.split()[-1][:5]


def test_without_authorization_the_server_refuses_like_arm() -> None:
    import requests

    with serve() as server:
        answer = requests.get(f"{server.url}/subscriptions/{PROD}?api-version=2022-12-01", timeout=5)
        missing_version = requests.get(
            f"{server.url}/subscriptions/{PROD}", headers={"Authorization": "Bearer x"}, timeout=5
        )
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "AuthenticationFailed"
    assert (
        missing_version.status_code == 400 and missing_version.json()["error"]["code"] == "MissingApiVersionParameter"
    )


@pytest.mark.parametrize(
    ("endpoint", "loopback"),
    [
        ("http://127.0.0.1:8080", True),
        ("http://127.0.0.5:8080/", True),
        ("http://localhost:9", True),
        ("http://[::1]:8080", True),
        ("https://arm.contoso.example", False),
        ("https://127.0.0.1:8443", False),
    ],
)
def test_endpoint_rule(endpoint: str, loopback: bool) -> None:
    resolved = resolve_endpoint(CLOUDS["public"], endpoint)
    assert resolved.loopback_http is loopback
    assert resolved.url == endpoint.rstrip("/") and resolved.overridden


@pytest.mark.parametrize("endpoint", ["http://10.1.2.3:8080", "http://arm.contoso.example", "http://0.0.0.0:80"])
def test_plain_http_beyond_loopback_is_refused(endpoint: str) -> None:
    with pytest.raises(InputError, match="plain http is accepted only on a loopback address"):
        resolve_endpoint(CLOUDS["public"], endpoint)


@pytest.mark.parametrize(
    ("value", "seconds"), [("00:00:03", 3.0), ("00:01:00.5", 60.5), ("01:00:00", 3600.0), ("soon", None), (None, None)]
)
def test_resource_graph_quota_reset_header(value: str | None, seconds: float | None) -> None:
    assert quota_reset_seconds(value) == seconds


def test_a_long_retry_after_is_capped() -> None:
    throttled = fault(
        "too_many_requests", 429, operation="resources:Subscriptions_Get", times=1, headers={"Retry-After": "3600"}
    )
    with serve(throttled) as server:
        c = collect(server, fast_collector(server, [PROD], max_wait=0.3))
        first, second = list(iter_calls(server, "resources:Subscriptions_Get"))[:2]
    assert c.errors == []
    assert 0.28 <= second.at - first.at < 5


def test_a_denial_is_not_retried_even_with_retry_after() -> None:
    denied = fault(
        "authorization_failed",
        403,
        operation="web:WebApps_GetConfiguration",
        path="app-cb-portal",
        headers={"Retry-After": "1"},
    )
    with serve(denied) as server:
        c = collect(server, fast_collector(server, [PROD]))
        attempts = [x for x in iter_calls(server, "web:WebApps_GetConfiguration") if "app-cb-portal" in x.path]
    assert len(attempts) == 1
    assert [e.code for e in c.named("Microsoft.Web/sites", "app-cb-portal").errors] == ["AuthorizationFailed"]


def test_a_truncated_resource_graph_result_without_skip_token_is_an_error() -> None:
    truncated = Fault(
        status=200,
        code="",
        message="",
        operation="resourcegraph:Resources",
        graph_type="Microsoft.Compute/disks",
        body={"totalRecords": 9, "count": 0, "data": [], "facets": [], "resultTruncated": "true"},
    )
    with serve(truncated) as server:
        c = collect(server, fast_collector(server, [PROD]))
    assert [(e.service, e.account, e.code, e.resource_types) for e in c.errors] == [
        ("compute", PROD, "ResultTruncated", ["Microsoft.Compute/disks"])
    ]


def test_a_next_link_that_loops_is_a_read_error_not_a_hang() -> None:
    vault = f"/subscriptions/{PROD}/resourceGroups/rg-cb-prod-security/providers/Microsoft.KeyVault/vaults/kv-cb-ops"
    looping = Fault(
        status=200,
        code="",
        message="",
        operation="keyvault:Secrets_List",
        path="kv-cb-ops/secrets$",
        body={
            "value": [],
            "nextLink": f"https://management.azure.com{vault}/secrets?api-version=2023-07-01&$skiptoken=again",
        },
    )
    with serve(looping) as server:
        c = collect(server, fast_collector(server, [PROD]))
    errors = c.named("Microsoft.KeyVault/vaults", "kv-cb-ops").errors
    assert [(e.api, e.code) for e in errors] == [("keyvault:Secrets_List", "NextLinkLoop")]


def test_a_next_link_to_another_host_is_followed_on_the_endpoint_only() -> None:
    vault = f"/subscriptions/{PROD}/resourceGroups/rg-cb-prod-security/providers/Microsoft.KeyVault/vaults/kv-cb-ops"
    elsewhere = Fault(
        status=200,
        code="",
        message="",
        operation="keyvault:Secrets_List",
        path="kv-cb-ops/secrets$",
        times=1,
        body={
            "value": [{"name": "s1", "properties": {"attributes": {"enabled": True}}}],
            "nextLink": f"https://attacker.example{vault}/secrets?api-version=2023-07-01&$skiptoken=x",
        },
    )
    second_page = Fault(
        status=200,
        code="",
        message="",
        operation="keyvault:Secrets_List",
        path="kv-cb-ops/secrets$",
        times=1,
        body={"value": [{"name": "s2", "properties": {"attributes": {"enabled": True}}}]},
    )
    with serve(elsewhere, second_page) as server:
        c = collect(server, fast_collector(server, [PROD]))  # the socket guard fails the test on any other host
        pages = [x for x in iter_calls(server, "keyvault:Secrets_List") if "kv-cb-ops" in x.path]
    secrets = c.named("Microsoft.KeyVault/vaults", "kv-cb-ops").config["secrets"]
    assert [s["name"] for s in secrets] == ["s1", "s2"]
    assert len(pages) == 2  # page 2 was asked of the configured endpoint


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("Authorization: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwcyJ9.c2lnbmF0dXJl", "eyJ0eXAi"),
        ("https://st.blob.core.windows.net/c?sv=2022-11-02&sig=abcDEF123%3D&se=2027", "abcDEF123"),
        (
            "DefaultEndpointsProtocol=https;AccountName=st;AccountKey=bXlzZWNyZXRrZXk=;EndpointSuffix=core.windows.net",
            "bXlzZWNyZXRrZXk",
        ),
        ("client_secret=s3cr3t-value&grant_type=client_credentials", "s3cr3t"),
    ],
)
def test_redact(text: str, hidden: str) -> None:
    assert hidden not in redact(text)
    assert redact("x" * 600).endswith("...") and len(redact("x" * 600)) == 500
