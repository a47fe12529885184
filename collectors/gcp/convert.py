"""One Cloud Asset Inventory asset -> one `Resource` (docs/resources/gcp.md).

- `type`: the Cloud Asset type name (`storage.googleapis.com/Bucket`);
- `id`: the asset's full resource name (`//storage.googleapis.com/carebridge-phi-records`);
- `account`: the project id of the asset's project (from its `ancestors`, whose first project
  entry is a project number, mapped to the id through the scope's project assets); for a
  folder or organization, its own `folders/N` / `organizations/N`;
- `region`: the asset's `resource.location` (a region, zone, multi-region or `global`);
- `config`: `resource.data` as the service's API returns it (sanitize.py), plus the asset's
  own `ancestors`, and `iamPolicy` / `orgPolicy` for the types whose policies are listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attestkit.collectors.gcp import sanitize
from attestkit.collectors.gcp.catalog import FOLDER, ORGANIZATION, PROJECT
from attestkit.models import ReadError, Resource

PROVIDER = "gcp"
SOURCE = "gcp-asset"

ATTACHED_KEYS = ("ancestors", "iamPolicy", "orgPolicy")
"""Asset fields the collector adds to `config` beside `resource.data`."""


def project_number_of(asset: Mapping[str, Any]) -> str | None:
    """The number of the project holding `asset`, from its ancestry (`projects/N`)."""
    for ancestor in asset.get("ancestors") or ():
        if isinstance(ancestor, str) and ancestor.startswith("projects/"):
            return ancestor.removeprefix("projects/")
    return None


def project_id_of(asset: Mapping[str, Any]) -> tuple[str, str] | None:
    """(number, id) of a `cloudresourcemanager.googleapis.com/Project` asset."""
    data = (asset.get("resource") or {}).get("data") or {}
    number = str(data.get("projectNumber") or "") or project_number_of(asset)
    project_id = data.get("projectId")
    if number and isinstance(project_id, str) and project_id:
        return number, project_id
    return None


def _account(asset: Mapping[str, Any], project_ids: Mapping[str, str]) -> str | None:
    number = project_number_of(asset)
    if number is not None:
        return project_ids.get(number, number)
    ancestors = asset.get("ancestors") or []  # a folder, an organization, or an asset of theirs
    return str(ancestors[0]) if ancestors else None


def _display_name(name: str, asset_type: str, data: Mapping[str, Any]) -> str:
    if asset_type == PROJECT and isinstance(data.get("projectId"), str):
        return data["projectId"]
    if asset_type in (FOLDER, ORGANIZATION) and isinstance(data.get("displayName"), str):
        return data["displayName"]
    return name.rstrip("/").rsplit("/", 1)[-1]


def _labels(data: Mapping[str, Any]) -> dict[str, str]:
    settings = data.get("settings")
    for candidate in (
        data.get("labels"),
        data.get("resourceLabels"),
        settings.get("userLabels") if isinstance(settings, dict) else None,
    ):
        if isinstance(candidate, dict):
            return {str(k): str(v) for k, v in sorted(candidate.items())}
    return {}


def to_resource(
    asset: Mapping[str, Any],
    *,
    project_ids: Mapping[str, str],
    attached: Mapping[str, Any],
    errors: list[ReadError],
) -> Resource:
    """The Resource for one RESOURCE-content asset; `attached` holds its `iamPolicy` /
    `orgPolicy` (None: none set), `errors` the reads of those that failed."""
    name = str(asset["name"])
    asset_type = str(asset["assetType"])
    resource = asset.get("resource") or {}
    config = sanitize.resource_data(asset_type, resource.get("data"))
    config["ancestors"] = list(asset.get("ancestors") or [])
    for key, value in attached.items():
        config[key] = sanitize.clean(value)
    return Resource(
        provider=PROVIDER,
        source=SOURCE,
        type=asset_type,
        id=name,
        name=_display_name(name, asset_type, config),
        account=_account(asset, project_ids),
        region=str(resource.get("location") or "global"),
        tags=_labels(config),
        config=config,
        errors=errors,
    )
