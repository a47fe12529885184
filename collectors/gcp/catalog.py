"""What the GCP collector asks Cloud Asset Inventory for: asset types and content types.

Every type here is a Cloud Asset type name (`storage.googleapis.com/Bucket`) that some
built-in check in rego/checks/gcp/ reads (docs/resources/gcp.md says which keys). Without
`--all-assets` the RESOURCE listing is limited to these types; IAM policies are listed only
for the types whose checks read them, org policies only for the resource-hierarchy types.
"""

from __future__ import annotations

ORGANIZATION = "cloudresourcemanager.googleapis.com/Organization"
FOLDER = "cloudresourcemanager.googleapis.com/Folder"
PROJECT = "cloudresourcemanager.googleapis.com/Project"

COMPUTE_PROJECT = "compute.googleapis.com/Project"
COMPUTE_INSTANCE = "compute.googleapis.com/Instance"
FIREWALL = "compute.googleapis.com/Firewall"
SUBNETWORK = "compute.googleapis.com/Subnetwork"
BUCKET = "storage.googleapis.com/Bucket"
SQL_INSTANCE = "sqladmin.googleapis.com/Instance"
CRYPTO_KEY = "cloudkms.googleapis.com/CryptoKey"
SERVICE_ACCOUNT_KEY = "iam.googleapis.com/ServiceAccountKey"
DATASET = "bigquery.googleapis.com/Dataset"
CLUSTER = "container.googleapis.com/Cluster"
LOG_SINK = "logging.googleapis.com/LogSink"

HIERARCHY_TYPES: tuple[str, ...] = (ORGANIZATION, FOLDER, PROJECT)
"""The resource hierarchy: listed first in every scope (project numbers -> ids, and the
containers whose IAM and org policies their descendants inherit)."""

SERVICE_TYPES: tuple[str, ...] = (
    BUCKET,
    CLUSTER,
    COMPUTE_INSTANCE,
    COMPUTE_PROJECT,
    CRYPTO_KEY,
    DATASET,
    FIREWALL,
    LOG_SINK,
    SERVICE_ACCOUNT_KEY,
    SQL_INSTANCE,
    SUBNETWORK,
)
"""Every other type a built-in check reads."""

RESOURCE_TYPES: tuple[str, ...] = tuple(sorted(HIERARCHY_TYPES + SERVICE_TYPES))
"""Everything the collector lists by default (content type RESOURCE)."""

IAM_POLICY_TYPES: tuple[str, ...] = (BUCKET, DATASET, FOLDER, ORGANIZATION, PROJECT)
"""Types whose IAM policy a check reads (content type IAM_POLICY), attached as `iamPolicy`."""

ORG_POLICY_TYPES: tuple[str, ...] = (FOLDER, ORGANIZATION, PROJECT)
"""Types whose organization policies a check reads (content type ORG_POLICY), attached as `orgPolicy`."""

RESOURCE = "RESOURCE"
IAM_POLICY = "IAM_POLICY"
ORG_POLICY = "ORG_POLICY"


def api_name(content_type: str) -> str:
    """How errors name a ListAssets call: `cloudasset:ListAssets[IAM_POLICY]`.

    One REST method serves three content types, each needing its own permission, so the
    content type is part of the name (and of `GcpCollector.operations`).
    """
    return f"cloudasset:ListAssets[{content_type}]"
