"""What the Azure collector reads, declared once: resource types, their Resource Graph table,
the settings read per resource from child or extension resources, and for each REST
operation the Azure RBAC actions it needs.

`permissions.py` builds the operation list and the role definition from these declarations,
`collector.py` runs them, and docs/resources/azure.md documents them type by type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from attestkit.collectors.azure import sanitize
from attestkit.collectors.azure.calls import GRAPH_API

GRAPH_ACTION = "Microsoft.ResourceGraph/resources/read"

SUBSCRIPTION = "Microsoft.Resources/subscriptions"
PRICING = "Microsoft.Security/pricings"
STORAGE_ACCOUNT = "Microsoft.Storage/storageAccounts"
SQL_SERVER = "Microsoft.Sql/servers"
SQL_DATABASE = "Microsoft.Sql/servers/databases"
NSG = "Microsoft.Network/networkSecurityGroups"
FLOW_LOG = "Microsoft.Network/networkWatchers/flowLogs"
NIC = "Microsoft.Network/networkInterfaces"
KEY_VAULT = "Microsoft.KeyVault/vaults"
DISK = "Microsoft.Compute/disks"
VM = "Microsoft.Compute/virtualMachines"
WEB_SITE = "Microsoft.Web/sites"
POSTGRES = "Microsoft.DBforPostgreSQL/flexibleServers"
MYSQL = "Microsoft.DBforMySQL/flexibleServers"
COSMOS = "Microsoft.DocumentDB/databaseAccounts"
AKS = "Microsoft.ContainerService/managedClusters"
RECOVERY_VAULT = "Microsoft.RecoveryServices/vaults"

SUBSCRIPTION_API = "resources:Subscriptions_Get"
SUBSCRIPTION_API_VERSION = "2022-12-01"
SUBSCRIPTION_ACTION = "Microsoft.Resources/subscriptions/read"


@dataclass(frozen=True)
class ChildRead:
    """One per-resource read of a child or extension resource, stored under `key` in config."""

    key: str | tuple[str, ...]
    """Config key (a tuple is a nested path, e.g. ("configurations", "require_secure_transport"))."""
    operation: str
    """The REST operation, `<service>:<OperationId>` of the Azure REST API specification."""
    action: str
    """The Azure RBAC action the operation needs."""
    path: str
    """Below the resource id, e.g. `blobServices/default`."""
    api_version: str
    list: bool = False
    """A collection (`value` + `nextLink` pages) rather than one object."""
    pick: Callable[[Any], Any] = sanitize.properties
    """From the response (an object, or the list of items) to what is stored."""
    applies: Callable[[dict[str, Any]], bool] = lambda row: True
    """Whether the read applies to this resource (its Resource Graph row)."""


@dataclass(frozen=True)
class TypeSpec:
    """One resource type: listed by one paginated Resource Graph query, then its child reads."""

    type: str
    """ARM type name, as it goes in `Resource.type`."""
    service: str
    """Short service name for collection errors and operation names."""
    read_action: str
    """The action that lets Resource Graph return this type (it filters rows by RBAC)."""
    table: str = "resources"
    children: tuple[ChildRead, ...] = field(default_factory=tuple)

    @property
    def query(self) -> str:
        # `=~` is case-insensitive: Resource Graph stores types lower-cased. Ordering by id
        # keeps pages stable while they are fetched.
        return f"{self.table} | where type =~ '{self.type.lower()}' | order by id asc"


def _not_file_storage(row: dict[str, Any]) -> bool:
    return str(row.get("kind") or "") != "FileStorage"  # premium file shares only: no blob service


def _user_database(row: dict[str, Any]) -> bool:
    return str(row.get("name", "")).lower() != "master" and "system" not in str(row.get("kind") or "").lower()


TYPES: tuple[TypeSpec, ...] = (
    TypeSpec(PRICING, "security", "Microsoft.Security/pricings/read", table="securityresources"),
    TypeSpec(
        STORAGE_ACCOUNT,
        "storage",
        "Microsoft.Storage/storageAccounts/read",
        children=(
            ChildRead(
                "blobServiceProperties",
                "storage:BlobServices_GetServiceProperties",
                "Microsoft.Storage/storageAccounts/blobServices/read",
                "blobServices/default",
                "2023-05-01",
                applies=_not_file_storage,
            ),
        ),
    ),
    TypeSpec(
        SQL_SERVER,
        "sql",
        "Microsoft.Sql/servers/read",
        children=(
            ChildRead(
                "auditingSettings",
                "sql:ServerBlobAuditingPolicies_Get",
                "Microsoft.Sql/servers/auditingSettings/read",
                "auditingSettings/default",
                "2021-11-01",
            ),
            ChildRead(
                "firewallRules",
                "sql:FirewallRules_ListByServer",
                "Microsoft.Sql/servers/firewallRules/read",
                "firewallRules",
                "2021-11-01",
                list=True,
                pick=sanitize.items,
            ),
            ChildRead(
                "administrators",
                "sql:ServerAzureADAdministrators_ListByServer",
                "Microsoft.Sql/servers/administrators/read",
                "administrators",
                "2021-11-01",
                list=True,
                pick=sanitize.items,
            ),
        ),
    ),
    TypeSpec(
        SQL_DATABASE,
        "sql",
        "Microsoft.Sql/servers/databases/read",
        children=(
            ChildRead(
                "transparentDataEncryption",
                "sql:TransparentDataEncryptions_Get",
                "Microsoft.Sql/servers/databases/transparentDataEncryption/read",
                "transparentDataEncryption/current",
                "2021-11-01",
                applies=_user_database,
            ),
        ),
    ),
    TypeSpec(NSG, "network", "Microsoft.Network/networkSecurityGroups/read"),
    TypeSpec(FLOW_LOG, "network", "Microsoft.Network/networkWatchers/flowLogs/read"),
    TypeSpec(NIC, "network", "Microsoft.Network/networkInterfaces/read"),
    TypeSpec(
        KEY_VAULT,
        "keyvault",
        "Microsoft.KeyVault/vaults/read",
        children=(
            ChildRead(
                "keys",
                "keyvault:Keys_List",
                "Microsoft.KeyVault/vaults/keys/read",
                "keys",
                "2023-07-01",
                list=True,
                pick=sanitize.key_items,
            ),
            ChildRead(
                "secrets",
                "keyvault:Secrets_List",
                "Microsoft.KeyVault/vaults/secrets/read",
                "secrets",
                "2023-07-01",
                list=True,
                pick=sanitize.secret_items,
            ),
        ),
    ),
    TypeSpec(DISK, "compute", "Microsoft.Compute/disks/read"),
    TypeSpec(VM, "compute", "Microsoft.Compute/virtualMachines/read"),
    TypeSpec(
        WEB_SITE,
        "web",
        "Microsoft.Web/sites/Read",
        children=(
            ChildRead(
                "siteConfig",
                "web:WebApps_GetConfiguration",
                "Microsoft.Web/sites/config/Read",
                "config/web",
                "2023-12-01",
            ),
        ),
    ),
    TypeSpec(
        POSTGRES,
        "postgresql",
        "Microsoft.DBforPostgreSQL/flexibleServers/read",
        children=(
            ChildRead(
                ("configurations", "require_secure_transport"),
                "postgresql:Configurations_Get",
                "Microsoft.DBforPostgreSQL/flexibleServers/configurations/read",
                "configurations/require_secure_transport",
                "2022-12-01",
            ),
        ),
    ),
    TypeSpec(
        MYSQL,
        "mysql",
        "Microsoft.DBforMySQL/flexibleServers/read",
        children=(
            ChildRead(
                ("configurations", "require_secure_transport"),
                "mysql:Configurations_Get",
                "Microsoft.DBforMySQL/flexibleServers/configurations/read",
                "configurations/require_secure_transport",
                "2023-12-30",
            ),
        ),
    ),
    TypeSpec(COSMOS, "cosmosdb", "Microsoft.DocumentDB/databaseAccounts/read"),
    TypeSpec(AKS, "aks", "Microsoft.ContainerService/managedClusters/read"),
    TypeSpec(
        RECOVERY_VAULT,
        "recoveryservices",
        "Microsoft.RecoveryServices/Vaults/read",
        children=(
            ChildRead(
                "backupResourceVaultConfig",
                "recoveryservices:BackupResourceVaultConfigs_Get",
                "Microsoft.RecoveryServices/Vaults/backupconfig/read",
                "backupconfig/vaultconfig",
                "2023-04-01",
            ),
        ),
    ),
)
"""Every type listed through Resource Graph, one paginated query each."""

SUBSCRIPTION_READS: tuple[ChildRead, ...] = (
    ChildRead(
        "diagnosticSettings",
        "insights:SubscriptionDiagnosticSettings_List",
        "Microsoft.Insights/DiagnosticSettings/Read",
        "providers/Microsoft.Insights/diagnosticSettings",
        "2021-05-01-preview",
        list=True,
        pick=sanitize.items,
    ),
)
"""Read per subscription, below `/subscriptions/<id>`: the activity log's diagnostic settings."""

MANAGEMENT_GROUP_QUERY = (
    "resourcecontainers | where type =~ 'microsoft.resources/subscriptions' "
    "| project subscriptionId | order by subscriptionId asc"
)
"""The subscriptions below a management group (with `managementGroups` as the query scope)."""

RESOURCE_TYPES: tuple[str, ...] = tuple(sorted({SUBSCRIPTION, *(spec.type for spec in TYPES)}))
SERVICE_OF_TYPE: dict[str, str] = {SUBSCRIPTION: "resources", **{spec.type: spec.service for spec in TYPES}}


def declared_operations() -> dict[str, tuple[str, ...]]:
    """Every REST operation the collector may call, to the RBAC actions it needs."""
    operations: dict[str, set[str]] = {
        SUBSCRIPTION_API: {SUBSCRIPTION_ACTION},
        # A query needs the Resource Graph action, and returns only rows the caller may read.
        GRAPH_API: {GRAPH_ACTION, SUBSCRIPTION_ACTION, *(spec.read_action for spec in TYPES)},
    }
    for read in SUBSCRIPTION_READS + tuple(c for spec in TYPES for c in spec.children):
        operations.setdefault(read.operation, set()).add(read.action)
    return {op: tuple(sorted(actions)) for op, actions in sorted(operations.items())}
