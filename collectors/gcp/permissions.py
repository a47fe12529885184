"""What the GCP collector calls, the IAM permissions that allows, and the roles that grant them.

The collector calls one REST method, `GET /v1/{parent}/assets` (AssetService.ListAssets),
with three content types; Cloud Asset Inventory checks a different permission for each
(https://cloud.google.com/asset-inventory/docs/listing-assets). Every Cloud Asset Inventory
call also needs `serviceusage.services.use` on the project whose quota it uses.
tests/collectors/test_gcp_permissions.py records every request the collector sends to a
local endpoint and holds it to these declarations.
"""

from __future__ import annotations

from attestkit.collectors.gcp.catalog import IAM_POLICY, ORG_POLICY, RESOURCE, api_name

QUOTA_PERMISSION = "serviceusage.services.use"
"""Needed on the quota project (the project whose Cloud Asset API quota the calls use)."""

OPERATIONS: dict[str, str] = {
    api_name(RESOURCE): "cloudasset.assets.listResource",
    api_name(IAM_POLICY): "cloudasset.assets.listIamPolicy",
    api_name(ORG_POLICY): "cloudasset.assets.listOrgPolicy",
}
"""Every operation the collector may call, to the permission it needs on the scope."""

REST_METHOD = ("GET", "/v1/{parent=*/*}/assets")
"""The one REST method behind every operation."""

SCOPE_ROLE = "roles/cloudasset.viewer"
"""Cloud Asset Viewer: holds cloudasset.assets.list* (and other reads) on the scope."""

QUOTA_ROLE = "roles/serviceusage.serviceUsageConsumer"
"""Service Usage Consumer: holds serviceusage.services.use on the quota project."""


def operations() -> tuple[str, ...]:
    return tuple(sorted(OPERATIONS))


def permissions() -> tuple[str, ...]:
    """Every permission the collector needs: the scope permissions and the quota one."""
    return tuple(sorted({*OPERATIONS.values(), QUOTA_PERMISSION}))


def custom_role_yaml() -> str:
    """A custom role definition granting exactly `permissions()`, with the predefined
    roles that also cover it, ready for `gcloud iam roles create --file`."""
    lines = [
        "# attestkit gcp collector: the least privilege it needs (read-only).",
        "#",
        "# Predefined roles that cover it:",
        f"#   {SCOPE_ROLE} (Cloud Asset Viewer) on every --project, --folder or --organization collected",
        f"#   {QUOTA_ROLE} (Service Usage Consumer) on the quota project: the project whose",
        "#     Cloud Asset API the calls are billed to (a service account's own project, or the",
        "#     ADC quota project: gcloud auth application-default set-quota-project PROJECT);",
        "#     the Cloud Asset API (cloudasset.googleapis.com) must be enabled there.",
        "#",
        "# Or this custom role, granted where the roles above would be:",
        "#   gcloud iam roles create attestkitCollector --organization=ORG_ID --file=attestkit-gcp-role.yaml",
        "#   gcloud organizations add-iam-policy-binding ORG_ID \\",
        "#     --member=serviceAccount:SA_EMAIL --role=organizations/ORG_ID/roles/attestkitCollector",
        "title: attestkit collector (read-only)",
        "description: Lists resources, IAM policies and organization policies through Cloud Asset Inventory.",
        "stage: GA",
        "includedPermissions:",
        *(f"- {permission}" for permission in permissions()),
    ]
    return "\n".join(lines)
