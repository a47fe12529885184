"""GCP: `google_*` resources into Cloud Asset types and `resource.data` (docs/resources/gcp.md)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from attestkit.collectors.terraform import gcp_common as g
from attestkit.collectors.terraform.draft import Context, Draft
from attestkit.collectors.terraform.plan import Planned
from attestkit.collectors.terraform.values import UNKNOWN, after, compact, known, strings, text

reg = g.registry

PROJECT = "cloudresourcemanager.googleapis.com/Project"
FOLDER = "cloudresourcemanager.googleapis.com/Folder"
ORGANIZATION = "cloudresourcemanager.googleapis.com/Organization"
COMPUTE_PROJECT = "compute.googleapis.com/Project"
LOG_SINK = "logging.googleapis.com/LogSink"
DEFAULT_PROJECT_NUMBER = "000000000000"
"""Stands for the project number in the default compute service account's email when the plan does not give it."""
OS_LOGIN = "enable-oslogin"


# Hierarchy ---------------------------------------------------------------------------------------
PROJECT_CHILDREN = (
    "google_project_iam_policy",
    "google_project_iam_binding",
    "google_project_iam_member",
    "google_project_iam_audit_config",
    "google_org_policy_policy",
    "google_project_organization_policy",
)


def _same_project(parent: Planned, child: Planned) -> bool:
    value = child.get("project")
    return isinstance(value, str) and value.removeprefix("projects/") in {
        str(parent.get("project_id")),
        str(parent.get("number")),
    }


@reg.translator("google_project", produces=PROJECT, children=PROJECT_CHILDREN)
def project(ctx: Context, r: Planned) -> list[Draft]:
    project_id = r.get("project_id")
    d = g.new(ctx, r, PROJECT, {}, project=project_id, region="global")
    folder = g.container_ref(ctx, r, "folder_id", "folders")
    org = g.container_ref(ctx, r, "org_id", "organizations")
    parent = (
        {"type": "folder", "id": folder.split("/", 1)[1]}
        if folder
        else ({"type": "organization", "id": org.split("/", 1)[1]} if org else None)
    )
    d.config.update(
        compact(
            {
                "projectId": project_id,
                "projectNumber": r.get("number"),
                "name": r.get("name"),
                "lifecycleState": "ACTIVE",
                "parent": parent,
                "labels": r.get("labels") or None,
            }
        )
    )
    d.config["iamPolicy"] = g.iam_policy(
        ctx, d, r, "google_project", "project", ("project_id", "number"), audit=True, match=_same_project
    )
    d.config["orgPolicy"] = g.org_policies(
        ctx, d, f"projects/{project_id}", "google_project_organization_policy", "project", project_id
    )
    return [d]


FOLDER_CHILDREN = (
    "google_folder_iam_policy",
    "google_folder_iam_binding",
    "google_folder_iam_member",
    "google_folder_iam_audit_config",
    "google_folder_organization_policy",
)


@reg.translator("google_folder", produces=FOLDER, children=FOLDER_CHILDREN, context=True)
def folder(ctx: Context, r: Planned) -> list[Draft]:
    ref = g.folder_ref(r)
    d = g.new(ctx, r, FOLDER, {}, project=ref, region="global")
    d.config["ancestors"] = [ref, *g.container_chain(ctx, r)]
    d.config.update(compact({"name": ref, "displayName": r.get("display_name"), "parent": g.folder_parent(ctx, r)}))
    d.config["iamPolicy"] = g.iam_policy(ctx, d, r, "google_folder", "folder", ("name", "folder_id", "id"), audit=True)
    d.config["orgPolicy"] = g.org_policies(ctx, d, ref, "google_folder_organization_policy", "folder", ref)
    return [d]


ORG_TYPES = (
    "google_organization_iam_policy",
    "google_organization_iam_binding",
    "google_organization_iam_member",
    "google_organization_iam_audit_config",
    "google_organization_policy",
)
reg.also(ORGANIZATION, *ORG_TYPES, "google_org_policy_policy", context=True)


def organizations(ctx: Context) -> list[Draft]:
    """Organizations are not created by Terraform; the settings a plan makes on one (IAM, audit
    configs, organization policies) are written as a partial Organization, the evidence projects
    below it are judged against."""
    found: dict[str, list[Planned]] = defaultdict(list)
    for t in ORG_TYPES:
        for r in ctx.plan.by_type.get(t, []):
            org = r.get("org_id")
            if not r.gone and isinstance(org, str) and known(org):
                found[org.removeprefix("organizations/")].append(r)
    for p in ctx.plan.by_type.get("google_org_policy_policy", []):
        parent = p.get("parent")
        if not p.gone and isinstance(parent, str) and parent.startswith("organizations/"):
            found[parent.removeprefix("organizations/")].append(p)
    drafts = []
    for org, members in sorted(found.items()):
        ref = f"organizations/{org}"
        first = members[0]
        d = g.new(ctx, first, ORGANIZATION, {"name": ref}, project=ref, region="global")
        d.id = f"//cloudresourcemanager.googleapis.com/{ref}"
        d.name = ref
        d.config["ancestors"] = [ref]
        org_parent = _OrgParent(first, org)
        d.config["iamPolicy"] = g.iam_policy(
            ctx, d, org_parent, "google_organization", "org_id", ("org_id",), audit=True
        )
        d.config["orgPolicy"] = g.org_policies(ctx, d, ref, "google_organization_policy", "org_id", org)
        d.addresses = sorted({m.address for m in members} | {j.address for j in d.joined})
        ctx.consumed.update(d.addresses)
        drafts.append(d)
    return drafts


class _OrgParent:
    """Stands in for the organization (which has no resource of its own) in joins by `org_id`:
    a JoinParent (collectors/terraform/draft.py)."""

    type = "google_organization"

    def __init__(self, first: Planned, org: str) -> None:
        self.org = org
        self.addr = first.addr

    def get(self, *path: Any, default: Any = None) -> Any:
        return self.org if path == ("org_id",) else default

    def before_get(self, *path: str) -> Any:
        return self.org if path == ("org_id",) else None


# Compute ------------------------------------------------------------------------------------------
reg.also(COMPUTE_PROJECT, "google_compute_project_metadata", "google_compute_project_metadata_item", context=True)


def compute_projects(ctx: Context) -> list[Draft]:
    """Project-wide instance metadata, when the plan says what `enable-oslogin` is: it manages
    the whole metadata (`google_compute_project_metadata`) or that item. Where the plan leaves
    it to be known after apply (the whole map, the item's value, or an item's key), the path is
    listed for the check to answer `error` rather than judge the project without it."""
    by_project: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"items": {}, "set_by": {}, "members": [], "authoritative": False, "pending": []}
    )
    for r in ctx.plan.by_type.get("google_compute_project_metadata", []):
        project = g.project_of(ctx, r)
        if r.gone or not isinstance(project, str):
            continue
        entry = by_project[project]
        entry["authoritative"] = True
        entry["members"].append(r)
        metadata = r.get("metadata")
        if isinstance(metadata, dict):
            entry["items"].update(metadata)
            entry["set_by"].update({k: (r, f'metadata["{k}"]') for k in metadata})
        elif metadata == UNKNOWN:
            entry["pending"].append((r, "metadata", "commonInstanceMetadata"))
    for r in ctx.plan.by_type.get("google_compute_project_metadata_item", []):
        project = g.project_of(ctx, r)
        if r.gone or not isinstance(project, str):
            continue
        entry = by_project[project]
        entry["members"].append(r)
        key = r.get("key")
        if key == UNKNOWN:
            entry["pending"].append((r, "key", "commonInstanceMetadata.items[].key"))
        elif isinstance(key, str):
            entry["items"][key] = r.get("value")
            entry["set_by"][key] = (r, "value")
    drafts = []
    for project, entry in sorted(by_project.items()):
        ctx.consumed.update(m.address for m in entry["members"])
        items = entry["items"]
        if not entry["authoritative"] and OS_LOGIN not in items and not entry["pending"]:
            continue  # other items only: enable-oslogin may be set outside Terraform
        first = entry["members"][0]
        d = g.new(ctx, first, COMPUTE_PROJECT, {}, project=project, region="global")
        d.id = f"//compute.googleapis.com/projects/{project}"
        d.name = project
        d.addresses = sorted(m.address for m in entry["members"])
        if OS_LOGIN in items:
            holder, tf_path = entry["set_by"][OS_LOGIN]
            d.need(items[OS_LOGIN], tf_path, None, where=holder, path=f"commonInstanceMetadata.items[{OS_LOGIN}].value")
        else:
            # no known item sets it, but one known only after apply may
            for holder, tf_path, path in entry["pending"]:
                d.need(UNKNOWN, tf_path, None, where=holder, path=path)
        d.config.update({"name": project, "commonInstanceMetadata": {"items": g.sanitize_metadata(items)}})
        drafts.append(d)
    return drafts


@reg.translator("google_compute_instance", produces="compute.googleapis.com/Instance")
def instance(ctx: Context, r: Planned) -> list[Draft]:
    d = g.new(ctx, r, "compute.googleapis.com/Instance", {})
    nics = []
    for i, nic in enumerate(r.blocks("network_interface")):
        access = [
            compact({"type": "ONE_TO_ONE_NAT", "name": "External NAT", "natIP": text(a.get("nat_ip")) or UNKNOWN})
            for a in nic.get("access_config") or []
            if isinstance(a, dict)
        ]
        ipv6 = [
            compact({"type": "DIRECT_IPV6", "externalIpv6": text(a.get("external_ipv6")) or UNKNOWN})
            for a in nic.get("ipv6_access_config") or []
            if isinstance(a, dict)
        ]
        if nic.get("access_config") == UNKNOWN:
            # whether the interface gets an external address is decided at apply: not shown to have none
            access = [{"type": "ONE_TO_ONE_NAT", "natIP": UNKNOWN}]
            d.need(UNKNOWN, f"network_interface[{i}].access_config", None, path="networkInterfaces[].accessConfigs")
        nics.append(
            compact(
                {
                    "name": nic.get("name") if text(nic.get("name")) and nic.get("name") != UNKNOWN else f"nic{i}",
                    "network": nic.get("network"),
                    "subnetwork": nic.get("subnetwork"),
                    "networkIP": text(nic.get("network_ip")),
                    "accessConfigs": access or None,
                    "ipv6AccessConfigs": ipv6 or None,
                }
            )
        )
    accounts = []
    for sa in r.blocks("service_account"):
        email = sa.get("email")
        if email in (None, "", UNKNOWN) and not _email_configured(r):
            number = _project_number(ctx, d.account)
            email = f"{number}-compute@developer.gserviceaccount.com"  # the default compute service account
            d.derive("serviceAccounts[].email")
        # an email set to a value known only after apply names a service account of the plan, not the default one
        accounts.append({"email": email, "scopes": g.scopes(sa.get("scopes"))})
    shielded = r.block("shielded_instance_config")
    if r.get("shielded_instance_config") == UNKNOWN or not shielded:
        shielded_config = {"enableSecureBoot": False, "enableVtpm": True, "enableIntegrityMonitoring": True}
        d.derive("shieldedInstanceConfig")
    else:
        shielded_config = {}
        for tf, api, default in _SHIELDED:
            value = shielded.get(tf)
            if value is None or (value == UNKNOWN and not r.configured("shielded_instance_config", tf)):
                value = default  # the provider's default (GCE's, for a value left to the API)
                if shielded.get(tf) == UNKNOWN:
                    d.derive(f"shieldedInstanceConfig.{api}")
            shielded_config[api] = d.need(
                value, f"shielded_instance_config.{tf}", None, path=f"shieldedInstanceConfig.{api}"
            )
    metadata = r.get("metadata")
    if isinstance(metadata, dict):
        # a map known but for the value of enable-oslogin: the item is there, its value is not
        d.need(
            metadata.get(OS_LOGIN),
            f'metadata["{OS_LOGIN}"]',
            None,
            path=f"metadata.items[{OS_LOGIN}].value",
        )
    d.config.update(
        compact(
            {
                "name": r.get("name"),
                "zone": r.get("zone"),
                "machineType": r.get("machine_type"),
                "status": "PROVISIONING" if r.created else "RUNNING",
                "networkInterfaces": nics,
                "serviceAccounts": accounts,
                "metadata": {"items": g.sanitize_metadata(metadata)}
                if isinstance(metadata, dict) and metadata
                else None,
                "shieldedInstanceConfig": shielded_config,
                "labels": r.get("labels") or None,
            }
        )
    )
    if metadata == UNKNOWN:
        d.need(UNKNOWN, "metadata", None, path="metadata")
    return [d]


_SHIELDED = (
    ("enable_secure_boot", "enableSecureBoot", False),
    ("enable_vtpm", "enableVtpm", True),
    ("enable_integrity_monitoring", "enableIntegrityMonitoring", True),
)


def _email_configured(r: Planned) -> bool:
    return r.configured("service_account", 0, "email")


def _project_number(ctx: Context, project: Any) -> str:
    p = g.planned_project(ctx, project)
    number = p.get("number") if p is not None else None
    if isinstance(number, str) and known(number) and number.isdigit():
        return number
    for ref, values in ctx.plan._data.items():
        if (
            ".google_project." in f".{ref}"
            and values.get("project_id") == project
            and str(values.get("number", "")).isdigit()
        ):
            return str(values["number"])
    return DEFAULT_PROJECT_NUMBER


@reg.translator("google_compute_firewall", produces="compute.googleapis.com/Firewall")
def firewall(ctx: Context, r: Planned) -> list[Draft]:
    d = g.new(ctx, r, "compute.googleapis.com/Firewall", {}, region="global")
    direction = r.get("direction")
    if direction in (None, UNKNOWN) and not r.configured("direction"):
        direction = "INGRESS"
        d.derive("direction")
    d.need(direction, "direction", None, path="direction")
    for key in ("source_ranges",):
        if UNKNOWN in strings(r.get(key)) or r.get(key) == UNKNOWN:
            d.need(UNKNOWN, key, None, path="sourceRanges")
    # Optional with a default of false: unknown only when the configuration sets it so
    disabled = d.need(r.get("disabled", default=False), "disabled", None, path="disabled")

    def rules(key: str) -> list[dict[str, Any]]:
        return [
            compact({"IPProtocol": b.get("protocol"), "ports": strings(b.get("ports")) or None}) for b in r.blocks(key)
        ]

    d.config.update(
        compact(
            {
                "name": r.get("name"),
                "network": r.get("network"),
                "priority": r.get("priority", default=1000),
                "direction": direction,
                "disabled": disabled,
                "sourceRanges": strings(r.get("source_ranges")) or None,
                "destinationRanges": strings(r.get("destination_ranges")) or None,
                "sourceTags": strings(r.get("source_tags")) or None,
                "sourceServiceAccounts": strings(r.get("source_service_accounts")) or None,
                "targetTags": strings(r.get("target_tags")) or None,
                "allowed": rules("allow") or None,
                "denied": rules("deny") or None,
                "logConfig": {"enable": bool(r.block("log_config"))},
            }
        )
    )
    return [d]


@reg.translator("google_compute_subnetwork", produces="compute.googleapis.com/Subnetwork")
def subnetwork(ctx: Context, r: Planned) -> list[Draft]:
    d = g.new(ctx, r, "compute.googleapis.com/Subnetwork", {})
    purpose = r.get("purpose")
    if purpose in (None, UNKNOWN) and not r.configured("purpose"):
        purpose = "PRIVATE"
        d.derive("purpose")
    log = r.block("log_config")
    log_config: dict[str, Any] = {"enable": False}
    if log:
        log_config = compact(
            {
                "enable": True,
                "aggregationInterval": log.get("aggregation_interval"),
                "flowSampling": log.get("flow_sampling"),
                "metadata": log.get("metadata"),
            }
        )
    elif r.get("log_config") == UNKNOWN:
        d.need(UNKNOWN, "log_config", None, path="logConfig.enable")
        log_config = {"enable": UNKNOWN}
    d.config.update(
        compact(
            {
                "name": r.get("name"),
                "network": r.get("network"),
                "ipCidrRange": r.get("ip_cidr_range"),
                "region": r.get("region"),
                "purpose": purpose,
                "privateIpGoogleAccess": r.get("private_ip_google_access"),
                "logConfig": log_config,
            }
        )
    )
    return [d]


# Cloud SQL, KMS, IAM keys ----------------------------------------------------------------------------
@reg.translator("google_sql_database_instance", produces="sqladmin.googleapis.com/Instance")
def sql_instance(ctx: Context, r: Planned) -> list[Draft]:
    d = g.new(ctx, r, "sqladmin.googleapis.com/Instance", {})
    settings = r.block("settings")
    ip = settings.get("ip_configuration")
    ip = ip[0] if isinstance(ip, list) and ip else ip if isinstance(ip, dict) else {}
    backup = settings.get("backup_configuration")
    backup = backup[0] if isinstance(backup, list) and backup else backup if isinstance(backup, dict) else {}
    # ssl_mode left out of the configuration is the API's to set (from require_ssl, else
    # ALLOW_UNENCRYPTED_AND_ENCRYPTED): written absent, as for an instance that predates it, so
    # requireSsl speaks. Set to a value known only after apply, either one keeps the placeholder.
    ssl_mode = _set_or_none(r, ip.get("ssl_mode"), "settings", "ip_configuration", "ssl_mode")
    require_ssl = _set_or_none(r, ip.get("require_ssl"), "settings", "ip_configuration", "require_ssl")
    ip_config = compact(
        {
            "ipv4Enabled": ip.get("ipv4_enabled", True),
            "sslMode": text(ssl_mode),
            "requireSsl": require_ssl if isinstance(require_ssl, bool) or require_ssl == UNKNOWN else None,
            "authorizedNetworks": [
                compact({"value": n.get("value"), "name": text(n.get("name")), "kind": "sql#aclEntry"})
                for n in ip.get("authorized_networks") or []
                if isinstance(n, dict)
            ],
            "privateNetwork": text(ip.get("private_network")),
        }
    )
    for n in ip_config["authorizedNetworks"]:
        d.need(
            n.get("value"),
            "settings.ip_configuration.authorized_networks.value",
            None,
            path="settings.ipConfiguration.authorizedNetworks[].value",
        )
    d.need(
        ip_config.get("ipv4Enabled"),
        "settings.ip_configuration.ipv4_enabled",
        None,
        path="settings.ipConfiguration.ipv4Enabled",
    )
    d.need(ssl_mode, "settings.ip_configuration.ssl_mode", None, path="settings.ipConfiguration.sslMode")
    d.need(require_ssl, "settings.ip_configuration.require_ssl", None, path="settings.ipConfiguration.requireSsl")
    backup_config = compact(
        {
            "enabled": backup.get("enabled", False),
            "pointInTimeRecoveryEnabled": _set_or_none(
                r, backup.get("point_in_time_recovery_enabled"), *_BACKUP, "point_in_time_recovery_enabled"
            ),
            "binaryLogEnabled": _set_or_none(r, backup.get("binary_log_enabled"), *_BACKUP, "binary_log_enabled"),
            "startTime": text(backup.get("start_time")),
        }
    )
    d.need(
        backup_config.get("enabled"),
        "settings.backup_configuration.enabled",
        None,
        path="settings.backupConfiguration.enabled",
    )
    for tf, api in (
        ("point_in_time_recovery_enabled", "pointInTimeRecoveryEnabled"),
        ("binary_log_enabled", "binaryLogEnabled"),
    ):
        d.need(
            backup_config.get(api),
            f"settings.backup_configuration.{tf}",
            None,
            path=f"settings.backupConfiguration.{api}",
        )
    d.config.update(
        compact(
            {
                "name": r.get("name"),
                "databaseVersion": r.get("database_version"),
                "instanceType": "READ_REPLICA_INSTANCE"
                if text(r.get("master_instance_name"))
                else "CLOUD_SQL_INSTANCE",
                "region": r.get("region"),
                "settings": compact(
                    {
                        "tier": settings.get("tier"),
                        "availabilityType": settings.get("availability_type"),
                        "ipConfiguration": ip_config,
                        "backupConfiguration": backup_config,
                    }
                ),
            }
        )
    )
    return [d]


_BACKUP = ("settings", "backup_configuration")


def _set_or_none(r: Planned, value: Any, *path: str) -> Any:
    """`value`, or None when it is unknown only because the configuration leaves it to the API."""
    return None if value == UNKNOWN and not r.configured(*path) else value


@reg.translator("google_kms_crypto_key", produces="cloudkms.googleapis.com/CryptoKey")
def crypto_key(ctx: Context, r: Planned) -> list[Draft]:
    ring = next(iter(ctx.plan.referenced(r.refs("key_ring"), ["google_kms_key_ring"])), None)
    ring_id = r.get("key_ring")
    project = g.project_of(ctx, ring) if ring is not None else _from_path(ring_id, "projects")
    region = g.location_of(ring) if ring is not None else (_from_path(ring_id, "locations") or "global")
    d = g.new(ctx, r, "cloudkms.googleapis.com/CryptoKey", {}, project=project, region=region)
    period = r.get("rotation_period")
    d.need(period, "rotation_period", None, path="rotationPeriod")
    config = compact(
        {
            "name": r.get("id") if known(r.get("id")) else f"{ring_id}/cryptoKeys/{r.get('name')}",
            "purpose": r.get("purpose", default="ENCRYPT_DECRYPT"),
            "rotationPeriod": text(period),
        }
    )
    if isinstance(period, str) and period.endswith("s") and period[:-1].replace(".", "", 1).isdigit():
        # The next rotation is never further away than one period: the schedule the check
        # judges holds whatever the exact time turns out to be.
        config["nextRotationTime"] = after(ctx.now, float(period[:-1]))
        d.derive("nextRotationTime")
    d.config.update(config)
    return [d]


def _from_path(value: Any, segment: str) -> str | None:
    if not isinstance(value, str) or value == UNKNOWN:
        return None
    parts = value.split("/")
    if segment in parts and parts.index(segment) + 1 < len(parts):
        return parts[parts.index(segment) + 1]
    return None


@reg.translator("google_service_account_key", produces="iam.googleapis.com/ServiceAccountKey")
def service_account_key(ctx: Context, r: Planned) -> list[Draft]:
    account = r.get("service_account_id")
    project = _from_path(account, "projects")
    if project is None and isinstance(account, str) and "@" in account:
        project = account.split("@", 1)[1].split(".", 1)[0]
    d = g.new(
        ctx, r, "iam.googleapis.com/ServiceAccountKey", {}, project=project or g.project_of(ctx, r), region="global"
    )
    valid_after = r.get("valid_after")
    if r.created:
        valid_after = ctx.now  # created at apply: its age is zero whenever apply runs
        d.derive("validAfterTime")
    d.need(valid_after, "valid_after", None, path="validAfterTime")
    d.config.update(
        compact(
            {
                "name": r.get("name"),
                "keyAlgorithm": r.get("key_algorithm", default="KEY_ALG_RSA_2048"),
                "keyOrigin": "USER_PROVIDED" if text(r.get("public_key_data")) else "GOOGLE_PROVIDED",
                "keyType": "USER_MANAGED",
                "validAfterTime": valid_after,
                "validBeforeTime": text(r.get("valid_before")),
                "disabled": r.get("disabled") if isinstance(r.get("disabled"), bool) else None,
            }
        )
    )
    return [d]


# BigQuery, GKE, Logging, Storage -------------------------------------------------------------------
DATASET_CHILDREN = (
    "google_bigquery_dataset_access",
    "google_bigquery_dataset_iam_policy",
    "google_bigquery_dataset_iam_binding",
    "google_bigquery_dataset_iam_member",
)
_ACCESS_KEYS = {
    "special_group": "specialGroup",
    "iam_member": "iamMember",
    "user_by_email": "userByEmail",
    "group_by_email": "groupByEmail",
    "domain": "domain",
}


def _same_dataset(parent: Planned, child: Planned) -> bool:
    dataset = child.get("dataset_id")
    if dataset != parent.get("dataset_id"):
        return False
    project = child.get("project")
    return project in (None, parent.get("project")) or not known(project)


@reg.translator("google_bigquery_dataset", produces="bigquery.googleapis.com/Dataset", children=DATASET_CHILDREN)
def dataset(ctx: Context, r: Planned) -> list[Draft]:
    d = g.new(ctx, r, "bigquery.googleapis.com/Dataset", {})
    access = [_access(d, r, a) for a in r.blocks("access")]
    for a in d.join(
        ctx.children(r, "google_bigquery_dataset_access", "dataset_id", ("dataset_id",), match=_same_dataset)
    ):
        access.append(_access(d, a, a.values))
    d.config.update(
        compact(
            {
                "datasetReference": {"datasetId": r.get("dataset_id"), "projectId": d.account},
                "location": r.get("location"),
                "access": [a for a in access if a],
                "labels": r.get("labels") or None,
            }
        )
    )
    d.config["iamPolicy"] = g.iam_policy(
        ctx, d, r, "google_bigquery_dataset", "dataset_id", ("dataset_id",), match=_same_dataset
    )
    return [d]


def _access(d: Draft, holder: Planned, a: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"role": a.get("role")} if text(a.get("role")) else {}
    for tf, api in _ACCESS_KEYS.items():
        value = a.get(tf)
        if value == UNKNOWN and tf in ("iam_member", "special_group"):
            d.need(UNKNOWN, tf, g.IAM_API, where=holder)
        if text(value):
            entry[api] = value
    return entry


@reg.translator(
    "google_container_cluster", produces="container.googleapis.com/Cluster", children=("google_container_node_pool",)
)
def cluster(ctx: Context, r: Planned) -> list[Draft]:
    d = g.new(ctx, r, "container.googleapis.com/Cluster", {})
    private = r.block("private_cluster_config")
    authorized = r.block("master_authorized_networks_config")
    policy = r.block("network_policy")
    identity = r.block("workload_identity_config")
    pools = []
    if r.get("remove_default_node_pool") is not True and not r.blocks("node_pool"):
        pools.append(_pool(d, "default-pool", r.block("node_config")))
    for p in r.blocks("node_pool"):
        node_config = p.get("node_config")
        pools.append(_pool(d, p.get("name"), node_config[0] if isinstance(node_config, list) and node_config else {}))
    for p in d.join(ctx.children(r, "google_container_node_pool", "cluster", ("name", "id"))):
        pools.append(_pool(d, p.get("name"), p.block("node_config"), where=p))
    pool = identity.get("workload_pool") if identity else None
    # a workload pool known only after apply (built from a project id) is still a workload pool
    private_config = compact(
        {
            api: d.need(
                _set_or_none(r, private.get(tf), "private_cluster_config", tf),
                f"private_cluster_config.{tf}",
                None,
                path=f"privateClusterConfig.{api}",
            )
            for tf, api in (
                ("enable_private_nodes", "enablePrivateNodes"),
                ("enable_private_endpoint", "enablePrivateEndpoint"),
            )
        }
    )
    policy_enabled = d.need(policy.get("enabled"), "network_policy.enabled", None, path="networkPolicy.enabled")
    # datapath_provider left out is GKE's to choose (the legacy datapath unless Autopilot)
    datapath = d.need(
        _set_or_none(r, r.get("datapath_provider"), "datapath_provider"),
        "datapath_provider",
        None,
        path="networkConfig.datapathProvider",
    )
    # left out, a Standard cluster
    autopilot = d.need(
        _set_or_none(r, r.get("enable_autopilot"), "enable_autopilot"),
        "enable_autopilot",
        None,
        path="autopilot.enabled",
    )
    d.config.update(
        compact(
            {
                "name": r.get("name"),
                "location": r.get("location"),
                "privateClusterConfig": private_config if private else None,
                "masterAuthorizedNetworksConfig": {
                    "enabled": True,
                    "cidrBlocks": [
                        compact({"cidrBlock": b.get("cidr_block"), "displayName": text(b.get("display_name"))})
                        for b in authorized.get("cidr_blocks") or []
                        if isinstance(b, dict)
                    ],
                }
                if authorized
                else None,
                "networkPolicy": compact({"enabled": policy_enabled, "provider": text(policy.get("provider"))})
                if policy
                else None,
                "networkConfig": compact({"datapathProvider": text(datapath)}) or None,
                "autopilot": {"enabled": autopilot} if autopilot is True or autopilot == UNKNOWN else None,
                "legacyAbac": {"enabled": r.get("enable_legacy_abac") is True},
                "workloadIdentityConfig": {"workloadPool": pool} if text(pool) else None,
                "nodePools": pools,
            }
        )
    )
    return [d]


def _pool(d: Draft, name: Any, config: Any, where: Planned | None = None) -> dict[str, Any]:
    config = config if isinstance(config, dict) else {}
    meta = config.get("workload_metadata_config")
    meta = meta[0] if isinstance(meta, list) and meta else meta if isinstance(meta, dict) else {}
    # A block left to GKE is unknown as a whole (the cluster's default applies); a block whose
    # mode is set to a value known only after apply keeps the placeholder.
    mode = text(meta.get("mode")) if meta else None
    d.need(
        mode,
        "node_config.workload_metadata_config.mode",
        None,
        where=where,
        path="nodePools[].config.workloadMetadataConfig.mode",
    )
    return compact({"name": name, "config": {"workloadMetadataConfig": {"mode": mode}} if mode else {}})


SINKS = ("google_logging_project_sink", "google_logging_folder_sink", "google_logging_organization_sink")


@reg.translator(*SINKS, produces=LOG_SINK, context=True)
def sink(ctx: Context, r: Planned) -> list[Draft]:
    if r.type == "google_logging_project_sink":
        project = g.project_of(ctx, r)
        d = g.new(ctx, r, LOG_SINK, {}, project=project, region="global")
    elif r.type == "google_logging_folder_sink":
        ref = g.container_ref(ctx, r, "folder", "folders")
        d = g.new(ctx, r, LOG_SINK, {}, project=ref, region="global")
        d.config["ancestors"] = [ref] if ref else []
    else:
        ref = g.container_ref(ctx, r, "org_id", "organizations")
        d = g.new(ctx, r, LOG_SINK, {}, project=ref, region="global")
        d.config["ancestors"] = [ref] if ref else []
    d.need(r.get("filter"), "filter", None, path="filter")
    # flags known only after apply keep the placeholder (the check takes each the worst way)
    disabled = _flag(d.need(r.get("disabled"), "disabled", None, path="disabled"))
    include_children = _flag(d.need(r.get("include_children"), "include_children", None, path="includeChildren"))
    exclusions = []
    for i, x in enumerate(r.blocks("exclusions")):
        off = d.need(x.get("disabled"), f"exclusions[{i}].disabled", None, path="exclusions[].disabled")
        exclusions.append(compact({"name": x.get("name"), "filter": x.get("filter"), "disabled": _flag(off)}))
    d.config.update(
        compact(
            {
                "name": r.get("name"),
                "destination": r.get("destination"),
                "filter": r.get("filter") or None,
                "disabled": disabled,
                "includeChildren": include_children,
                "exclusions": exclusions or None,
                "writerIdentity": text(r.get("writer_identity")),
            }
        )
    )
    return [d]


def _flag(value: Any) -> Any:
    """A boolean flag as the API writes it (absent is false), the placeholder kept."""
    return value if value == UNKNOWN else value is True


BUCKET_CHILDREN = (
    "google_storage_bucket_iam_policy",
    "google_storage_bucket_iam_binding",
    "google_storage_bucket_iam_member",
    "google_storage_bucket_acl",
    "google_storage_default_object_acl",
    "google_storage_bucket_access_control",
    "google_storage_default_object_access_control",
)
_PREDEFINED = {
    "publicRead": [("allUsers", "READER")],
    "publicReadWrite": [("allUsers", "WRITER")],
    "authenticatedRead": [("allAuthenticatedUsers", "READER")],
}


@reg.translator("google_storage_bucket", produces="storage.googleapis.com/Bucket", children=BUCKET_CHILDREN)
def bucket(ctx: Context, r: Planned) -> list[Draft]:
    d = g.new(ctx, r, "storage.googleapis.com/Bucket", {})
    uniform = r.get("uniform_bucket_level_access", default=False)
    d.need(uniform, "uniform_bucket_level_access", None, path="iamConfiguration.uniformBucketLevelAccess.enabled")
    prevention = r.get("public_access_prevention")
    versioning = r.block("versioning")
    versioned = d.need(versioning.get("enabled"), "versioning.enabled", None, path="versioning.enabled")
    retention = r.block("retention_policy")
    period = retention.get("retention_period") if retention else None
    d.need(period, "retention_policy.retention_period", None, path="retentionPolicy.retentionPeriod")
    acl = _acl(ctx, d, r, "google_storage_bucket_acl", "google_storage_bucket_access_control")
    default_acl = _acl(ctx, d, r, "google_storage_default_object_acl", "google_storage_default_object_access_control")
    d.config.update(
        compact(
            {
                "name": r.get("name"),
                "location": r.get("location"),
                "storageClass": r.get("storage_class"),
                "iamConfiguration": compact(
                    {
                        "uniformBucketLevelAccess": {"enabled": uniform},
                        "publicAccessPrevention": text(prevention) or None,
                    }
                ),
                "versioning": {"enabled": _flag(versioned)} if versioning else None,
                "retentionPolicy": compact(
                    {
                        "retentionPeriod": str(period) if isinstance(period, int) else period,
                        "isLocked": retention.get("is_locked"),
                    }
                )
                if retention
                else None,
                "labels": r.get("labels") or None,
                "acl": acl,
                "defaultObjectAcl": default_acl,
            }
        )
    )
    d.config["iamPolicy"] = g.iam_policy(
        ctx, d, r, "google_storage_bucket", "bucket", ("name", "id"), match=_same_bucket
    )
    return [d]


def _same_bucket(parent: Planned, child: Planned) -> bool:
    value = child.get("bucket")
    return isinstance(value, str) and value.removeprefix("b/") in {str(parent.get("name")), str(parent.get("id"))}


def _acl(ctx: Context, d: Draft, r: Planned, acl_type: str, control_type: str) -> list[dict[str, Any]] | None:
    out: list[dict[str, Any]] = []
    for a in d.join(ctx.children(r, acl_type, "bucket", ("name", "id"), match=_same_bucket)):
        for entity, role in _PREDEFINED.get(str(a.get("predefined_acl")), []):
            out.append({"entity": entity, "role": role})
        for pair in strings(a.get("role_entity")):
            if pair == UNKNOWN:
                d.need(UNKNOWN, "role_entity", g.IAM_API, where=a)
                continue
            role, _, entity = pair.partition(":")
            out.append({"entity": entity, "role": role})
    for a in d.join(ctx.children(r, control_type, "bucket", ("name", "id"), match=_same_bucket)):
        d.need(a.get("entity"), "entity", g.IAM_API, where=a)
        out.append(compact({"entity": a.get("entity"), "role": a.get("role")}))
    return out or None


def aggregate(ctx: Context) -> list[Draft]:
    return [*organizations(ctx), *compute_projects(ctx)]


def finalize(ctx: Context, drafts: list[Draft]) -> None:
    return None


TRANSLATORS = reg.translators
CHILD_TYPES = frozenset(reg.children)
CONTEXT_TYPES = frozenset(reg.context)
TABLE = dict(reg.table)
NO_EQUIVALENT: dict[str, str] = {}
