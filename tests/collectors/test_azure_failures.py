"""Failed reads land as a CollectionError for exactly their scope (or a ReadError on exactly
their resource), and the rest of the estate is collected: through the real SDK clients and
azure-core's real retry policy, against the recorded estate on 127.0.0.1 with faults
injected by the server, answered with recorded ARM error bodies."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest

from attestkit.collectors.azure import AzureCollector
from attestkit.collectors.azure.catalog import RESOURCE_TYPES
from attestkit.collectors.interface import SilentProgress
from attestkit.demo.azure_demo import MANAGEMENT_GROUP, iter_calls
from attestkit.errors import CollectionFailed, ExitCode, InputError
from tests.fixtures.azure.harness import (
    DEV,
    PROD,
    UNKNOWN_SUBSCRIPTION,
    Collected,
    collect,
    fast_collector,
    fault,
    loopback_only_fixture,  # noqa: F401 - registers the loopback_only fixture
    serve,
    unused_port,
)
from tests.fixtures.collected import ListSink

pytestmark = pytest.mark.usefixtures("loopback_only")

STORAGE = "Microsoft.Storage/storageAccounts"
VAULTS = "Microsoft.KeyVault/vaults"
ALL_TYPES_BUT_STORAGE = set(RESOURCE_TYPES) - {STORAGE}


def _types(c: Collected, account: str | None = None) -> Counter[str]:
    return Counter(r.type for r in c.resources.values() if account is None or r.account == account)


@pytest.fixture(scope="module")
def baseline() -> Collected:
    with serve() as server:
        return collect(server)


def test_the_estate_without_faults_collects_cleanly(baseline: Collected) -> None:
    assert baseline.errors == []
    assert not [r.id for r in baseline.resources.values() if r.errors]
    assert len(baseline.of_type("Microsoft.RecoveryServices/vaults")) == 3


def test_resource_graph_denied_for_one_type_is_one_error_per_subscription_for_that_type(baseline: Collected) -> None:
    with serve(fault("authorization_failed", 403, operation="resourcegraph:Resources", graph_type=STORAGE)) as server:
        c = collect(server)
        calls = [x for x in iter_calls(server, "resourcegraph:Resources") if x.graph_type == STORAGE.lower()]
    assert sorted((e.service, e.region, e.account, e.api, e.code, tuple(e.resource_types)) for e in c.errors) == [
        ("storage", "global", sub, "resourcegraph:Resources", "AuthorizationFailed", (STORAGE,))
        for sub in sorted([DEV, PROD])
    ]
    assert not c.of_type(STORAGE)
    # a denial on a two-subscription query is retried one subscription at a time, no more
    assert [sorted(x.subscriptions) for x in calls] == [sorted([DEV, PROD]), [DEV], [PROD]] or [
        sorted(x.subscriptions) for x in calls
    ] == [sorted([DEV, PROD]), [PROD], [DEV]]
    expected = {t: n for t, n in _types(baseline).items() if t != STORAGE}
    assert dict(_types(c)) == expected


def test_resource_graph_denied_for_one_subscription_lands_on_that_subscription_only(baseline: Collected) -> None:
    denied = fault("authorization_failed", 403, operation="resourcegraph:Resources", subscription=DEV)
    with serve(denied) as server:
        c = collect(server)
    assert {e.account for e in c.errors} == {DEV}
    assert sorted(t for e in c.errors for t in e.resource_types) == sorted(
        set(RESOURCE_TYPES) - {"Microsoft.Resources/subscriptions"}
    )
    assert _types(c, PROD) == _types(baseline, PROD)
    assert dict(_types(c, DEV)) == {"Microsoft.Resources/subscriptions": 1}  # read with ARM, not Resource Graph


def test_subscription_not_found_is_one_error_and_the_others_are_collected(baseline: Collected) -> None:
    with serve() as server:
        c = collect(server, subscriptions=[PROD, DEV, UNKNOWN_SUBSCRIPTION])
        graph_scopes = {frozenset(x.subscriptions) for x in iter_calls(server, "resourcegraph:Resources")}
    (error,) = c.errors
    assert (error.service, error.region, error.account, error.api, error.code) == (
        "resources",
        "global",
        UNKNOWN_SUBSCRIPTION,
        "resources:Subscriptions_Get",
        "SubscriptionNotFound",
    )
    assert error.message == f"The subscription '{UNKNOWN_SUBSCRIPTION}' could not be found."
    assert error.resource_types == list(RESOURCE_TYPES)
    assert c.lines == baseline.lines
    assert c.scope.accounts == sorted([PROD, DEV, UNKNOWN_SUBSCRIPTION])
    assert graph_scopes == {frozenset({PROD, DEV})}  # the missing subscription is never queried


def test_subscription_denied_is_one_error_for_every_type_of_it(baseline: Collected) -> None:
    denied = fault("authorization_failed", 403, operation="resources:Subscriptions_Get", subscription=DEV)
    with serve(denied) as server:
        c = collect(server)
    (error,) = c.errors
    assert (error.account, error.code, error.resource_types) == (DEV, "AuthorizationFailed", list(RESOURCE_TYPES))
    assert _types(c, PROD) == _types(baseline, PROD)
    assert not _types(c, DEV)


def test_token_of_the_wrong_tenant_for_one_subscription_is_that_subscriptions_error(baseline: Collected) -> None:
    wrong_tenant = fault(
        "invalid_authentication_token_tenant", 401, operation="resources:Subscriptions_Get", subscription=DEV
    )
    with serve(wrong_tenant) as server:
        c = collect(server)
    assert [(e.account, e.code) for e in c.errors] == [(DEV, "InvalidAuthenticationTokenTenant")]
    assert _types(c, PROD) == _types(baseline, PROD)


def test_persistent_throttling_is_retried_then_recorded_and_the_rest_completes(baseline: Collected) -> None:
    throttled = fault(
        "rate_limiting",
        429,
        operation="resourcegraph:Resources",
        graph_type=STORAGE,
        headers={"Retry-After": "0.05", "x-ms-user-quota-remaining": "0"},
    )
    with serve(throttled) as server:
        c = collect(server, retry_total=2)
        attempts = [x for x in iter_calls(server, "resourcegraph:Resources") if x.graph_type == STORAGE.lower()]
    assert [x.status for x in attempts] == [429, 429, 429]  # the first try and two retries; never split
    assert all(b.at - a.at >= 0.045 for a, b in pairwise(attempts))
    assert sorted((e.account, e.code, tuple(e.resource_types)) for e in c.errors) == [
        (sub, "RateLimiting", (STORAGE,)) for sub in sorted([DEV, PROD])
    ]
    assert {t: n for t, n in _types(c).items()} == {t: n for t, n in _types(baseline).items() if t != STORAGE}


def test_throttling_quota_header_alone_is_honoured_and_retried() -> None:
    once = fault(
        "rate_limiting",
        429,
        operation="resourcegraph:Resources",
        graph_type=VAULTS,
        times=1,
        headers={"x-ms-user-quota-remaining": "0", "x-ms-user-quota-resets-after": "00:00:00.3"},
    )
    with serve(once) as server:
        c = collect(server, retry_backoff=0.0)
        throttled, retried = [
            x for x in iter_calls(server, "resourcegraph:Resources") if x.graph_type == VAULTS.lower()
        ][:2]
    assert c.errors == [] and len(c.of_type(VAULTS)) == 3
    assert (throttled.status, retried.status) == (429, 200)
    assert retried.at - throttled.at >= 0.28


def test_transient_bad_gateway_on_a_child_read_is_retried(baseline: Collected) -> None:
    flaky = fault("bad_gateway", 502, operation="keyvault:Secrets_List", path="kv-cb-prod/secrets$", times=1)
    with serve(flaky) as server:
        c = collect(server)
    assert c.errors == [] and not [r for r in c.resources.values() if r.errors]
    assert c.lines == baseline.lines


def test_a_denied_child_read_is_a_read_error_on_that_resource_only(baseline: Collected) -> None:
    denied = fault(
        "authorization_failed", 403, operation="sql:ServerBlobAuditingPolicies_Get", path="/servers/sql-cb-prod/"
    )
    with serve(denied) as server:
        c = collect(server)
        attempts = [x for x in iter_calls(server, "sql:ServerBlobAuditingPolicies_Get") if "sql-cb-prod" in x.path]
    assert c.errors == []
    assert len(attempts) == 1  # a 403 is never retried
    server_ = c.named("Microsoft.Sql/servers", "sql-cb-prod")
    assert [(e.api, e.code) for e in server_.errors] == [("sql:ServerBlobAuditingPolicies_Get", "AuthorizationFailed")]
    assert "auditingSettings" not in server_.config
    assert server_.config["firewallRules"] and server_.config["administrators"]
    failed = [r.id for r in c.resources.values() if r.errors]
    assert failed == [server_.id]


def test_an_unregistered_provider_is_recorded_never_registered(baseline: Collected) -> None:
    unregistered = fault(
        "missing_subscription_registration", 409, operation="sql:TransparentDataEncryptions_Get", path="sqldb-claims"
    )
    with serve(unregistered) as server:
        c = collect(server)
        methods = {(x.method, x.operation) for x in server.calls}
    db = c.named("Microsoft.Sql/servers/databases", "sqldb-claims")
    assert [(e.api, e.code) for e in db.errors] == [
        ("sql:TransparentDataEncryptions_Get", "MissingSubscriptionRegistration")
    ]
    assert not [m for m in methods if m[0] != "GET" and m[1] != "resourcegraph:Resources"]  # no POST .../register


def test_error_messages_never_carry_tokens_or_signatures() -> None:
    echoing = fault("echoes_token", 403, operation="web:WebApps_GetConfiguration", path="app-cb-portal")
    with serve(echoing) as server:
        c = collect(server)
    (error,) = c.named("Microsoft.Web/sites", "app-cb-portal").errors
    assert "eyJ" not in error.message and "PLANTED" not in error.message
    assert "Bearer ***" in error.message and "sig=***" in error.message


def test_management_group_that_cannot_be_listed_is_one_error() -> None:
    denied = fault("authorization_failed", 403, operation="resourcegraph:Resources")
    with serve(denied) as server:
        c = collect(server, fast_collector(server, management_group=MANAGEMENT_GROUP))
    (error,) = c.errors
    assert (error.service, error.account, error.code, error.resource_types) == (
        "resourcegraph",
        MANAGEMENT_GROUP,
        "AuthorizationFailed",
        list(RESOURCE_TYPES),
    )
    assert c.resources == {} and c.scope.accounts == []


def test_an_endpoint_that_does_not_answer_stops_collection_with_exit_3() -> None:
    collector = AzureCollector([PROD], endpoint=f"http://127.0.0.1:{unused_port()}", retry_total=1, retry_backoff=0.0)
    with pytest.raises(CollectionFailed) as caught:
        collector.collect(ListSink(), SilentProgress())
    assert caught.value.exit_code == ExitCode.INCOMPLETE
    assert "cannot reach Azure Resource Manager at http://127.0.0.1:" in caught.value.message


def test_no_credentials_stops_collection_with_exit_3() -> None:
    from azure.core.exceptions import ClientAuthenticationError

    class NoLogin:
        def get_token(self, *scopes: str, **kwargs: object) -> object:
            raise ClientAuthenticationError(
                "DefaultAzureCredential failed to retrieve a token from the included credentials."
            )

    # https on loopback: the real bearer-token policy asks the credential, which has nothing
    collector = AzureCollector([PROD], endpoint=f"https://127.0.0.1:{unused_port()}", credential=NoLogin())
    with pytest.raises(CollectionFailed) as caught:
        collector.collect(ListSink(), SilentProgress())
    assert caught.value.exit_code == ExitCode.INCOMPLETE
    assert caught.value.message.startswith("no Azure credentials: DefaultAzureCredential failed")
    assert "az login" in caught.value.message


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"subscription": []}, "give --subscription SUBSCRIPTION_ID (repeatable) or --management-group GROUP"),
        ({"subscription": [PROD], "management_group": "mg"}, "not both"),
        ({"subscription": ["prod"]}, "--subscription prod: not a subscription id"),
        (
            {"subscription": [PROD], "endpoint": "http://10.0.0.5:8080"},
            "plain http is accepted only on a loopback address",
        ),
        ({"subscription": [PROD], "endpoint": "ftp://127.0.0.1"}, "not an http(s) URL"),
        ({"subscription": [PROD], "endpoint": "https://arm.example?x=1"}, "without a query or fragment"),
        (
            {"subscription": [PROD], "management_group": None, "cloud": "mars"},
            "--cloud mars: choose from public, usgov, china",
        ),
        ({"management_group": "mg with spaces"}, "not a management group name"),
    ],
)
def test_bad_options_are_input_errors(options: dict, message: str) -> None:
    with pytest.raises(InputError) as caught:
        AzureCollector.from_cli(**options)
    assert message in caught.value.message
    assert caught.value.exit_code == ExitCode.USAGE
    assert "\n" not in caught.value.message
