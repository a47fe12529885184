"""IAM (global): customer managed policies with the document of their default version.

`AWS::IAM::ManagedPolicy`: id the policy ARN, region `global`; config the
`ListPolicies(Scope="Local")` item (`PolicyName`, `Arn`, `DefaultVersionId`,
`AttachmentCount`, ...) and, under `PolicyVersion`, the `GetPolicyVersion` answer for the
default version (`VersionId`, `IsDefaultVersion`, `Document` as a JSON object). AWS managed
policies are not collected. Versions are read concurrently.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import GLOBAL, Context, Service

MANAGED_POLICY = "AWS::IAM::ManagedPolicy"


def decoded(version: dict[str, Any]) -> dict[str, Any]:
    """A policy version whose `Document` is an object (IAM returns it URL-encoded JSON text;
    boto3 usually decodes it already)."""
    document = version.get("Document")
    if isinstance(document, str):
        try:
            document = json.loads(unquote(document))
        except ValueError:
            pass
    return {**version, "Document": document}


def collect(ctx: Context) -> None:
    iam = ctx.client("iam")
    with ctx.listing(MANAGED_POLICY):
        policies = paginate(iam, "ListPolicies", "Policies", Scope="Local")
        ctx.map(lambda policy: _policy(ctx, iam, policy), policies)


def _policy(ctx: Context, iam: Any, listed: dict[str, Any]) -> None:
    arn = listed["Arn"]
    draft = ctx.item(MANAGED_POLICY, arn, listed, name=listed.get("PolicyName"), region=GLOBAL)
    draft.read(
        "PolicyVersion",
        iam,
        "GetPolicyVersion",
        pick=lambda r: decoded(r["PolicyVersion"]),
        PolicyArn=arn,
        VersionId=listed["DefaultVersionId"],
    )
    ctx.add(draft)


SERVICE = Service(
    name="iam",
    regional=False,
    resource_types=(MANAGED_POLICY,),
    operations={
        "iam:ListPolicies": "iam:ListPolicies",
        "iam:GetPolicyVersion": "iam:GetPolicyVersion",
    },
    collect=collect,
)
