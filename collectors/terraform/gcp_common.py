"""What the GCP translators share: projects and ancestry, IAM policies, organization policies.

`config` is the Cloud Asset `resource.data` vocabulary (the REST API's camelCase) plus
`ancestors`, `iamPolicy` and `orgPolicy`, as docs/resources/gcp.md describes. Container ids
that exist only after apply (a folder the plan creates) are written `folders/<plan address>`,
so the resources inside them still find their ancestry.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from attestkit.collectors.gcp.sanitize import METADATA_FLAGS, REDACTED
from attestkit.collectors.terraform.draft import Context, Draft, JoinParent
from attestkit.collectors.terraform.plan import Planned
from attestkit.collectors.terraform.registry import Registry
from attestkit.collectors.terraform.values import UNKNOWN, known, parse_json, strings, text

PROVIDER = "gcp"
IAM_API = "cloudasset:ListAssets[IAM_POLICY]"
ORG_POLICY_API = "cloudasset:ListAssets[ORG_POLICY]"
BASIC_ROLES = {"roles/owner", "roles/editor"}

registry = Registry()


def project_of(ctx: Context, r: Planned) -> Any:
    project = r.get("project")
    if isinstance(project, str) and known(project) and project:
        return project.removeprefix("projects/")
    value = ctx.plan.constant(ctx.plan.provider_expressions(r).get("project"))
    return value if isinstance(value, str) and known(value) else None


def location_of(r: Planned) -> str:
    for key in ("location", "region", "zone"):
        value = r.get(key)
        if isinstance(value, str) and known(value) and value:
            return value.rsplit("/", 1)[-1].lower()
    return "global"


def new(
    ctx: Context, r: Planned, rtype: str, config: dict[str, Any], *, project: Any = None, region: str | None = None
) -> Draft:
    project = project if project is not None else project_of(ctx, r)
    labels = r.get("effective_labels") if isinstance(r.get("effective_labels"), dict) else r.get("labels")
    d = Draft(
        provider=PROVIDER,
        type=rtype,
        r=r,
        config=config,
        account=project,
        region=region or location_of(r),
        tags={k: v for k, v in (labels or {}).items() if isinstance(v, str) and not k.startswith("goog-")}
        if isinstance(labels, dict)
        else {},
    )
    d.config["ancestors"] = ancestors(ctx, project)
    return d


# Hierarchy ---------------------------------------------------------------------------------------
def container_ref(ctx: Context, r: Planned, attr: str, kind: str) -> str | None:
    """`folders/N` / `organizations/N` for an attribute naming a container, or
    `<kind>/<plan address>` for one the plan creates (its id is known only after apply)."""
    value = r.get(attr)
    if isinstance(value, str) and known(value) and value:
        return value if value.startswith(f"{kind}/") else f"{kind}/{value}"
    if value == UNKNOWN:
        targets = ctx.plan.referenced(r.refs(attr), ["google_folder"] if kind == "folders" else None)
        if targets:
            return folder_ref(targets[0])
        return f"{kind}/{UNKNOWN}"
    return None


def folder_ref(folder: Planned) -> str:
    name = folder.get("name")
    if isinstance(name, str) and known(name) and name.startswith("folders/"):
        return name
    folder_id = folder.get("folder_id")
    if isinstance(folder_id, str) and known(folder_id) and folder_id:
        return f"folders/{folder_id}"
    return f"folders/{folder.address}"


def folder_parent(ctx: Context, folder: Planned) -> str | None:
    parent = folder.get("parent")
    if isinstance(parent, str) and known(parent) and parent:
        return parent
    if parent == UNKNOWN:
        targets = ctx.plan.referenced(folder.refs("parent"), ["google_folder"])
        return folder_ref(targets[0]) if targets else None
    return None


def planned_project(ctx: Context, project: Any) -> Planned | None:
    for p in ctx.plan.by_type.get("google_project", []):
        if not p.gone and p.get("project_id") == project:
            return p
    return None


def ancestors(ctx: Context, project: Any) -> list[str]:
    """`projects/<project id>` then, when the plan holds the project, its folders and organization."""
    if not isinstance(project, str):
        return []
    out = [f"projects/{project}"]
    p = planned_project(ctx, project)
    if p is not None:
        out += container_chain(ctx, p)
    return out


def container_chain(ctx: Context, p: Planned) -> list[str]:
    """The containers above a planned project or folder, nearest first, as far as the plan says."""
    chain: list[str] = []
    if p.type == "google_project":
        first = container_ref(ctx, p, "folder_id", "folders") or container_ref(ctx, p, "org_id", "organizations")
    else:
        first = folder_parent(ctx, p)
    seen = 0
    while first and seen < 20:
        chain.append(first)
        seen += 1
        folder = next(
            (f for f in ctx.plan.by_type.get("google_folder", []) if not f.gone and folder_ref(f) == first), None
        )
        first = folder_parent(ctx, folder) if folder is not None else None
    return chain


# IAM -------------------------------------------------------------------------------------------------
def iam_policy(
    ctx: Context,
    d: Draft,
    parent: JoinParent,
    prefix: str,
    attr: str,
    parent_attrs: tuple[str, ...],
    *,
    audit: bool = False,
    match: Any = None,
) -> dict[str, Any] | None:
    """The IAM policy Terraform leaves on `parent`: `<prefix>_iam_policy` (authoritative), then
    `_iam_binding` (authoritative per role) and `_iam_member`, and audit configs. None when
    Terraform manages none of it."""
    types = [f"{prefix}_iam_policy", f"{prefix}_iam_binding", f"{prefix}_iam_member"]
    if audit:
        types.append(f"{prefix}_iam_audit_config")
    found: dict[str, list[Planned]] = {}
    for t in types:
        found[t] = d.join(ctx.children(parent, t, attr, parent_attrs, match=match))
    if not any(found.values()):
        return None
    roles: dict[str, list[str]] = defaultdict(list)
    audit_configs: dict[str, dict[str, Any]] = {}
    for p in found[types[0]]:
        doc = parse_json(p.get("policy_data"))
        if doc == UNKNOWN:
            d.need(UNKNOWN, "policy_data", IAM_API, where=p)
            continue
        for b in (doc or {}).get("bindings") or []:
            for m in b.get("members") or []:
                if m not in roles[b.get("role")]:
                    roles[b.get("role")].append(m)
        for a in (doc or {}).get("auditConfigs") or []:
            audit_configs[a.get("service")] = a
    for b in found[types[1]]:
        role = b.get("role")
        roles[role] = []
        for m in strings(b.get("members")):
            _member(d, b, role, m, roles)
    for m in found[types[2]]:
        _member(d, m, m.get("role"), m.get("member"), roles)
    if audit:
        for a in found[types[3]]:
            service = a.get("service")
            configs = [
                {
                    "logType": x.get("log_type"),
                    **(
                        {"exemptedMembers": strings(x.get("exempted_members"))}
                        if strings(x.get("exempted_members"))
                        else {}
                    ),
                }
                for x in a.blocks("audit_log_config")
            ]
            d.need(service, "service", IAM_API, where=a)
            audit_configs[service] = {"service": service, "auditLogConfigs": configs}
    policy: dict[str, Any] = {
        "version": 1,
        "bindings": [
            {"role": role, "members": sorted(members)}
            for role, members in sorted(roles.items(), key=lambda x: str(x[0]))
            if members
        ],
    }
    if audit_configs:
        policy["auditConfigs"] = [audit_configs[k] for k in sorted(audit_configs, key=str)]
    return policy


def _member(d: Draft, holder: Planned, role: Any, member: Any, roles: dict[str, list[str]]) -> None:
    if role == UNKNOWN or (member == UNKNOWN and role in BASIC_ROLES):
        d.need(UNKNOWN, "member" if role != UNKNOWN else "role", IAM_API, where=holder)
    if isinstance(member, str) and member not in roles[role]:
        roles[role].append(member)


# Organization policies -----------------------------------------------------------------------------
def org_policies(
    ctx: Context, d: Draft, parent_ref: str, legacy_type: str, legacy_attr: str, legacy_value: Any
) -> list[dict[str, Any]] | None:
    """Organization policies set on a project, folder or organization, in the v1 shape the
    Cloud Asset Inventory ORG_POLICY content uses (`constraint`, `booleanPolicy.enforced`,
    `restoreDefault`). From `google_org_policy_policy` (parent) and the legacy
    `google_<level>_organization_policy` resources."""
    out: list[dict[str, Any]] = []
    for p in ctx.plan.by_type.get("google_org_policy_policy", []):
        parent = p.get("parent")
        if p.gone:
            continue
        if parent == UNKNOWN:
            if not _refers_to(ctx, p, d.r):
                continue
        elif not isinstance(parent, str) or _norm(parent) != _norm(parent_ref):
            continue
        d.join(([p], []))
        ctx.consumed.add(p.address)
        name = p.get("name")
        constraint = (
            "constraints/" + name.rsplit("/policies/", 1)[-1]
            if isinstance(name, str) and "/policies/" in name
            else UNKNOWN
        )
        spec = p.block("spec")
        entry: dict[str, Any] = {"constraint": constraint}
        if spec.get("reset") is True:
            entry["restoreDefault"] = {}
        else:
            rules = [x for x in spec.get("rules") or [] if isinstance(x, dict)]
            enforce = next((x.get("enforce") for x in rules if x.get("enforce") not in (None, "")), None)
            d.need(enforce, "spec.rules.enforce", ORG_POLICY_API, where=p)
            if enforce is not None:
                entry["booleanPolicy"] = {"enforced": str(enforce).upper() == "TRUE"}
        out.append(entry)
    for p in ctx.plan.by_type.get(legacy_type, []):
        value = p.get(legacy_attr)
        if p.gone or not (
            value == legacy_value or (isinstance(value, str) and _norm(value) == _norm(str(legacy_value)))
        ):
            continue
        d.join(([p], []))
        ctx.consumed.add(p.address)
        entry = {"constraint": p.get("constraint")}
        boolean = p.block("boolean_policy")
        restore = p.block("restore_policy")
        if restore:
            entry["restoreDefault"] = {}
        elif boolean:
            entry["booleanPolicy"] = {"enforced": boolean.get("enforced") is True}
        out.append(entry)
    return out or None


def _norm(value: str) -> str:
    return value.lower().rstrip("/")


def _refers_to(ctx: Context, child: Planned, parent: Planned) -> bool:
    return parent in ctx.plan.referenced(child.refs("parent"), [parent.type])


def sanitize_metadata(items: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Instance or project metadata as `items[{key, value}]`, values kept only for setting flags."""
    out = []
    for key, value in sorted((items or {}).items()):
        out.append({"key": key, "value": value if key in METADATA_FLAGS else REDACTED})
    return out


def scopes(values: Any) -> list[str]:
    """Scope aliases (`cloud-platform`) as the full URLs the API returns."""
    out = []
    for s in strings(values):
        if s == UNKNOWN or s.startswith("https://"):
            out.append(s)
        else:
            out.append(_SCOPE_ALIASES.get(s, f"https://www.googleapis.com/auth/{s}"))
    return out


_SCOPE_ALIASES = {
    "bigquery": "https://www.googleapis.com/auth/bigquery",
    "cloud-platform": "https://www.googleapis.com/auth/cloud-platform",
    "cloud-source-repos": "https://www.googleapis.com/auth/source.full_control",
    "cloud-source-repos-ro": "https://www.googleapis.com/auth/source.read_only",
    "compute-ro": "https://www.googleapis.com/auth/compute.readonly",
    "compute-rw": "https://www.googleapis.com/auth/compute",
    "datastore": "https://www.googleapis.com/auth/datastore",
    "logging-write": "https://www.googleapis.com/auth/logging.write",
    "monitoring": "https://www.googleapis.com/auth/monitoring",
    "monitoring-read": "https://www.googleapis.com/auth/monitoring.read",
    "monitoring-write": "https://www.googleapis.com/auth/monitoring.write",
    "pubsub": "https://www.googleapis.com/auth/pubsub",
    "service-control": "https://www.googleapis.com/auth/servicecontrol",
    "service-management": "https://www.googleapis.com/auth/service.management.readonly",
    "sql-admin": "https://www.googleapis.com/auth/sqlservice.admin",
    "storage-full": "https://www.googleapis.com/auth/devstorage.full_control",
    "storage-ro": "https://www.googleapis.com/auth/devstorage.read_only",
    "storage-rw": "https://www.googleapis.com/auth/devstorage.read_write",
    "taskqueue": "https://www.googleapis.com/auth/taskqueue",
    "trace": "https://www.googleapis.com/auth/trace.append",
    "userinfo-email": "https://www.googleapis.com/auth/userinfo.email",
}


def known_text(value: Any) -> str | None:
    v = text(value)
    return v if v and v != UNKNOWN else None
