"""IAM (global): the account password policy, and every user with its console password,
MFA devices and access keys (each key with when it was last used).

Nested items drop their redundant `UserName` (the user is the resource).
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate, tag_dict
from attestkit.collectors.aws.context import Context, Service

PASSWORD_POLICY = "AWS::IAM::AccountPasswordPolicy"
USER = "AWS::IAM::User"

NO_SUCH_ENTITY = "NoSuchEntity"


def collect(ctx: Context) -> None:
    iam = ctx.client("iam")
    policy = ctx.draft(PASSWORD_POLICY, ctx.arn("iam", "account-password-policy"), name="IAM account password policy")
    policy.read(
        "PasswordPolicy", iam, "GetAccountPasswordPolicy", pick=lambda r: r["PasswordPolicy"], none_on=(NO_SUCH_ENTITY,)
    )
    ctx.add(policy)
    with ctx.listing(USER):
        ctx.map(lambda user: _user(ctx, iam, user), paginate(iam, "ListUsers", "Users"))


def _without_user_name(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != "UserName"}


def _user(ctx: Context, iam: Any, listed: dict[str, Any]) -> None:
    config = dict(listed)
    tags = tag_dict(config.pop("Tags", None))
    name = config["UserName"]
    user = ctx.draft(USER, config["Arn"], name=name)
    user.config, user.tags = config, tags
    user.read(
        "LoginProfile",
        iam,
        "GetLoginProfile",
        pick=lambda r: _without_user_name(r["LoginProfile"]),
        none_on=(NO_SUCH_ENTITY,),
        UserName=name,
    )
    devices = user.read_all("MFADevices", iam, "ListMFADevices", "MFADevices", UserName=name)
    if devices is not None:
        user.config["MFADevices"] = [_without_user_name(d) for d in devices]
    keys = user.read_all("AccessKeys", iam, "ListAccessKeys", "AccessKeyMetadata", UserName=name)
    if keys is not None:
        user.config["AccessKeys"] = [_without_user_name(k) for k in keys]
        for key in user.config["AccessKeys"]:
            used = user.read(None, iam, "GetAccessKeyLastUsed", AccessKeyId=key["AccessKeyId"])
            if used is not None:
                key["AccessKeyLastUsed"] = used.get("AccessKeyLastUsed", {})
    ctx.add(user)


SERVICE = Service(
    name="iam",
    regional=False,
    resource_types=(PASSWORD_POLICY, USER),
    operations={
        "iam:GetAccountPasswordPolicy": "iam:GetAccountPasswordPolicy",
        "iam:ListUsers": "iam:ListUsers",
        "iam:GetLoginProfile": "iam:GetLoginProfile",
        "iam:ListMFADevices": "iam:ListMFADevices",
        "iam:ListAccessKeys": "iam:ListAccessKeys",
        "iam:GetAccessKeyLastUsed": "iam:GetAccessKeyLastUsed",
    },
    collect=collect,
)
