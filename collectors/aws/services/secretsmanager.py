"""Secrets Manager, per region: the metadata of every secret, as `ListSecrets` returns it.

Only metadata is read (rotation settings, last rotation, KMS key, dates): the collector never
calls GetSecretValue and has no permission to. `ListSecrets` returns no secret value either;
should a value-bearing field ever appear in an item, it is dropped before anything is stored.
"""

from __future__ import annotations

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

SECRET = "AWS::SecretsManager::Secret"

VALUE_FIELDS = ("SecretString", "SecretBinary")
"""Fields that hold a secret's value in the Secrets Manager API; never stored."""


def collect(ctx: Context) -> None:
    with ctx.listing(SECRET):
        for secret in paginate(ctx.client("secretsmanager"), "ListSecrets", "SecretList"):
            metadata = {k: v for k, v in secret.items() if k not in VALUE_FIELDS}
            ctx.add(ctx.item(SECRET, metadata["ARN"], metadata, name=metadata.get("Name")))


SERVICE = Service(
    name="secretsmanager",
    regional=True,
    resource_types=(SECRET,),
    operations={"secretsmanager:ListSecrets": "secretsmanager:ListSecrets"},
    collect=collect,
)
