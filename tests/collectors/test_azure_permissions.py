"""The Azure collector only reads, calls only what it declares, and declares only what it
calls; the role it documents grants exactly the actions those calls need.

Every request the collector sends is recorded by the local ARM server and named by the REST
operation it is, independently of the collector's own declarations (the server's routes)."""

from __future__ import annotations

import json
import re

import pytest

from attestkit.collectors.azure import AzureCollector
from attestkit.collectors.azure.catalog import TYPES, declared_operations
from attestkit.collectors.azure.permissions import READER_ROLE_ID, permissions, role_definition
from attestkit.demo.azure_demo import MANAGEMENT_GROUP, ROUTES, ArmServer
from tests.fixtures.azure.harness import (
    UNKNOWN_SUBSCRIPTION,
    collect,
    fast_collector,
    loopback_only_fixture,  # noqa: F401 - registers the loopback_only fixture
    serve,
)

pytestmark = pytest.mark.usefixtures("loopback_only")


@pytest.fixture(scope="module")
def servers() -> list[ArmServer]:
    """Every request of a subscription-scoped and a management-group-scoped collection."""
    used = []
    with serve(recorded_faults=True) as server:
        collect(server, subscriptions=[*fast_collector(server).subscriptions, UNKNOWN_SUBSCRIPTION])
        used.append(server)
    with serve() as server:
        collect(server, fast_collector(server, management_group=MANAGEMENT_GROUP))
        used.append(server)
    return used


@pytest.fixture(scope="module")
def recorded(servers: list[ArmServer]) -> set[str]:
    return {op for server in servers for op in server.operations()}


def test_every_request_is_a_read(servers: list[ArmServer]) -> None:
    requests = {(c.method, c.operation) for s in servers for c in s.calls}
    assert requests
    assert {m for m, _ in requests} <= {"GET", "POST"}
    assert {op for m, op in requests if m == "POST"} == {"resourcegraph:Resources"}  # a query, which reads


def test_every_request_is_a_declared_operation(recorded: set[str]) -> None:
    assert recorded - set(AzureCollector.operations) == set()


def test_every_declared_operation_is_exercised(recorded: set[str]) -> None:
    assert set(AzureCollector.operations) - recorded == set()


def test_the_server_knows_every_declared_operation() -> None:
    assert {op for _, _, op in ROUTES} == set(AzureCollector.operations)


def test_declarations_are_sorted_and_well_formed() -> None:
    assert AzureCollector.operations == tuple(sorted(AzureCollector.operations))
    for op in AzureCollector.operations:
        assert re.fullmatch(r"[a-z]+:[A-Z][A-Za-z]+(_[A-Z][A-Za-z]+)?", op), op
    for action in AzureCollector.permissions:
        assert re.fullmatch(r"Microsoft\.[A-Za-z]+/([A-Za-z]+/)+read", action, re.IGNORECASE), action
    lowered = [a.lower() for a in AzureCollector.permissions]
    assert len(lowered) == len(set(lowered))
    assert AzureCollector.permissions == permissions()


def test_every_permission_is_needed_by_an_operation_and_every_type_is_readable() -> None:
    declared = declared_operations()
    needed = {a.lower() for actions in declared.values() for a in actions}
    assert needed == {a.lower() for a in AzureCollector.permissions}
    graph = {a.lower() for a in declared["resourcegraph:Resources"]}
    # Resource Graph returns only the rows the caller may read: each queried type's read action
    assert {spec.read_action.lower() for spec in TYPES} <= graph
    assert "microsoft.resourcegraph/resources/read" in graph
    for spec in TYPES:
        for child in spec.children:
            assert child.action.lower() in {a.lower() for a in declared[child.operation]}
            assert child.action.lower().startswith(spec.type.lower() + "/"), child.action


def test_no_data_plane_or_write_action_is_needed() -> None:
    role = role_definition()
    assert role["DataActions"] == [] and role["NotActions"] == []
    assert all(a.lower().endswith("/read") for a in role["Actions"])
    assert "*/read" not in role["Actions"]


def test_the_permission_document_is_a_role_definition_naming_reader() -> None:
    document = json.loads(AzureCollector.permission_document())
    assert set(document) == {
        "Name",
        "IsCustom",
        "Description",
        "Actions",
        "NotActions",
        "DataActions",
        "NotDataActions",
        "AssignableScopes",
    }
    assert document["Actions"] == list(AzureCollector.permissions)
    assert "Reader" in document["Description"] and READER_ROLE_ID in document["Description"]
    assert document["AssignableScopes"] == ["/subscriptions/00000000-0000-0000-0000-000000000000"]


def test_attest_permissions_azure_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    from attestkit.cli.main import main

    assert main(["permissions", "azure"]) == 0
    out, _ = capsys.readouterr()
    assert json.loads(out)["Actions"] == list(AzureCollector.permissions)
