"""What the Azure collector calls and the least-privilege role that allows exactly that.

Built from the declarations in `catalog.py`, so the role cannot drift from the code;
tests/collectors/test_azure_permissions.py holds the code to the declarations by recording
every request the collector sends to a local endpoint.

The built-in role **Reader** (`acdd72a7-3385-48ef-bd42-f606fba81ae7`, `Actions: ["*/read"]`)
grants every action below, so assigning Reader on the subscriptions (or the management
group) is enough. Nothing else is needed: Defender for Cloud plans are read through Resource
Graph (`Microsoft.Security/pricings/read`, within Reader; Security Reader is not required),
and Key Vault keys and secrets are listed through ARM's management plane
(`Microsoft.KeyVault/vaults/keys/read`, `.../secrets/read`: names and attributes such as
`exp`, never values), which needs no Key Vault data-plane role and works whatever the
vault's permission model. `role_definition()` is the same grant as a custom role, for those
who want exactly these actions and nothing more.
"""

from __future__ import annotations

import json
from typing import Any

from attestkit.collectors.azure.catalog import declared_operations

READER_ROLE_ID = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
ROLE_NAME = "attestkit collector (read-only)"


def operations() -> tuple[str, ...]:
    return tuple(declared_operations())


def permissions() -> tuple[str, ...]:
    """The Azure RBAC actions those operations need, sorted and unique (case-insensitively)."""
    unique: dict[str, str] = {}
    for actions in declared_operations().values():
        for action in actions:
            unique.setdefault(action.lower(), action)
    return tuple(sorted(unique.values(), key=str.lower))


def role_definition(assignable_scopes: list[str] | None = None) -> dict[str, Any]:
    """A custom role granting exactly `permissions()`, in the format of
    `az role definition create --role-definition @role.json`."""
    return {
        "Name": ROLE_NAME,
        "IsCustom": True,
        "Description": (
            "Read-only access for attestkit's Azure collector (Azure Resource Manager and Resource Graph). "
            f"The built-in Reader role ({READER_ROLE_ID}) grants all of these actions; no data-plane "
            "or Security Reader role is needed."
        ),
        "Actions": list(permissions()),
        "NotActions": [],
        "DataActions": [],
        "NotDataActions": [],
        "AssignableScopes": assignable_scopes or ["/subscriptions/00000000-0000-0000-0000-000000000000"],
    }


def role_definition_json(indent: int | None = 2) -> str:
    return json.dumps(role_definition(), indent=indent)
