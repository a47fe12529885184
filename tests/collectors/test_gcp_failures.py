"""Failed ListAssets calls are retried where sensible and recorded per scope (docs/resources/gcp.md,
"Collection errors"); the other scopes are collected in full. Faults are recorded Google error
bodies answered by the local endpoint, so the real client and the collector's code both run."""

# ruff: noqa: F811 - the pytest fixtures imported from tests.fixtures.gcp.server are parameters here
from __future__ import annotations

import socket

import pytest

from attestkit.collectors.gcp import catalog
from attestkit.collectors.gcp.calls import AssetFailure, failure_from, redact
from attestkit.collectors.gcp.scope import Scope
from attestkit.demo.gcp_demo import AssetServer, Fault, google_error
from attestkit.errors import CollectionFailed, ExitCode
from tests.fixtures.gcp.server import (  # noqa: F401 - pytest fixtures
    TWO_PROJECTS,
    collect,
    fault,
    gcp_env,
    recorded_server,
    server,
)

PROD, ANALYTICS = "carebridge-prod", "carebridge-analytics"
ALL_TYPES = sorted(catalog.RESOURCE_TYPES)


@pytest.fixture(scope="module")
def baseline(recorded_server: AssetServer):
    recorded_server.clear()
    return collect(recorded_server, TWO_PROJECTS)


def _requests_for(server: AssetServer, parent: str) -> list:
    return [r for r in server.requests if r.parent == parent]


def test_permission_denied_scope_is_one_error_and_the_rest_is_collected(server: AssetServer, baseline) -> None:
    server.add_fault(fault("permission_denied", parent="projects/carebridge-sandbox"))
    collected = collect(server, [*TWO_PROJECTS, Scope("project", "carebridge-sandbox")])
    (error,) = collected.errors
    assert error.model_dump() == {
        "service": "cloudasset",
        "region": "global",
        "account": "carebridge-sandbox",
        "api": "cloudasset:ListAssets[RESOURCE]",
        "code": "PERMISSION_DENIED",
        "message": "The caller does not have permission",
        "resource_types": ALL_TYPES,
    }
    assert collected.lines == baseline.lines
    # the IAM and org policy listings were tried, then the resource listing that decides
    assert [r.content_type for r in _requests_for(server, "projects/carebridge-sandbox")] == ["2", "4", "1"]


def test_api_not_enabled_ends_the_scope_at_the_first_call(server: AssetServer, baseline) -> None:
    server.add_fault(fault("service_disabled", parent="projects/carebridge-legacy"))
    collected = collect(server, [*TWO_PROJECTS, Scope("project", "carebridge-legacy")])
    (error,) = collected.errors
    assert (error.account, error.code, error.api) == (
        "carebridge-legacy",
        "SERVICE_DISABLED",
        "cloudasset:ListAssets[IAM_POLICY]",
    )
    assert error.message.startswith(
        "Cloud Asset API has not been used in project 918273645501 before or it is disabled."
    )
    assert error.resource_types == ALL_TYPES
    assert len(_requests_for(server, "projects/carebridge-legacy")) == 1
    assert collected.lines == baseline.lines


def test_scope_that_does_not_exist(server: AssetServer) -> None:
    collected = collect(server, [Scope("project", PROD), Scope("folder", "999999999999")])
    (error,) = collected.errors
    assert (error.account, error.code, error.resource_types) == ("folders/999999999999", "NOT_FOUND", ALL_TYPES)
    assert error.message == "Folder 'folders/999999999999' not found or permission denied."
    assert {r.account for r in collected.resources.values()} == {PROD}


def test_quota_errors_are_retried_with_backoff(server: AssetServer, baseline) -> None:
    # the second page of carebridge-prod's resource listing answers 429 twice, then succeeds
    flaky = server.add_fault(
        fault("rate_limit_exceeded", parent=f"projects/{PROD}", content_type="RESOURCE", page=1, times=2)
    )
    collected = collect(server)
    assert collected.errors == []
    assert flaky.hits == 2
    assert collected.lines == baseline.lines
    tokens = [r.page_token for r in _requests_for(server, f"projects/{PROD}") if r.content_type == "1" and r.page_token]
    assert len(tokens) == len(set(tokens)) + 2  # the same page asked three times


def test_unavailable_is_retried(server: AssetServer, baseline) -> None:
    flaky = server.add_fault(fault("unavailable", parent=f"projects/{ANALYTICS}", content_type="IAM_POLICY", times=1))
    collected = collect(server)
    assert collected.errors == [] and flaky.hits == 1
    assert collected.lines == baseline.lines


def test_quota_exhausted_mid_listing_keeps_what_was_read_and_names_what_was_not(server: AssetServer, baseline) -> None:
    server.add_fault(fault("rate_limit_exceeded", parent=f"projects/{PROD}", content_type="RESOURCE", page=2))
    collected = collect(server, retry_timeout=0.3)
    (error,) = collected.errors
    assert (error.account, error.code) == (PROD, "RATE_LIMIT_EXCEEDED")
    assert error.message.startswith("gave up after retrying: Quota exceeded for quota metric 'List Assets requests'")
    assert error.api == "cloudasset:ListAssets[RESOURCE]"
    # the hierarchy listing completed; the service listing stopped on its third page
    assert error.resource_types == sorted(catalog.SERVICE_TYPES)
    prod = {i for i, r in collected.resources.items() if r.account == PROD}
    baseline_prod = {i for i, r in baseline.resources.items() if r.account == PROD}
    assert "//cloudresourcemanager.googleapis.com/projects/482913007215" in prod
    assert 2 * 4 <= len(prod - {"//cloudresourcemanager.googleapis.com/projects/482913007215"}) < len(baseline_prod) - 1
    assert prod < baseline_prod
    analytics = [line for line in collected.lines if f'"account":"{ANALYTICS}"' in line]
    assert analytics == [line for line in baseline.lines if f'"account":"{ANALYTICS}"' in line]


def test_iam_policy_denied_marks_exactly_the_resources_that_needed_it(server: AssetServer, baseline) -> None:
    server.add_fault(fault("permission_denied", parent=f"projects/{ANALYTICS}", content_type="IAM_POLICY"))
    collected = collect(server)
    (error,) = collected.errors
    assert (error.account, error.api, error.code, error.resource_types) == (
        ANALYTICS, "cloudasset:ListAssets[IAM_POLICY]", "PERMISSION_DENIED", [],
    )  # fmt: skip
    assert set(collected.resources) == set(baseline.resources)
    for rid, r in collected.resources.items():
        needs_policy = r.account == ANALYTICS and r.type in catalog.IAM_POLICY_TYPES
        assert ("iamPolicy" in r.config) == (r.type in catalog.IAM_POLICY_TYPES and not needs_policy), rid
        assert [e.api for e in r.errors] == (["cloudasset:ListAssets[IAM_POLICY]"] if needs_policy else []), rid
    assert collected.named("storage.googleapis.com/Bucket", "carebridge-phi-records").config["iamPolicy"]


def test_org_policy_denied_marks_the_hierarchy_resources(server: AssetServer) -> None:
    server.add_fault(fault("permission_denied", parent=f"projects/{PROD}", content_type="ORG_POLICY"))
    collected = collect(server)
    (error,) = collected.errors
    assert (error.account, error.api, error.resource_types) == (PROD, "cloudasset:ListAssets[ORG_POLICY]", [])
    project = collected.resources["//cloudresourcemanager.googleapis.com/projects/482913007215"]
    assert "orgPolicy" not in project.config and "iamPolicy" in project.config
    assert [e.model_dump() for e in project.errors] == [
        {
            "api": "cloudasset:ListAssets[ORG_POLICY]",
            "code": "PERMISSION_DENIED",
            "message": "The caller does not have permission",
        }
    ]


def test_an_unreachable_endpoint_is_collection_failed(gcp_env) -> None:
    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    class Closed:
        url = f"http://127.0.0.1:{port}"

    with pytest.raises(CollectionFailed) as info:
        collect(Closed(), TWO_PROJECTS)  # type: ignore[arg-type]
    assert info.value.exit_code == ExitCode.INCOMPLETE
    assert "could not reach Cloud Asset Inventory for any scope (ConnectionError" in info.value.message


def test_unexpected_exceptions_are_recorded_for_their_scope(server: AssetServer, baseline, monkeypatch) -> None:
    import attestkit.collectors.gcp.scope as scope_module

    original = scope_module.to_resource

    def broken(asset, **kw):
        if asset["name"].endswith("/datasets/claims"):
            raise KeyError("surprise")
        return original(asset, **kw)

    monkeypatch.setattr(scope_module, "to_resource", broken)
    collected = collect(server)
    (error,) = collected.errors
    assert (error.account, error.api, error.code, error.resource_types) == (PROD, "cloudasset:*", "KeyError", ALL_TYPES)
    assert "//bigquery.googleapis.com/projects/carebridge-prod/datasets/claims" not in collected.resources
    analytics = [line for line in collected.lines if f'"account":"{ANALYTICS}"' in line]
    assert analytics == [line for line in baseline.lines if f'"account":"{ANALYTICS}"' in line]


def test_error_codes_and_messages() -> None:
    from google.api_core import exceptions as core

    quota = core.TooManyRequests("x", details=[], error_info=None)
    assert failure_from("cloudasset:ListAssets[RESOURCE]", quota).code == "HTTP_429"
    denied = core.PermissionDenied("The caller does not have permission")
    assert failure_from("a:B", denied).code == "PERMISSION_DENIED"
    retried = core.RetryError(
        "Timeout of 2.0s exceeded", cause=core.ServiceUnavailable("The service is currently unavailable.")
    )
    failure = failure_from("a:B", retried)
    assert (failure.code, failure.message) == (
        "UNAVAILABLE",
        "gave up after retrying: The service is currently unavailable.",
    )
    assert isinstance(failure, AssetFailure) and not failure.scope_fatal
    assert (
        AssetFailure("a:B", "SERVICE_DISABLED", "m").scope_fatal and AssetFailure("a:B", "NOT_FOUND", "m").scope_fatal
    )
    token = "ya29.a0AfB_byC" + "x" * 120
    assert (
        redact(f"bad token {token} and key=AIzaSyD-1234567890abcdefghijklmnopqrstu end")
        == "bad token *** and key=*** end"
    )
    assert (
        redact("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY----- tail")
        == "*** tail"
    )
    assert len(redact("x" * 2000)) == 500
    assert google_error(404, "m")["error"]["status"] == "NOT_FOUND"
    assert Fault(status=500, body={}).matches("projects/x", "RESOURCE", 0)
