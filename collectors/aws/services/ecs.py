"""ECS, per region: the latest ACTIVE revision of every task definition family.

`AWS::ECS::TaskDefinition`: one per family, id
`arn:<partition>:ecs:<region>:<account>:task-definition/<family>` (the family without a
revision names its latest ACTIVE revision, as ECS itself reads it); config `{"family",
"taskDefinition"}`, the latter the `DescribeTaskDefinition` answer in the API's camelCase
(`taskDefinitionArn` with the revision, `revision`, `containerDefinitions`, ...). Families
are described concurrently; a failed description leaves `taskDefinition` absent, with the
error.

Environment variable *values* are never stored: every `containerDefinitions[].environment`
entry keeps its `name` only. `secrets` (`name`, `valueFrom`: an ARN, a reference, not a
value) and `environmentFiles` (S3 object ARNs) are kept.
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

TASK_DEFINITION = "AWS::ECS::TaskDefinition"


def without_environment_values(definition: dict[str, Any]) -> dict[str, Any]:
    """A task definition whose containers' `environment` entries hold their names only."""
    containers = []
    for container in definition.get("containerDefinitions") or []:
        container = dict(container)
        if "environment" in container:
            container["environment"] = [
                {"name": variable.get("name")}
                for variable in container["environment"] or []
                if isinstance(variable, dict)
            ]
        containers.append(container)
    out = dict(definition)
    if "containerDefinitions" in definition:
        out["containerDefinitions"] = containers
    return out


def collect(ctx: Context) -> None:
    ecs = ctx.client("ecs")
    with ctx.listing(TASK_DEFINITION):
        families = paginate(ecs, "ListTaskDefinitionFamilies", "families", status="ACTIVE")
        ctx.map(lambda family: _task_definition(ctx, ecs, family), families)


def _task_definition(ctx: Context, ecs: Any, family: str) -> None:
    draft = ctx.draft(TASK_DEFINITION, ctx.arn("ecs", f"task-definition/{family}", region=ctx.region), name=family)
    draft.config["family"] = family
    response = draft.read(None, ecs, "DescribeTaskDefinition", taskDefinition=family)
    if response is not None:
        definition = response.get("taskDefinition") or {}
        if definition.get("status", "ACTIVE") != "ACTIVE":
            return  # no ACTIVE revision left (a family listed while its last revision was deregistered)
        draft.config["taskDefinition"] = without_environment_values(definition)
    ctx.add(draft)


SERVICE = Service(
    name="ecs",
    regional=True,
    resource_types=(TASK_DEFINITION,),
    operations={
        "ecs:ListTaskDefinitionFamilies": "ecs:ListTaskDefinitionFamilies",
        "ecs:DescribeTaskDefinition": "ecs:DescribeTaskDefinition",
    },
    collect=collect,
)
