"""AWS: `aws_*` resources into the types and boto3 vocabulary of docs/resources/aws.md."""

from __future__ import annotations

from attestkit.collectors.terraform import aws_data, aws_identity, aws_network, aws_s3  # noqa: F401 - registers translators
from attestkit.collectors.terraform.aws_common import registry
from attestkit.collectors.terraform.draft import Context, Draft

TRANSLATORS = registry.translators
CHILD_TYPES = frozenset(registry.children)
CONTEXT_TYPES = frozenset(registry.context)
TABLE = dict(registry.table)

NO_EQUIVALENT = {
    "AWS::Account": "account facts (root user MFA and access keys, the account summary) that no Terraform "
    "resource manages; the checks judging them (root MFA, root access keys, an account-wide backup plan, "
    "a multi-region trail) are out of scope for a plan",
}


def aggregate(ctx: Context) -> list[Draft]:
    return []


def finalize(ctx: Context, drafts: list[Draft]) -> None:
    aws_s3.finalize(ctx, drafts)
