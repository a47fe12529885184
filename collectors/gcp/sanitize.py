"""Make an asset's `resource.data` safe and faithful to store: no secrets, integers as integers.

Cloud Asset Inventory carries `resource.data` as a `google.protobuf.Struct`, whose only
number type is a double: an API integer such as `transactionLogRetentionDays: 7` arrives as
`7.0`. Integral numbers are written back as integers (JSON has one number type; the bundle
stays as the service's own API wrote it).

Secret values are never stored (docs/resources/gcp.md lists every rule):
- a field named like a secret (`password`, `privateKeyData`, `clientKey`, `keyString`, ...)
  keeps its key with the value `"***"`, at any depth and in every type;
- environment variable maps (`environmentVariables`, `buildEnvironmentVariables`) and
  container `env` entries keep their names, their values become `"***"`;
- instance and project metadata keep the value of flag items only (`enable-oslogin`,
  `block-project-ssh-keys`, ...); startup scripts, ssh-keys and any other item's value
  become `"***"`;
- service account keys keep their identity and dates only (no public or private key data).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attestkit.collectors.gcp.catalog import COMPUTE_INSTANCE, COMPUTE_PROJECT, SERVICE_ACCOUNT_KEY

REDACTED = "***"

SECRET_KEYS = frozenset(
    {
        "password",
        "rootPassword",
        "privateKey",
        "privateKeyData",
        "clientKey",
        "clientSecret",
        "keyString",
        "sharedSecret",
        "secret",
        "secretValue",
        "token",
        "accessToken",
        "refreshToken",
        "apiKey",
    }
)
"""Fields whose value is a credential, in any type's data."""

ENV_MAPS = frozenset({"environmentVariables", "buildEnvironmentVariables"})

METADATA_FLAGS = frozenset(
    {
        "enable-oslogin",
        "enable-oslogin-2fa",
        "enable-oslogin-sk",
        "block-project-ssh-keys",
        "serial-port-enable",
        "serial-port-logging-enable",
        "enable-guest-attributes",
        "enable-osconfig",
        "enable-windows-ssh",
        "disable-legacy-endpoints",
        "google-logging-enabled",
        "google-monitoring-enabled",
    }
)
"""Metadata items whose values are settings, kept; every other item's value is redacted."""

SERVICE_ACCOUNT_KEY_FIELDS = frozenset(
    {"name", "keyAlgorithm", "keyOrigin", "keyType", "validAfterTime", "validBeforeTime", "disabled", "privateKeyType"}
)
"""The service account key fields kept: identity, kind and dates."""


def clean(value: Any) -> Any:
    """`value` with integral floats as ints and every secret-named field redacted."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in SECRET_KEYS and item not in (None, "", [], {}):
                out[key] = REDACTED
            elif key in ENV_MAPS and isinstance(item, dict):
                out[key] = {name: REDACTED for name in item}
            elif key == "env" and isinstance(item, list):
                out[key] = [_env_entry(e) for e in item]
            else:
                out[key] = clean(item)
        return out
    if isinstance(value, list):
        return [clean(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def clean_data(struct: Any) -> dict[str, Any]:
    """`from_struct`, marked so `resource_data` does not clean it twice."""
    return _Clean(from_struct(struct))


def from_struct(struct: Any) -> dict[str, Any]:
    """A `google.protobuf.Struct` (an asset's `resource.data`) as a clean dict, in one pass.

    The same rules as `clean`, applied while converting: about four times faster than
    `json_format.MessageToDict` followed by `clean`, which matters at 100,000 assets.
    """
    out: dict[str, Any] = {}
    for key, item in struct.fields.items():
        value = _from_value(item)
        if key in SECRET_KEYS and value not in (None, "", [], {}):
            out[key] = REDACTED
        elif key in ENV_MAPS and isinstance(value, dict):
            out[key] = {name: REDACTED for name in value}
        elif key == "env" and isinstance(value, list):
            out[key] = [_env_entry(e) for e in value]
        else:
            out[key] = value
    return out


def _from_value(value: Any) -> Any:
    kind = value.WhichOneof("kind")
    if kind == "string_value":
        return value.string_value
    if kind == "struct_value":
        return from_struct(value.struct_value)
    if kind == "list_value":
        return [_from_value(v) for v in value.list_value.values]
    if kind == "number_value":
        number = value.number_value
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind == "bool_value":
        return value.bool_value
    return None


def _env_entry(entry: Any) -> Any:
    if isinstance(entry, dict) and "value" in entry:
        return {**clean({k: v for k, v in entry.items() if k != "value"}), "value": REDACTED}
    return clean(entry)


def _metadata(metadata: Any) -> Any:
    if not isinstance(metadata, dict) or not isinstance(metadata.get("items"), list):
        return metadata
    items = []
    for item in metadata["items"]:
        if isinstance(item, dict) and item.get("key") not in METADATA_FLAGS and "value" in item:
            item = {**item, "value": REDACTED}
        items.append(item)
    return {**metadata, "items": items}


def _instance(data: dict[str, Any]) -> dict[str, Any]:
    if "metadata" in data:
        data["metadata"] = _metadata(data["metadata"])
    return data


def _compute_project(data: dict[str, Any]) -> dict[str, Any]:
    if "commonInstanceMetadata" in data:
        data["commonInstanceMetadata"] = _metadata(data["commonInstanceMetadata"])
    return data


def _service_account_key(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in SERVICE_ACCOUNT_KEY_FIELDS}


BY_TYPE: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    COMPUTE_INSTANCE: _instance,
    COMPUTE_PROJECT: _compute_project,
    SERVICE_ACCOUNT_KEY: _service_account_key,
}


def resource_data(asset_type: str, data: Any) -> dict[str, Any]:
    """The asset's `resource.data` (a dict, cleaned here unless `from_struct` made it) with
    its type's own rules applied."""
    cleaned = data if isinstance(data, _Clean) else clean(data) if isinstance(data, dict) else {}
    rule = BY_TYPE.get(asset_type)
    return rule(dict(cleaned)) if rule else dict(cleaned)


class _Clean(dict[str, Any]):
    """A dict already cleaned by `from_struct`."""
