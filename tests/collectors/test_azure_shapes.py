"""What the Azure collector writes, as docs/resources/azure.md says, read through the real SDK
clients from the recorded Carebridge estate served on 127.0.0.1 (its recorded faults
included: a 429 with Retry-After, two denied child reads, one denied Resource Graph scope)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator

import pytest

from attestkit.collectors.azure import AzureCollector
from attestkit.collectors.azure.draft import BODY_KEYS
from attestkit.demo.azure_demo import MANAGEMENT_GROUP, ArmServer, RecordedEstate, iter_calls
from tests.fixtures.azure.harness import (
    DEV,
    PROD,
    Collected,
    collect,
    fast_collector,
    loopback_only_fixture,  # noqa: F401 - registers the loopback_only fixture
)

STORAGE = "Microsoft.Storage/storageAccounts"
RECORDED_COUNTS = {
    "Microsoft.Compute/disks": 4,
    "Microsoft.Compute/virtualMachines": 3,
    "Microsoft.ContainerService/managedClusters": 2,
    "Microsoft.DBforMySQL/flexibleServers": 2,
    "Microsoft.DBforPostgreSQL/flexibleServers": 2,
    "Microsoft.DocumentDB/databaseAccounts": 2,
    "Microsoft.KeyVault/vaults": 3,
    "Microsoft.Network/networkInterfaces": 3,
    "Microsoft.Network/networkSecurityGroups": 5,
    "Microsoft.Network/networkWatchers/flowLogs": 3,
    "Microsoft.RecoveryServices/vaults": 2,  # the development subscription's vault is behind a recorded 403
    "Microsoft.Resources/subscriptions": 2,
    "Microsoft.Security/pricings": 32,
    "Microsoft.Sql/servers": 2,
    "Microsoft.Sql/servers/databases": 6,
    "Microsoft.Storage/storageAccounts": 5,
    "Microsoft.Web/sites": 3,
}


@pytest.fixture(scope="module")
def server(loopback_only: None) -> Iterator[ArmServer]:
    with ArmServer(RecordedEstate()) as served:
        yield served


@pytest.fixture(scope="module")
def carebridge(server: ArmServer) -> Collected:
    return collect(server)


def _vault(c: Collected, name: str) -> dict:
    return c.named("Microsoft.KeyVault/vaults", name).config


def test_every_type_is_collected(carebridge: Collected) -> None:
    counts = Counter(r.type for r in carebridge.resources.values())
    assert dict(counts) == RECORDED_COUNTS
    assert set(counts) == set(AzureCollector.resource_types)


def test_resources_carry_arm_ids_types_and_the_body(carebridge: Collected) -> None:
    account = carebridge.named(STORAGE, "stcbphirecords")
    assert account.model_dump(exclude={"config"}) == {
        "provider": "azure",
        "source": "azure-arm",
        "type": "Microsoft.Storage/storageAccounts",
        "id": f"/subscriptions/{PROD}/resourceGroups/rg-cb-prod-data/providers/Microsoft.Storage/storageAccounts/stcbphirecords",
        "name": "stcbphirecords",
        "account": PROD,
        "region": "eastus",
        "tags": {
            "cost-center": "cc-1042",
            "data-classification": "phi",
            "environment": "prod",
            "owner": "platform-team",
        },
        "errors": [],
    }
    assert set(account.config) == {*BODY_KEYS, "blobServiceProperties"}
    assert account.config["kind"] == "StorageV2"
    assert account.config["sku"] == {"name": "Standard_GRS", "tier": "Standard"}
    props = account.config["properties"]
    assert props["supportsHttpsTrafficOnly"] is True
    assert props["minimumTlsVersion"] == "TLS1_2"
    assert props["networkAcls"]["defaultAction"] == "Deny"


def test_ids_keep_the_casing_arm_returns(carebridge: Collected) -> None:
    disk = carebridge.named("Microsoft.Compute/disks", "disk-cb-api-os")
    assert "/resourceGroups/RG-CB-PROD-APP/" in disk.id
    vm = carebridge.named("Microsoft.Compute/virtualMachines", "vm-cb-api")
    assert "/resourceGroups/rg-cb-prod-app/" in vm.id
    assert disk.config["managedBy"] == vm.id


def test_subscriptions_and_their_activity_log_settings(carebridge: Collected) -> None:
    prod = carebridge.resources[f"/subscriptions/{PROD}"]
    assert (prod.type, prod.name, prod.account, prod.region) == (
        "Microsoft.Resources/subscriptions",
        "Carebridge Health - Production",
        PROD,
        "global",
    )
    assert prod.config["state"] == "Enabled"
    assert prod.config["tenantId"]
    (setting,) = prod.config["diagnosticSettings"]
    assert setting["name"] == "activity-log-to-sentinel"
    assert {log["category"] for log in setting["properties"]["logs"] if log["enabled"]} >= {
        "Administrative",
        "Security",
    }
    pricing = carebridge.resources[f"/subscriptions/{DEV}/providers/Microsoft.Security/pricings/VirtualMachines"]
    assert (pricing.type, pricing.account, pricing.region) == ("Microsoft.Security/pricings", DEV, "global")
    assert pricing.config["properties"]["pricingTier"] == "Free"


def test_child_settings_are_read_into_config(carebridge: Collected) -> None:
    sql = carebridge.named("Microsoft.Sql/servers", "sql-cb-analytics").config
    assert sql["auditingSettings"]["state"] == "Disabled"
    assert [r["name"] for r in sql["firewallRules"]] == ["AllowAll", "AllowCorpOffice"]
    assert sql["administrators"] == []
    prod_sql = carebridge.named("Microsoft.Sql/servers", "sql-cb-prod").config
    assert prod_sql["administrators"][0]["properties"]["administratorType"] == "ActiveDirectory"
    db = carebridge.named("Microsoft.Sql/servers/databases", "sqldb-analytics")
    assert db.config["transparentDataEncryption"] == {"state": "Disabled"}
    site = carebridge.named("Microsoft.Web/sites", "app-cb-portal").config
    assert (site["siteConfig"]["minTlsVersion"], site["siteConfig"]["ftpsState"]) == ("1.2", "Disabled")
    assert site["properties"]["siteConfig"]["minTlsVersion"] is None  # Resource Graph's copy: why config/web is read
    pg = carebridge.named("Microsoft.DBforPostgreSQL/flexibleServers", "psql-cb-staging").config
    assert pg["configurations"]["require_secure_transport"]["value"] == "off"
    mysql = carebridge.named("Microsoft.DBforMySQL/flexibleServers", "mysql-cb-scheduling").config
    assert mysql["configurations"]["require_secure_transport"]["value"] == "ON"
    rsv = carebridge.named("Microsoft.RecoveryServices/vaults", "rsv-cb-archive").config
    assert rsv["backupResourceVaultConfig"]["softDeleteFeatureState"] == "Disabled"
    blob = carebridge.named(STORAGE, "stcbphirecords").config["blobServiceProperties"]
    assert blob["deleteRetentionPolicy"] == {"allowPermanentDelete": False, "enabled": True, "days": 14}


def test_next_link_pages_are_followed(carebridge: Collected, server: ArmServer) -> None:
    vault = _vault(carebridge, "kv-cb-prod")
    assert [k["name"] for k in vault["keys"]] == ["cmk-disks", "cmk-sql-tde", "cmk-storage"]
    assert [s["name"] for s in vault["secrets"]] == [
        "ehr-api-client-secret",
        "hl7-sftp-password",
        "retired-fax-gateway-token",
    ]
    rules = carebridge.named("Microsoft.Sql/servers", "sql-cb-prod").config["firewallRules"]
    assert [r["name"] for r in rules] == ["AllowCorpOffice", "AllowAllWindowsAzureIps"]
    keys_calls = [c for c in iter_calls(server, "keyvault:Keys_List") if "kv-cb-prod" in c.path]
    assert len(keys_calls) == 2


def test_resource_graph_pages_are_followed_with_skip_token(carebridge: Collected, server: ArmServer) -> None:
    storage_calls = [c for c in iter_calls(server, "resourcegraph:Resources") if c.graph_type == STORAGE.lower()]
    assert [c.status for c in storage_calls] == [429, 200, 200]  # throttled, then two pages of three rows
    assert len(carebridge.of_type(STORAGE)) == 5


def test_throttled_query_is_retried_after_the_retry_after_it_was_given(
    carebridge: Collected, server: ArmServer
) -> None:
    throttled, retried = [c for c in iter_calls(server, "resourcegraph:Resources") if c.graph_type == STORAGE.lower()][
        :2
    ]
    assert (throttled.status, retried.status) == (429, 200)
    assert retried.at - throttled.at >= 0.95  # Retry-After: 1
    assert not carebridge.errors_for(STORAGE)


def test_child_reads_only_where_they_apply(carebridge: Collected, server: ArmServer) -> None:
    blob_paths = {c.path for c in iter_calls(server, "storage:BlobServices_GetServiceProperties")}
    assert not [p for p in blob_paths if "stcbfileshares" in p]  # FileStorage: no blob service
    assert "blobServiceProperties" not in carebridge.named(STORAGE, "stcbfileshares").config
    tde_paths = {c.path for c in iter_calls(server, "sql:TransparentDataEncryptions_Get")}
    assert len(tde_paths) == 4 and not [p for p in tde_paths if "/databases/master/" in p]
    for master in [d for d in carebridge.of_type("Microsoft.Sql/servers/databases") if d.name == "master"]:
        assert "transparentDataEncryption" not in master.config and master.errors == []


def test_no_secret_value_reaches_the_evidence(carebridge: Collected) -> None:
    text = "\n".join(carebridge.lines)
    assert "PLANTED" not in text
    legacy = _vault(carebridge, "kv-cb-legacy")
    assert all(set(s["properties"]) <= {"attributes", "contentType"} for s in legacy["secrets"])
    site = carebridge.named("Microsoft.Web/sites", "app-cb-legacy-api").config["siteConfig"]
    assert site["azureStorageAccounts"]["exports"]["accountName"] == "stcblegacyexports"
    assert "accessKey" not in site["azureStorageAccounts"]["exports"]
    audit = carebridge.named("Microsoft.Sql/servers", "sql-cb-analytics").config["auditingSettings"]
    assert "storageAccountAccessKey" not in audit and audit["storageEndpoint"]
    aks = carebridge.named("Microsoft.ContainerService/managedClusters", "aks-cb-dev").config
    assert aks["properties"]["windowsProfile"] == {"adminUsername": "azureuser", "enableCSIProxy": True}


def test_recorded_failures_are_recorded_where_they_belong(carebridge: Collected) -> None:
    ops = carebridge.named("Microsoft.KeyVault/vaults", "kv-cb-ops")
    assert [(e.api, e.code) for e in ops.errors] == [("keyvault:Keys_List", "AuthorizationFailed")]
    assert "keys" not in ops.config and ops.config["secrets"] == []
    audit_logs = carebridge.named(STORAGE, "stcbauditlogs")
    assert [(e.api, e.code) for e in audit_logs.errors] == [
        ("storage:BlobServices_GetServiceProperties", "AuthorizationFailed")
    ]
    assert "blobServiceProperties" not in audit_logs.config
    (error,) = carebridge.errors
    assert (error.service, error.region, error.account, error.api, error.code, error.resource_types) == (
        "recoveryservices",
        "global",
        DEV,
        "resourcegraph:Resources",
        "AuthorizationFailed",
        ["Microsoft.RecoveryServices/vaults"],
    )
    assert {r.account for r in carebridge.of_type("Microsoft.RecoveryServices/vaults")} == {PROD}
    failed = [r.id for r in carebridge.resources.values() if r.errors]
    assert len(failed) == 2


def test_scope(carebridge: Collected, server: ArmServer) -> None:
    assert carebridge.scope.model_dump() == {
        "accounts": sorted([PROD, DEV]),
        "regions": ["eastus", "global", "westus2"],
        "resource_types": list(AzureCollector.resource_types),
        "options": {
            "subscription": sorted([PROD, DEV]),
            "management_group": [],
            "cloud": ["public"],
            "endpoint": [server.url],
        },
        "inventory": True,
    }


def test_one_worker_writes_the_same_evidence(carebridge: Collected, server: ArmServer) -> None:
    with ArmServer(RecordedEstate()) as fresh:
        again = collect(fresh, fast_collector(fresh, max_workers=1))
    normalise = [line.replace(fresh.url, server.url) for line in again.lines]
    assert normalise == carebridge.lines
    assert [e.model_dump() for e in again.errors] == [e.model_dump() for e in carebridge.errors]


def test_management_group_scope_collects_its_subscriptions(carebridge: Collected) -> None:
    with ArmServer(RecordedEstate(), recorded_faults=False) as fresh:
        below = collect(fresh, fast_collector(fresh, management_group=MANAGEMENT_GROUP))
        listing = next(iter_calls(fresh, "resourcegraph:Resources"))
    assert below.scope.accounts == sorted([PROD, DEV])
    assert below.scope.options["management_group"] == [MANAGEMENT_GROUP]
    assert below.errors == []
    assert set(below.resources) - set(carebridge.resources) == {
        r.id for r in below.of_type("Microsoft.RecoveryServices/vaults") if r.account == DEV
    }
    assert listing.subscriptions == frozenset()  # the listing is scoped by management group
    body = json.loads(json.dumps(below.scope.model_dump()))
    assert body["options"]["subscription"] == []
