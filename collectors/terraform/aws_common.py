"""What every AWS translator shares: where a resource lives, its tags, policy documents.

Account and region come from the resource's provider configuration in the plan: `region`
(a constant, or a root variable), the account from `allowed_account_ids` (exactly one) or
from the ARN of `assume_role.role_arn`. A resource that sets its own `region` (AWS provider
6) uses it. Without them the account is unknown (`null`) and the region `unknown`.
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.terraform.draft import Context, Draft
from attestkit.collectors.terraform.plan import Planned, Ref
from attestkit.collectors.terraform.registry import Registry
from attestkit.collectors.terraform.values import UNKNOWN, known, parse_json

PROVIDER = "aws"
UNKNOWN_REGION = "unknown"

registry = Registry()


def place(ctx: Context, r: Planned) -> tuple[str | None, str]:
    exprs = ctx.plan.provider_expressions(r)
    region = r.get("region")
    if not (isinstance(region, str) and known(region) and region):
        region = ctx.plan.constant(exprs.get("region"))
    if not (isinstance(region, str) and known(region) and region):
        region = UNKNOWN_REGION
    account = None
    allowed = ctx.plan.constant(exprs.get("allowed_account_ids"))
    if isinstance(allowed, list) and len(allowed) == 1 and isinstance(allowed[0], str):
        account = allowed[0]
    if account is None:
        assume = exprs.get("assume_role")
        if isinstance(assume, list) and assume and isinstance(assume[0], dict):
            arn = ctx.plan.constant(assume[0].get("role_arn"))
            if isinstance(arn, str) and arn.count(":") >= 5 and arn != UNKNOWN:
                account = arn.split(":")[4] or None
    return account, region


def new(ctx: Context, r: Planned, rtype: str, config: dict[str, Any], *, global_: bool = False) -> Draft:
    account, region = place(ctx, r)
    return Draft(
        provider=PROVIDER,
        type=rtype,
        r=r,
        config=config,
        account=account,
        region="global" if global_ else region,
        tags=tags_of(r),
    )


def tags_of(r: Planned) -> dict[str, Any]:
    for key in ("tags_all", "tags"):
        value = r.get(key)
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if isinstance(v, str)}
    return {}


def same_place(ctx: Context, a: Planned, b: Planned) -> bool:
    return place(ctx, a) == place(ctx, b)


def named_here(ctx: Context, *parent_attrs: str, attr: str) -> Any:
    """A `match` for joins by a name that is unique per region only (a recorder, a vault, a
    function): the child's `attr` equals one of the parent's `parent_attrs`, in the same
    account and region."""

    def match(parent: Planned, child: Planned) -> bool:
        value = child.get(attr)
        names = {parent.get(a) for a in parent_attrs}
        return value in names and same_place(ctx, parent, child)

    return match


def flag(value: Any) -> Any:
    """A Terraform boolean as written, UNKNOWN kept; unset is False (the API's default)."""
    if value is None:
        return False
    return value


# Policy documents ---------------------------------------------------------------------------
# Condition keys that, with fixed values, make a statement non-public (S3 "The meaning of public").
_RESTRICTING_KEYS = {
    "aws:principalaccount",
    "aws:principalarn",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceowner",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:userid",
    "s3:dataaccesspointarn",
    "s3:dataaccesspointaccount",
    "lambda:functionurlauthtype",
}


def statements(doc: Any) -> list[dict[str, Any]]:
    if not isinstance(doc, dict):
        return []
    s = doc.get("Statement")
    if isinstance(s, dict):
        return [s]
    return [x for x in s if isinstance(x, dict)] if isinstance(s, list) else []


def _public_principal(p: Any) -> bool | None:
    if p == UNKNOWN:
        return None
    if p == "*":
        return True
    if isinstance(p, dict):
        aws = p.get("AWS")
        if aws == UNKNOWN:
            return None
        if aws == "*" or (isinstance(aws, list) and "*" in aws):
            return True
        if isinstance(aws, list) and UNKNOWN in aws:
            return None
    return False


def policy_is_public(doc: Any) -> bool | None:
    """S3's policy status: public when an Allow grants to everyone without a restricting
    condition. None when that depends on a value known only after apply."""
    maybe = False
    for s in statements(doc):
        effect = s.get("Effect")
        if effect == "Deny":
            continue
        public = _public_principal(s.get("Principal"))
        if public is False:
            continue
        condition = s.get("Condition")
        if condition == UNKNOWN:
            maybe = True
            continue
        keys = {k.lower() for ops in (condition or {}).values() if isinstance(ops, dict) for k in ops}
        if keys & _RESTRICTING_KEYS:
            continue
        if public is None or effect == UNKNOWN:
            maybe = True
            continue
        return True
    return None if maybe else False


def grants_all(doc: Any) -> bool | None:
    """An IAM document allowing "*" on "*"; None when it depends on an unknown value."""
    maybe = False
    for s in statements(doc):
        verdicts = [s.get("Effect") == "Allow" if s.get("Effect") != UNKNOWN else None]
        for key in ("Action", "Resource"):
            v = s.get(key)
            if v == UNKNOWN or (isinstance(v, list) and UNKNOWN in v and "*" not in v):
                verdicts.append(None)
            else:
                verdicts.append(v == "*" or (isinstance(v, list) and "*" in v))
        if all(v is True for v in verdicts):
            return True
        if False not in verdicts:
            maybe = True
    return None if maybe else False


def document(ctx: Context, holder: Planned, attr: str) -> Any:
    """The JSON document in `holder.attr`; when known only after apply, the document rebuilt
    from the `aws_iam_policy_document` data source it comes from (constants kept, anything
    else UNKNOWN); UNKNOWN when neither is possible."""
    value = holder.get(attr)
    if value != UNKNOWN:
        return parse_json(value)
    for ref in holder.refs(attr):
        if ref.mode == "data" and ref.type == "aws_iam_policy_document":
            rebuilt = _document_from_config(ctx, ref)
            if rebuilt is not None:
                return rebuilt
    return UNKNOWN


def _const(ctx: Context, expr: Any) -> Any:
    if not isinstance(expr, dict):
        return None
    value = ctx.plan.constant(expr)
    return value


def _principal(ctx: Context, principals: list[dict[str, Any]]) -> dict[str, list[Any]] | str:
    """A policy document's `principals` blocks as IAM's `Principal`: `"*"` for anyone, UNKNOWN
    when a principal type is known only after apply, else identifiers by type."""
    out: dict[str, list[Any]] = {}
    for p in principals:
        ptype = _const(ctx, p.get("type"))
        ids = _const(ctx, p.get("identifiers"))
        if not isinstance(ptype, str) or ptype == UNKNOWN:
            return UNKNOWN
        if ptype == "*" and isinstance(ids, list) and ids == ["*"]:
            return "*"
        out.setdefault(ptype, []).extend(ids if isinstance(ids, list) else [UNKNOWN])
    return out


def _document_from_config(ctx: Context, ref: Ref) -> dict[str, Any] | None:
    values = ctx.plan.data_values(ref)
    if values and isinstance(values.get("json"), str):
        return parse_json(values["json"])
    cfg = ctx.plan.data_config(ref)
    if not cfg:
        return None
    exprs = cfg.get("expressions") or {}
    if any(
        k in exprs for k in ("source_policy_documents", "override_policy_documents", "source_json", "override_json")
    ):
        return None
    out = []
    for s in exprs.get("statement") or []:
        if not isinstance(s, dict):
            continue
        effect = _const(ctx, s.get("effect")) if "effect" in s else "Allow"
        statement: dict[str, Any] = {"Effect": effect if effect is not None else "Allow"}
        sid = _const(ctx, s.get("sid"))
        if isinstance(sid, str):
            statement["Sid"] = sid
        for key, tf in (("Action", "actions"), ("Resource", "resources"), ("NotAction", "not_actions")):
            if tf in s:
                v = _const(ctx, s[tf])
                statement[key] = v if v is not None else UNKNOWN
        principals = s.get("principals")
        if isinstance(principals, list) and principals:
            statement["Principal"] = _principal(ctx, principals)
        conditions = s.get("condition")
        if isinstance(conditions, list) and conditions:
            cond: Any = {}
            for c in conditions:
                test = _const(ctx, c.get("test"))
                variable = _const(ctx, c.get("variable"))
                vals = _const(ctx, c.get("values"))
                if not isinstance(test, str) or not isinstance(variable, str) or UNKNOWN in (test, variable):
                    cond = UNKNOWN
                    break
                cond.setdefault(test, {})[variable] = vals if vals is not None else UNKNOWN
            statement["Condition"] = cond
        out.append(statement)
    if not out:
        return None
    return {"Version": "2012-10-17", "Statement": out}
