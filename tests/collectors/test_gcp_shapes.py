"""What the GCP collector writes, type by type (docs/resources/gcp.md), read through the real
`AssetServiceClient` over HTTP from the recorded organization served on 127.0.0.1."""

# ruff: noqa: F811 - the pytest fixtures imported from tests.fixtures.gcp.server are parameters here
from __future__ import annotations

import copy
from collections import Counter

import pytest

from attestkit.collectors.gcp import GcpCollector, catalog
from attestkit.collectors.gcp.scope import Scope
from attestkit.demo.gcp_demo import AssetInventory, AssetServer
from tests.fixtures.gcp.server import (  # noqa: F401 - pytest fixtures
    ORGANIZATION,
    PAGE,
    TWO_PROJECTS,
    Collected,
    collect,
    gcp_env,
    recorded_server,
    server,
)

PROD, ANALYTICS = "carebridge-prod", "carebridge-analytics"


@pytest.fixture(scope="module")
def projects(recorded_server) -> Collected:
    recorded_server.clear()
    return collect(recorded_server, TWO_PROJECTS)


def test_every_type_and_count(projects: Collected) -> None:
    assert projects.errors == []
    assert Counter(r.type for r in projects.resources.values()) == {
        "bigquery.googleapis.com/Dataset": 4,
        "cloudkms.googleapis.com/CryptoKey": 5,
        "cloudresourcemanager.googleapis.com/Project": 2,
        "compute.googleapis.com/Firewall": 10,
        "compute.googleapis.com/Instance": 5,
        "compute.googleapis.com/Project": 2,
        "compute.googleapis.com/Subnetwork": 5,
        "container.googleapis.com/Cluster": 3,
        "iam.googleapis.com/ServiceAccountKey": 4,
        "logging.googleapis.com/LogSink": 7,
        "sqladmin.googleapis.com/Instance": 4,
        "storage.googleapis.com/Bucket": 5,
    }
    assert {r.provider for r in projects.resources.values()} == {"gcp"}
    assert {r.source for r in projects.resources.values()} == {"gcp-asset"}
    assert set(projects.scope.resource_types) == set(GcpCollector.resource_types)
    assert projects.scope.accounts == [ANALYTICS, PROD]
    assert projects.scope.regions == ["global"]
    assert projects.scope.options["project"] == [ANALYTICS, PROD]
    assert len(projects.scope.options["read_time"]) == 1


def test_ids_accounts_regions_names_tags(projects: Collected) -> None:
    bucket = projects.resources["//storage.googleapis.com/carebridge-phi-records"]
    assert (bucket.type, bucket.name, bucket.account, bucket.region) == (
        "storage.googleapis.com/Bucket", "carebridge-phi-records", PROD, "us-central1",
    )  # fmt: skip
    assert bucket.tags == {"data-class": "phi"}
    project = projects.resources["//cloudresourcemanager.googleapis.com/projects/735190284466"]
    assert (project.name, project.account, project.region) == (ANALYTICS, ANALYTICS, "global")
    instance = projects.named("compute.googleapis.com/Instance", "bastion-1")
    assert instance.id == "//compute.googleapis.com/projects/carebridge-prod/zones/us-central1-a/instances/bastion-1"
    assert instance.region == "us-central1-a"
    sql = projects.named("sqladmin.googleapis.com/Instance", "ehr-db")
    assert sql.id == "//cloudsql.googleapis.com/projects/carebridge-prod/instances/ehr-db"
    assert sql.tags == {"data-class": "phi"}  # settings.userLabels
    cluster = projects.named("container.googleapis.com/Cluster", "patient-portal")
    assert cluster.tags == {"app": "patient-portal", "data-class": "phi"}  # resourceLabels
    for r in projects.resources.values():
        assert r.id.startswith("//") and r.account in (PROD, ANALYTICS), r.id
        assert r.config["ancestors"][0].startswith("projects/")


def test_config_is_the_apis_own_vocabulary(projects: Collected) -> None:
    bucket = projects.resources["//storage.googleapis.com/carebridge-phi-records"].config
    assert bucket["iamConfiguration"]["uniformBucketLevelAccess"]["enabled"] is True
    assert bucket["versioning"] == {"enabled": True}
    assert bucket["retentionPolicy"]["retentionPeriod"] == "189216000"  # int64 as the JSON API writes it
    assert bucket["ancestors"] == ["projects/482913007215", "folders/301122334455", "organizations/615243789012"]
    sql = projects.named("sqladmin.googleapis.com/Instance", "ehr-db").config
    backup = sql["settings"]["backupConfiguration"]
    # resource.data travels as a protobuf Struct (doubles): integers are written back as integers
    assert backup["transactionLogRetentionDays"] == 7 and isinstance(backup["transactionLogRetentionDays"], int)
    assert backup["backupRetentionSettings"] == {"retentionUnit": "COUNT", "retainedBackups": 30}
    subnet = projects.named("compute.googleapis.com/Subnetwork", "prod-app").config
    assert subnet["logConfig"]["flowSampling"] == 0.5
    firewall = projects.named("compute.googleapis.com/Firewall", "allow-iap-admin").config
    assert firewall["allowed"] == [{"IPProtocol": "tcp", "ports": ["22", "3389"]}]
    assert firewall["sourceRanges"] == ["35.235.240.0/20"] and firewall["priority"] == 1000


def test_iam_policies_attach_to_their_resource_with_enum_names(projects: Collected) -> None:
    prod = projects.resources["//cloudresourcemanager.googleapis.com/projects/482913007215"].config
    assert prod["iamPolicy"]["auditConfigs"] == [
        {
            "service": "allServices",
            "auditLogConfigs": [{"logType": "ADMIN_READ"}, {"logType": "DATA_READ"}, {"logType": "DATA_WRITE"}],
        }
    ]  # the server sent them as integers (enum-encoding=int), the bundle keeps the names
    assert {"role": "roles/owner", "members": [
        "serviceAccount:terraform@carebridge-prod.iam.gserviceaccount.com", "user:dana.whitfield@carebridge.health",
    ]} in prod["iamPolicy"]["bindings"]  # fmt: skip
    exports = projects.resources["//storage.googleapis.com/carebridge-analytics-exports"].config
    assert {"role": "roles/storage.objectViewer", "members": ["allUsers"]} in exports["iamPolicy"]["bindings"]
    dataset = projects.named("bigquery.googleapis.com/Dataset", "open_data").config
    assert {"role": "roles/bigquery.dataViewer", "members": ["allUsers"]} in dataset["iamPolicy"]["bindings"]
    # only the types whose IAM policy a check reads carry one
    for r in projects.resources.values():
        assert ("iamPolicy" in r.config) == (r.type in catalog.IAM_POLICY_TYPES), r.id
        assert ("orgPolicy" in r.config) == (r.type in catalog.ORG_POLICY_TYPES), r.id
        assert not r.errors


def test_org_policies_attach_with_enum_names_and_none_is_null(projects: Collected) -> None:
    analytics = projects.resources["//cloudresourcemanager.googleapis.com/projects/735190284466"].config
    (policy,) = analytics["orgPolicy"]
    assert policy["constraint"] == "constraints/compute.vmExternalIpAccess"
    assert policy["listPolicy"] == {"allValues": "DENY"}  # sent as 2
    prod = projects.resources["//cloudresourcemanager.googleapis.com/projects/482913007215"].config
    assert prod["orgPolicy"] is None  # the listing completed: none is set on the project


def test_no_secret_values_are_stored(projects: Collected) -> None:
    text = "\n".join(projects.lines)
    for secret in (
        "Tr0ub4dor",
        "DB_PASSWORD",
        "Zq8vL2xR7mN4pK9s",
        "ssh-ed25519",
        "UFJJVkFURSBLRVk",
        "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMv",
    ):
        assert secret not in text, secret
    jupyterhub = projects.named("container.googleapis.com/Cluster", "jupyterhub").config
    assert jupyterhub["masterAuth"]["password"] == "***" and jupyterhub["masterAuth"]["clientKey"] == "***"
    assert jupyterhub["masterAuth"]["username"] == "admin"  # not a secret: kept
    bastion = projects.named("compute.googleapis.com/Instance", "bastion-1").config
    assert bastion["metadata"]["items"] == [
        {"key": "enable-oslogin", "value": "FALSE"}, {"key": "startup-script", "value": "***"},
    ]  # fmt: skip
    compute_prod = projects.resources["//compute.googleapis.com/projects/carebridge-prod"].config
    assert {"key": "ssh-keys", "value": "***"} in compute_prod["commonInstanceMetadata"]["items"]
    assert {"key": "enable-oslogin", "value": "TRUE"} in compute_prod["commonInstanceMetadata"]["items"]
    key = projects.named("iam.googleapis.com/ServiceAccountKey", "4c3f0e2b9a8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b").config
    assert set(key) == {
        "name",
        "keyAlgorithm",
        "keyOrigin",
        "keyType",
        "validAfterTime",
        "validBeforeTime",
        "ancestors",
    }


def test_requests_page_filter_and_snapshot(projects: Collected, recorded_server: AssetServer) -> None:
    requests = recorded_server.requests
    assert requests and all(r.status == 200 for r in requests)
    assert {r.path for r in requests} == {f"/v1/projects/{PROD}/assets", f"/v1/projects/{ANALYTICS}/assets"}
    # the REST transport sends the content type as its integer enum, and asks for integer enums back
    assert {r.content_type for r in requests} == {"1", "2", "4"}
    assert {r.alt for r in requests} == {"json;enum-encoding=int"}
    # one snapshot time for every call, the one the manifest records
    assert {r.read_time for r in requests} == set(projects.scope.options["read_time"])
    # asset types: only those the checks read, per content type
    by_content = {(r.content_type, r.asset_types) for r in requests}
    assert ("2", tuple(sorted(catalog.IAM_POLICY_TYPES))) in by_content
    assert ("4", tuple(sorted(catalog.ORG_POLICY_TYPES))) in by_content
    assert ("1", catalog.HIERARCHY_TYPES) in by_content
    assert ("1", catalog.SERVICE_TYPES) in by_content
    assert len(by_content) == 4
    # several pages, each following the previous page's token
    followed = [r for r in requests if r.page_token]
    assert len(followed) >= 10
    assert {r.page_size for r in requests} == {"1000"}  # asked for 1000, the server gave PAGE
    assert len(projects.resources) > 4 * PAGE


def test_collection_is_deterministic(recorded_server: AssetServer, projects: Collected) -> None:
    again = collect(recorded_server, list(reversed(TWO_PROJECTS)))
    assert again.lines == projects.lines


def test_organization_scope_adds_the_hierarchy_and_overlaps_are_written_once(
    recorded_server: AssetServer, projects: Collected
) -> None:
    org = collect(recorded_server, [*ORGANIZATION, Scope("project", PROD)])
    assert org.errors == []
    assert set(org.resources) == set(projects.resources) | {
        "//cloudresourcemanager.googleapis.com/organizations/615243789012",
        "//cloudresourcemanager.googleapis.com/folders/301122334455",
        "//logging.googleapis.com/organizations/615243789012/sinks/org-audit-archive",
    }
    folder = org.resources["//cloudresourcemanager.googleapis.com/folders/301122334455"]
    assert (folder.account, folder.name) == ("folders/301122334455", "production")
    assert folder.config["orgPolicy"][0] == {
        "version": 1, "constraint": "constraints/storage.publicAccessPrevention", "booleanPolicy": {"enforced": True},
        "etag": "BwYAa4yQx1o=", "updateTime": folder.config["orgPolicy"][0]["updateTime"],
    }  # fmt: skip
    org_resource = org.resources["//cloudresourcemanager.googleapis.com/organizations/615243789012"]
    assert org_resource.account == "organizations/615243789012"
    assert org_resource.config["iamPolicy"]["auditConfigs"][0]["service"] == "allServices"
    sink = org.resources["//logging.googleapis.com/organizations/615243789012/sinks/org-audit-archive"]
    assert sink.account == "organizations/615243789012" and sink.config["includeChildren"] is True
    assert org.scope.accounts == ["organizations/615243789012", "carebridge-prod"]


def test_all_assets_lists_every_type_and_every_iam_policy(gcp_env) -> None:
    inventory = AssetInventory.recorded()
    topic = {
        "name": "//pubsub.googleapis.com/projects/carebridge-prod/topics/hl7-feed",
        "assetType": "pubsub.googleapis.com/Topic",
        "resource": {
            "version": "v1",
            "discoveryName": "Topic",
            "location": "global",
            "data": {
                "name": "projects/carebridge-prod/topics/hl7-feed",
                "messageRetentionDuration": "604800s",
                "labels": {"data-class": "phi"},
            },
        },
        "ancestors": ["projects/482913007215", "folders/301122334455", "organizations/615243789012"],
        "updateTime": "2026-11-01T00:00:00Z",
    }
    topic_policy = {**{k: topic[k] for k in ("name", "assetType", "ancestors", "updateTime")},
                    "iamPolicy": {"bindings": [{"role": "roles/pubsub.publisher", "members": ["serviceAccount:ehr-api@carebridge-prod.iam.gserviceaccount.com"]}]}}  # fmt: skip
    content = {kind: copy.deepcopy(inventory.content[kind]) for kind in inventory.content}
    content["RESOURCE"].append(topic)
    content["IAM_POLICY"].append(topic_policy)
    with AssetServer(AssetInventory(content), max_page_size=PAGE) as srv:
        everything = collect(srv, [Scope("project", PROD)], all_assets=True)
        requests = srv.requests
    assert everything.errors == []
    published = everything.resources[topic["name"]]
    assert published.tags == {"data-class": "phi"}
    assert published.config["iamPolicy"]["bindings"][0]["role"] == "roles/pubsub.publisher"
    # every resource gets iamPolicy (null when none is set), since every IAM policy was listed
    assert all("iamPolicy" in r.config for r in everything.resources.values())
    assert everything.resources["//compute.googleapis.com/projects/carebridge-prod"].config["iamPolicy"] is None
    assert {(r.content_type, r.asset_types) for r in requests if not r.page_token} == {
        ("2", ()),
        ("4", tuple(sorted(catalog.ORG_POLICY_TYPES))),
        ("1", catalog.HIERARCHY_TYPES),
        ("1", ()),
    }
    assert everything.scope.options["all_assets"] == ["true"]


def test_private_key_material_never_reaches_the_bundle(gcp_env) -> None:
    inventory = AssetInventory.recorded()
    content = {kind: copy.deepcopy(inventory.content[kind]) for kind in inventory.content}
    leaked = next(
        a
        for a in content["RESOURCE"]
        if a["assetType"] == "iam.googleapis.com/ServiceAccountKey" and "terraform" in a["name"]
    )
    leaked["resource"]["data"]["privateKeyData"] = (
        "ewogICJ0eXBlIjogInNlcnZpY2VfYWNjb3VudCIsCiAgInByaXZhdGVfa2V5IjogIi0tLS0tQkVHSU4="
    )
    leaked["resource"]["data"]["publicKeyData"] = "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lJ"
    with AssetServer(AssetInventory(content), max_page_size=PAGE) as srv:
        collected = collect(srv, [Scope("project", PROD)])
    key = collected.resources[leaked["name"]]
    assert "privateKeyData" not in key.config and "publicKeyData" not in key.config
    assert "ewogICJ0eXBl" not in "\n".join(collected.lines)
    assert key.config["validAfterTime"] == leaked["resource"]["data"]["validAfterTime"]


def test_the_server_enforces_what_the_real_service_does(server: AssetServer) -> None:
    """The fake answers like Cloud Asset Inventory where the collector depends on it."""
    import requests

    base = f"{server.url}/v1/projects/{PROD}/assets"
    page = requests.get(
        base, params={"contentType": "1", "pageSize": "2", "assetTypes": "storage.googleapis.com/Bucket"}, timeout=5
    ).json()
    assert [a["assetType"] for a in page["assets"]] == ["storage.googleapis.com/Bucket"] * 2
    token = page["nextPageToken"]
    changed = requests.get(base, params={"contentType": "2", "pageSize": "2", "pageToken": token}, timeout=5)
    assert changed.status_code == 400 and changed.json()["error"]["status"] == "INVALID_ARGUMENT"
    regex = requests.get(
        base, params={"contentType": "RESOURCE", "assetTypes": "compute.googleapis.com.*"}, timeout=5
    ).json()
    assert {a["assetType"].split("/")[0] for a in regex["assets"]} == {"compute.googleapis.com"}
    ints = requests.get(base, params={"contentType": "2", "$alt": "json;enum-encoding=int",
                                      "assetTypes": "cloudresourcemanager.googleapis.com/Project"}, timeout=5).json()  # fmt: skip
    assert ints["assets"][0]["iamPolicy"]["auditConfigs"][0]["auditLogConfigs"][0]["logType"] == 1
    future = requests.get(base, params={"readTime": "2999-01-01T00:00:00Z"}, timeout=5)
    assert future.status_code == 400
    from tests.fixtures.gcp.server import error_body

    ghost = requests.get(f"{server.url}/v1/projects/carebridge-ghost/assets", timeout=5)
    assert (ghost.status_code, ghost.json()) == (404, error_body("not_found"))
