"""What is kept of each response: ARM's own vocabulary, and never a secret value.

ARM does not return most secrets on GET (storage keys, passwords and Key Vault secret values
need separate `list*`/data-plane calls the collector never makes), but some settings embed
them (an App Service's `azureStorageAccounts[].accessKey`, a SQL auditing policy's
`storageAccountAccessKey` on older API versions). So, wherever it appears, a key named in
`SECRET_KEYS` is removed before anything is stored, and Key Vault keys and secrets keep only
an allow-list of metadata (attributes, type, size), never `value` or key material.
"""

from __future__ import annotations

from typing import Any

SECRET_KEYS = frozenset(
    k.lower()
    for k in (
        "accessKey",
        "accountKey",
        "adminPassword",
        "administratorLoginPassword",
        "appSettings",
        "clientSecret",
        "connectionString",
        "connectionStrings",
        "customData",
        "password",
        "primaryKey",
        "primaryMasterKey",
        "primaryReadonlyMasterKey",
        "publishingPassword",
        "sasToken",
        "secondaryKey",
        "secondaryMasterKey",
        "secondaryReadonlyMasterKey",
        "secret",
        "storageAccountAccessKey",
        "storageAccountKey",
    )
)
"""Keys (compared case-insensitively) whose values are secrets, removed at any depth."""

KEY_PROPERTIES = ("attributes", "kty", "keySize", "curveName", "keyOps", "rotationPolicy")
"""Key Vault key metadata kept (never `keyUri` material: ARM returns none, and none is kept)."""
SECRET_PROPERTIES = ("attributes", "contentType")
"""Key Vault secret metadata kept; `value` never is."""


def scrub(value: Any) -> Any:
    """`value` with every key of SECRET_KEYS removed, at any depth."""
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items() if str(k).lower() not in SECRET_KEYS}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def properties(body: Any) -> Any:
    """A child resource's `properties` (scrubbed): what a single-object read stores."""
    if not isinstance(body, dict):
        return None
    return scrub(body.get("properties"))


def items(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A collection's items as `{name, properties}` (scrubbed), in the order listed."""
    return [{"name": v.get("name"), "properties": scrub(v.get("properties"))} for v in values]


def _allowed(values: list[dict[str, Any]], allowed: tuple[str, ...]) -> list[dict[str, Any]]:
    out = []
    for v in values:
        props = v.get("properties") if isinstance(v.get("properties"), dict) else {}
        out.append({"name": v.get("name"), "properties": {k: props[k] for k in allowed if k in props}})
    return out


def key_items(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return _allowed(values, KEY_PROPERTIES)


def secret_items(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return _allowed(values, SECRET_PROPERTIES)
