"""The account itself: who we are (sts:GetCallerIdentity) and its IAM account summary.

`AWS::Account` (an attestkit type): id `arn:<partition>:iam::<account>:root`, region `global`,
config `{"AccountId", "AccountSummary"}` (the `SummaryMap` of iam:GetAccountSummary; root MFA
and root access keys are judged from it).
"""

from __future__ import annotations

from dataclasses import dataclass

from attestkit.collectors.aws.calls import ApiFailure, call
from attestkit.collectors.aws.context import Context, Service
from attestkit.collectors.aws.session import ClientFactory
from attestkit.errors import CollectionFailed

ACCOUNT = "AWS::Account"


@dataclass(frozen=True)
class Identity:
    account: str
    partition: str
    arn: str


def caller_identity(clients: ClientFactory) -> Identity:
    """Who the credentials belong to; `CollectionFailed` (exit 3) when there is nobody to ask as."""
    try:
        response = call(clients("sts"), "GetCallerIdentity") or {}
    except ApiFailure as failure:
        raise CollectionFailed(_explain(failure)) from None
    arn = str(response["Arn"])
    return Identity(account=str(response["Account"]), partition=arn.split(":")[1], arn=arn)


def _explain(failure: ApiFailure) -> str:
    if failure.code in {"NoCredentialsError", "PartialCredentialsError"}:
        return (
            "no AWS credentials: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), "
            "pass --profile, or run `aws sso login`"
        )
    if failure.code in {
        "InvalidClientTokenId",
        "ExpiredToken",
        "ExpiredTokenException",
        "SignatureDoesNotMatch",
        "UnrecognizedClientException",
        "AccessDenied",
        "TokenRetrievalError",
        "SSOTokenLoadError",
        "UnauthorizedSSOTokenError",
        "CredentialRetrievalError",
    }:
        return (
            f"AWS rejected the credentials ({failure.api} {failure.code}: {failure.message}); "
            "refresh them (e.g. `aws sso login`) or pass another --profile"
        )
    return (
        f"cannot ask AWS who the credentials belong to ({failure.api} {failure.code}: {failure.message}); "
        "check network access to STS and AWS_ENDPOINT_URL"
    )


def collect(ctx: Context) -> None:
    account = ctx.draft(ACCOUNT, ctx.arn("iam", "root"), name=ctx.account)
    account.config["AccountId"] = ctx.account
    account.read("AccountSummary", ctx.client("iam"), "GetAccountSummary", pick=lambda r: r["SummaryMap"])
    ctx.add(account)


SERVICE = Service(
    name="account",
    regional=False,
    resource_types=(ACCOUNT,),
    operations={
        "sts:GetCallerIdentity": None,  # needs no permission: it cannot be denied
        "iam:GetAccountSummary": "iam:GetAccountSummary",
    },
    collect=collect,
)
