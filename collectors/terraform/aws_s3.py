"""S3: buckets with their split configuration resources, and the account-level block.

`aws_s3_bucket` is joined with every `aws_s3_bucket_*` resource naming it (`bucket`): server
side encryption, public access block, policy, ACL, versioning, logging. The inline arguments
of provider versions before 4 (`acl`, `versioning`, `logging`, `policy`,
`server_side_encryption_configuration`) are read when no split resource is in the plan.
A bucket created without an encryption resource gets SSE-S3 (AES256), as S3 does for every
new bucket since January 2023 (`_terraform.derived` says so).
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.terraform import aws_common as c
from attestkit.collectors.terraform.draft import Context, Draft
from attestkit.collectors.terraform.plan import Planned
from attestkit.collectors.terraform.values import UNKNOWN, compact, text

reg = c.registry

BUCKET = "AWS::S3::Bucket"
ACCOUNT_BLOCK = "AWS::S3::AccountPublicAccessBlock"
FLAGS = (
    ("BlockPublicAcls", "block_public_acls"),
    ("IgnorePublicAcls", "ignore_public_acls"),
    ("BlockPublicPolicy", "block_public_policy"),
    ("RestrictPublicBuckets", "restrict_public_buckets"),
)
_ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
_AUTHENTICATED = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
_LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery"
_CANNED = {
    "private": [],
    "bucket-owner-read": [],
    "bucket-owner-full-control": [],
    "aws-exec-read": [],
    "public-read": [(_ALL_USERS, "READ")],
    "public-read-write": [(_ALL_USERS, "READ"), (_ALL_USERS, "WRITE")],
    "authenticated-read": [(_AUTHENTICATED, "READ")],
    "log-delivery-write": [(_LOG_DELIVERY, "WRITE"), (_LOG_DELIVERY, "READ_ACP")],
}
CHILDREN = (
    "aws_s3_bucket_server_side_encryption_configuration",
    "aws_s3_bucket_public_access_block",
    "aws_s3_bucket_policy",
    "aws_s3_bucket_acl",
    "aws_s3_bucket_versioning",
    "aws_s3_bucket_logging",
)


@reg.translator("aws_s3_bucket", produces=BUCKET, children=CHILDREN)
def bucket(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, BUCKET, {"Name": r.get("bucket")})
    region = r.get("region")
    if not (isinstance(region, str) and region not in ("", UNKNOWN)):
        region = d.region
    d.region = region

    def joined(tf_type: str) -> list[Planned]:
        return d.join(ctx.children(r, tf_type, "bucket", ("id", "bucket")))

    d.config["ServerSideEncryptionConfiguration"] = _encryption(d, r, joined(CHILDREN[0]))
    d.config["PublicAccessBlockConfiguration"] = _public_access_block(d, joined(CHILDREN[1]))
    d.config["PolicyStatus"] = _policy_status(ctx, d, r, joined(CHILDREN[2]))
    grants = _grants(d, r, joined(CHILDREN[3]))
    d.config["Grants"] = grants
    d.config["Versioning"] = _versioning(d, r, joined(CHILDREN[4]))
    d.config["LoggingEnabled"] = _logging(r, joined(CHILDREN[5]))
    return [d]


def _encryption(d: Draft, r: Planned, resources: list[Planned]) -> Any:
    api = "s3:GetBucketEncryption"
    if resources:
        rules = []
        for holder in resources:
            for i, rule in enumerate(holder.blocks("rule")):
                rules.append(_sse_rule(d, holder, rule, f"rule[{i}]", api))
            if holder.get("rule") == UNKNOWN:
                d.need(UNKNOWN, "rule", api, where=holder)
        return {"Rules": rules}
    inline = r.get("server_side_encryption_configuration")
    if isinstance(inline, list) and inline:
        rules = []
        for block in inline:
            for i, rule in enumerate((block.get("rule") or []) if isinstance(block, dict) else []):
                if isinstance(rule, dict):
                    rules.append(_sse_rule(d, r, rule, f"server_side_encryption_configuration[0].rule[{i}]", api))
        return {"Rules": rules}
    if r.created:
        d.derive("ServerSideEncryptionConfiguration")
        return {
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}, "BucketKeyEnabled": False}]
        }
    if inline == UNKNOWN:
        d.need(UNKNOWN, "server_side_encryption_configuration", api)
        return UNKNOWN
    return None


def _sse_rule(d: Draft, holder: Planned, rule: dict[str, Any], path: str, api: str) -> dict[str, Any]:
    default = rule.get("apply_server_side_encryption_by_default")
    if default == UNKNOWN:
        d.need(UNKNOWN, f"{path}.apply_server_side_encryption_by_default", api, where=holder)
        default = {}
    if isinstance(default, list):
        default = default[0] if default else {}
    algorithm = default.get("sse_algorithm") if isinstance(default, dict) else None
    d.need(algorithm, f"{path}.apply_server_side_encryption_by_default.sse_algorithm", api, where=holder)
    out: dict[str, Any] = {}
    if algorithm is not None:
        out["ApplyServerSideEncryptionByDefault"] = compact(
            {"SSEAlgorithm": algorithm, "KMSMasterKeyID": text(default.get("kms_master_key_id"))}
        )
    out["BucketKeyEnabled"] = rule.get("bucket_key_enabled") is True
    return out


def _public_access_block(d: Draft, resources: list[Planned]) -> Any:
    if not resources:
        return None
    holder = resources[0]
    out = {}
    for key, tf in FLAGS:
        value = holder.get(tf)
        d.need(value, tf, "s3:GetPublicAccessBlock", where=holder)
        out[key] = c.flag(value)
    return out


def _policy_status(ctx: Context, d: Draft, r: Planned, resources: list[Planned]) -> Any:
    api = "s3:GetBucketPolicyStatus"
    holder = resources[0] if resources else None
    if holder is None:
        inline = r.get("policy")
        if not isinstance(inline, str) or inline == "" or (inline == UNKNOWN and r.created):
            return None  # no policy: the API's NoSuchBucketPolicy
        holder = r
    doc = c.document(ctx, holder, "policy")
    if doc == UNKNOWN:
        d.need(UNKNOWN, "policy", api, where=holder)
        return {"IsPublic": UNKNOWN}
    if doc is None:
        return None
    public = c.policy_is_public(doc)
    if public is None:
        d.need(UNKNOWN, "policy (principal or condition)", api, where=holder)
        return {"IsPublic": UNKNOWN}
    return {"IsPublic": public}


def _grants(d: Draft, r: Planned, resources: list[Planned]) -> list[dict[str, Any]]:
    api = "s3:GetBucketAcl"
    if resources:
        holder = resources[0]
        canned = holder.get("acl")
        policy = holder.block("access_control_policy")
        if policy:
            return _explicit_grants(d, holder, policy.get("grant"), api)
        return _canned(d, holder, canned, "acl", api)
    inline = r.get("acl")
    if isinstance(inline, str) and inline not in ("", UNKNOWN):
        return _canned(d, r, inline, "acl", api)
    grants = r.get("grant")
    if isinstance(grants, list) and grants:
        return _explicit_grants(d, r, grants, api, legacy=True)
    return []


def _canned(d: Draft, holder: Planned, canned: Any, path: str, api: str) -> list[dict[str, Any]]:
    d.need(canned, path, api, where=holder)
    if not isinstance(canned, str) or canned == UNKNOWN:
        return []
    return [{"Grantee": {"Type": "Group", "URI": uri}, "Permission": perm} for uri, perm in _CANNED.get(canned, [])]


def _explicit_grants(d: Draft, holder: Planned, grants: Any, api: str, legacy: bool = False) -> list[dict[str, Any]]:
    if grants == UNKNOWN:
        d.need(UNKNOWN, "access_control_policy.grant", api, where=holder)
        return []
    out = []
    for g in grants if isinstance(grants, list) else []:
        if not isinstance(g, dict):
            continue
        if legacy:  # provider < 4: grant { type, uri, id, permissions = [...] }
            grantee = compact({"Type": g.get("type"), "URI": text(g.get("uri")), "ID": text(g.get("id"))})
            for perm in g.get("permissions") or []:
                out.append({"Grantee": grantee, "Permission": perm})
            continue
        grantee_block = g.get("grantee")
        if isinstance(grantee_block, list):
            grantee_block = grantee_block[0] if grantee_block else {}
        grantee_block = grantee_block if isinstance(grantee_block, dict) else {}
        uri = grantee_block.get("uri")
        d.need(uri, "access_control_policy.grant.grantee.uri", api, where=holder)
        grantee = compact(
            {
                "Type": grantee_block.get("type"),
                "URI": text(uri),
                "ID": text(grantee_block.get("id")),
                "EmailAddress": text(grantee_block.get("email_address")),
            }
        )
        out.append({"Grantee": grantee, "Permission": g.get("permission")})
    return out


def _versioning(d: Draft, r: Planned, resources: list[Planned]) -> dict[str, Any]:
    api = "s3:GetBucketVersioning"
    if resources:
        holder = resources[0]
        block = holder.block("versioning_configuration")
        status = block.get("status") if block else holder.get("versioning_configuration")
        d.need(status, "versioning_configuration.status", api, where=holder)
        out: dict[str, Any] = {}
        if status in ("Enabled", "Suspended", UNKNOWN):
            out["Status"] = status
        mfa = block.get("mfa_delete") if block else None
        if mfa in ("Enabled", "Disabled"):
            out["MFADelete"] = mfa
        return out
    inline = r.block("versioning")
    if inline.get("enabled") is True:
        return {"Status": "Enabled", "MFADelete": "Enabled" if inline.get("mfa_delete") is True else "Disabled"}
    if inline.get("enabled") is False and r.before_get("versioning"):
        before = r.before_get("versioning")
        was = before[0] if isinstance(before, list) and before else {}
        if isinstance(was, dict) and was.get("enabled") is True:
            return {"Status": "Suspended"}
    return {}


def _logging(r: Planned, resources: list[Planned]) -> Any:
    holder_block: dict[str, Any] | None = None
    if resources:
        holder = resources[0]
        holder_block = {"target_bucket": holder.get("target_bucket"), "target_prefix": holder.get("target_prefix")}
    else:
        inline = r.block("logging")
        if inline:
            holder_block = inline
    if not holder_block or not text(holder_block.get("target_bucket")):
        return None
    return {"TargetBucket": holder_block.get("target_bucket"), "TargetPrefix": holder_block.get("target_prefix") or ""}


@reg.translator("aws_s3_account_public_access_block", produces=ACCOUNT_BLOCK)
def account_block(ctx: Context, r: Planned) -> list[Draft]:
    d = c.new(ctx, r, ACCOUNT_BLOCK, {}, global_=True)
    if isinstance(r.get("account_id"), str) and r.get("account_id") not in ("", UNKNOWN):
        d.account = r.get("account_id")
    flags = {}
    for key, tf in FLAGS:
        value = r.get(tf)
        d.need(value, tf, "s3control:GetPublicAccessBlock")
        flags[key] = c.flag(value)
    d.config["PublicAccessBlockConfiguration"] = flags
    return [d]


def finalize(ctx: Context, drafts: list[Draft]) -> None:
    """Buckets whose own block leaves a flag off are judged with the account-level block:
    written (even unchanged) when the plan has it, else an error naming it."""
    blocks = [d for d in drafts if d.type == ACCOUNT_BLOCK]
    deleted_accounts = {
        c.place(ctx, r)[0] for r in ctx.plan.by_type.get("aws_s3_account_public_access_block", []) if r.gone
    }
    for b in drafts:
        if b.type != BUCKET or not b.changed:
            continue
        own = b.config.get("PublicAccessBlockConfiguration") or {}
        if all(own.get(k) is True for k, _ in FLAGS):
            continue
        same = [a for a in blocks if a.account == b.account]
        if same:
            for a in same:
                a.keep = True
        elif b.account not in deleted_accounts:
            b.not_in_plan(
                "s3:GetPublicAccessBlock",
                "the bucket's own public access block does not turn on all four flags and the account-level "
                "block (aws_s3_account_public_access_block) is not in the plan",
            )
