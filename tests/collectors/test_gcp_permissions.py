"""The GCP collector only reads, calls only what it declares, and declares only what it calls;
its CLI refuses bad scopes and endpoints with one line (exit 2)."""

# ruff: noqa: F811 - the pytest fixtures imported from tests.fixtures.gcp.server are parameters here
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from attestkit.collectors.gcp import GcpCollector
from attestkit.collectors.gcp.client import Endpoint, parse_endpoint
from attestkit.collectors.gcp.permissions import OPERATIONS, QUOTA_PERMISSION, REST_METHOD
from attestkit.collectors.gcp.scope import Scope, parse_scope
from attestkit.demo.gcp_demo import CONTENT_TYPES, AssetServer
from attestkit.errors import CollectionFailed, ExitCode, InputError
from tests.fixtures.gcp.server import (  # noqa: F401 - pytest fixtures
    ORGANIZATION,
    TWO_PROJECTS,
    collect,
    gcp_env,
    recorded_server,
    server,
)

_REST_PATH = re.compile(r"/v1/(projects|folders|organizations)/[^/]+/assets")


@pytest.fixture(scope="module")
def recorded(recorded_server: AssetServer) -> set[str]:
    """Every operation the collector called, from the requests the endpoint received, while
    collecting both projects, the organization, and everything with --all-assets."""
    recorded_server.clear()
    collect(recorded_server, TWO_PROJECTS)
    collect(recorded_server, ORGANIZATION)
    collect(recorded_server, [Scope("project", "carebridge-prod")], all_assets=True)
    operations = set()
    for request in recorded_server.requests:
        assert request.method == REST_METHOD[0] and _REST_PATH.fullmatch(request.path), request
        operations.add(f"cloudasset:ListAssets[{CONTENT_TYPES[int(request.content_type)]}]")
    return operations


def test_every_call_is_the_one_read_method(recorded_server: AssetServer, recorded: set[str]) -> None:
    assert recorded
    assert REST_METHOD == ("GET", "/v1/{parent=*/*}/assets")


def test_every_call_is_declared(recorded: set[str]) -> None:
    assert recorded - set(GcpCollector.operations) == set()


def test_every_declared_operation_is_exercised(recorded: set[str]) -> None:
    assert set(GcpCollector.operations) - recorded == set()


def test_declared_permissions_are_exactly_what_the_calls_need() -> None:
    assert GcpCollector.operations == tuple(sorted(OPERATIONS))
    assert OPERATIONS == {
        "cloudasset:ListAssets[RESOURCE]": "cloudasset.assets.listResource",
        "cloudasset:ListAssets[IAM_POLICY]": "cloudasset.assets.listIamPolicy",
        "cloudasset:ListAssets[ORG_POLICY]": "cloudasset.assets.listOrgPolicy",
    }
    assert GcpCollector.permissions == (
        "cloudasset.assets.listIamPolicy",
        "cloudasset.assets.listOrgPolicy",
        "cloudasset.assets.listResource",
        QUOTA_PERMISSION,
    )


def test_permission_document_is_a_custom_role_naming_the_predefined_roles() -> None:
    text = GcpCollector.permission_document()
    role = yaml.safe_load(text)
    assert role["includedPermissions"] == list(GcpCollector.permissions)
    assert set(role) == {"title", "description", "stage", "includedPermissions"}
    assert "roles/cloudasset.viewer" in text and "roles/serviceusage.serviceUsageConsumer" in text
    assert "gcloud iam roles create" in text


def test_attest_permissions_gcp(capsys) -> None:
    from attestkit.cli.main import main

    assert main(["permissions", "gcp"]) == 0
    out = capsys.readouterr().out
    assert yaml.safe_load(out)["includedPermissions"] == list(GcpCollector.permissions)


# --- the CLI surface -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, "attest collect gcp needs a scope: --project PROJECT_ID, --folder FOLDER_ID or --organization ORG_ID"),
        ({"project": ("Carebridge_Prod",)}, "--project Carebridge_Prod: not a project id"),
        ({"project": ("ab",)}, "--project ab: not a project id"),
        ({"folder": ("production",)}, "--folder production: not a numeric folder id"),
        ({"organization": ("carebridge.health",)}, "--organization carebridge.health: not a numeric organization id"),
        (
            {"project": ("p-123456",), "endpoint": "http://cloudasset.internal:8080"},
            "plain http:// is accepted only on a loopback host",
        ),
        ({"project": ("p-123456",), "endpoint": "ftp://127.0.0.1"}, "give the scheme and host only"),
        (
            {"project": ("p-123456",), "endpoint": "https://cloudasset.example.com/v1/projects"},
            "give the scheme and host only",
        ),
        ({"project": ("p-123456",), "endpoint": "https://host:port"}, "not a URL"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(options: dict, message: str) -> None:
    with pytest.raises(InputError) as info:
        GcpCollector.from_cli(**options)
    assert message in info.value.message
    assert "\n" not in info.value.message and info.value.exit_code == ExitCode.USAGE


def test_cli_without_scope_exits_2(capsys, gcp_env) -> None:
    from attestkit.cli.main import main

    assert main(["collect", "gcp"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: attest collect gcp needs a scope")


def test_scopes_accept_ids_numbers_and_prefixes() -> None:
    assert parse_scope("project", "projects/carebridge-prod") == Scope("project", "carebridge-prod")
    assert parse_scope("project", "482913007215").parent == "projects/482913007215"
    assert parse_scope("project", "example.com:legacy-app").account == "example.com:legacy-app"
    assert parse_scope("folder", "folders/301122334455").account == "folders/301122334455"
    assert parse_scope("organization", "615243789012").parent == "organizations/615243789012"


def test_endpoint_rule() -> None:
    assert parse_endpoint(None) == Endpoint(url=None, anonymous=False)
    assert parse_endpoint("https://cloudasset-attest.p.googleapis.com") == Endpoint(
        "https://cloudasset-attest.p.googleapis.com", False
    )
    assert parse_endpoint("cloudasset-attest.p.googleapis.com") == Endpoint(
        "https://cloudasset-attest.p.googleapis.com", False
    )
    assert parse_endpoint("http://127.0.0.1:8085/") == Endpoint("http://127.0.0.1:8085", True)
    assert parse_endpoint("http://localhost:8085") == Endpoint("http://localhost:8085", True)
    assert parse_endpoint("http://[::1]:8085") == Endpoint("http://[::1]:8085", True)


def test_https_endpoint_uses_application_default_credentials(gcp_env, monkeypatch, tmp_path: Path) -> None:
    """No ADC: a clear CollectionFailed (exit 3) naming the fix; nothing is sent anywhere."""
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "missing.json"))
    with pytest.raises(CollectionFailed) as info:
        GcpCollector.from_cli(project=("carebridge-prod",), endpoint="https://cloudasset-attest.p.googleapis.com")
    assert info.value.exit_code == ExitCode.INCOMPLETE
    assert "gcloud auth application-default login" in info.value.message and "\n" not in info.value.message


def test_https_endpoint_with_credentials_builds_a_rest_client(gcp_env, monkeypatch, tmp_path: Path) -> None:
    import json

    pytest.importorskip("cryptography")
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    pem = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    key_file = tmp_path / "sa.json"
    key_file.write_text(json.dumps({
        "type": "service_account", "project_id": "carebridge-security", "private_key_id": "0" * 40,
        "private_key": pem.decode(), "client_email": "attestkit@carebridge-security.iam.gserviceaccount.com",
        "client_id": "1", "token_uri": "https://oauth2.googleapis.com/token",
    }))  # fmt: skip
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(key_file))
    collector = GcpCollector.from_cli(
        organization=("615243789012",), endpoint="https://cloudasset-attest.p.googleapis.com"
    )
    transport = collector.client.transport
    assert type(transport).__name__ == "AssetServiceRestTransport"
    assert transport._host == "https://cloudasset-attest.p.googleapis.com"
    assert type(
        transport._credentials
    ).__name__ == "Credentials" and transport._credentials.service_account_email.startswith("attestkit@")
    assert collector.scopes == [Scope("organization", "615243789012")]
