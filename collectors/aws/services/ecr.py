"""ECR, per region: every repository of the account's private registry, with the registry's
scanning configuration.

`AWS::ECR::Repository`: id the `repositoryArn`; config the `DescribeRepositories` item
(`repositoryName`, `imageTagMutability`, `imageTagMutabilityExclusionFilters`,
`imageScanningConfiguration.scanOnPush`, `encryptionConfiguration`, ...) and, under
`scanningConfiguration`, the registry's scanning configuration (`scanType`, `rules`) from
`GetRegistryScanningConfiguration`, read once per region and given to each repository: a
registry rule (enhanced scanning, or basic scanning with filters) can scan a repository on
push whatever its own flag says. When that read fails the key is absent on every repository
of the region, each with the error.
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

REPOSITORY = "AWS::ECR::Repository"


def collect(ctx: Context) -> None:
    ecr = ctx.client("ecr")
    with ctx.listing(REPOSITORY):
        repositories = paginate(ecr, "DescribeRepositories", "repositories")
        if not repositories:
            return
        # One read for the region, its answer (or its error) copied onto every repository.
        registry = ctx.draft(REPOSITORY, "registry")
        registry.read(
            "scanningConfiguration",
            ecr,
            "GetRegistryScanningConfiguration",
            pick=lambda r: r.get("scanningConfiguration"),
        )
        for repository in repositories:
            _repository(ctx, repository, registry.config, registry.errors)


def _repository(ctx: Context, listed: dict[str, Any], registry: dict[str, Any], errors: list[Any]) -> None:
    draft = ctx.item(REPOSITORY, listed["repositoryArn"], listed, name=listed.get("repositoryName"))
    draft.config.update(registry)
    draft.errors.extend(errors)
    ctx.add(draft)


SERVICE = Service(
    name="ecr",
    regional=True,
    resource_types=(REPOSITORY,),
    operations={
        "ecr:DescribeRepositories": "ecr:DescribeRepositories",
        "ecr:GetRegistryScanningConfiguration": "ecr:GetRegistryScanningConfiguration",
    },
    collect=collect,
)
