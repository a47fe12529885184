"""Lambda, per region: every function's configuration and resource-based policy.

`AWS::Lambda::Function`: id the function ARN; config is the `ListFunctions` item (the
`$LATEST` version) and, under `Policy`, the function's resource-based policy from
`GetPolicy`, parsed from the JSON string the API returns (`null` when the function has none:
`ResourceNotFoundException`). Policies are read concurrently.

Environment variable *values* are never stored: they routinely hold credentials. The
item's `Environment` becomes `{"VariableNames": [...]}` (sorted) plus the `ErrorCode` of
`Environment.Error` when there is one; its `Variables` object never leaves this module.
"""

from __future__ import annotations

import json
from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

FUNCTION = "AWS::Lambda::Function"


def environment_names(environment: dict[str, Any] | None) -> dict[str, Any] | None:
    """A function's `Environment` with the variable names only, never their values."""
    if environment is None:
        return None
    out: dict[str, Any] = {"VariableNames": sorted(str(name) for name in (environment.get("Variables") or {}))}
    error = environment.get("Error")
    if isinstance(error, dict) and error.get("ErrorCode"):
        out["Error"] = {"ErrorCode": error["ErrorCode"]}
    return out


def policy_document(text: Any) -> Any:
    """A policy as the API returns it (a JSON string) parsed into an object; kept as is if it is not JSON."""
    if not isinstance(text, str):
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def collect(ctx: Context) -> None:
    client = ctx.client("lambda")
    with ctx.listing(FUNCTION):
        ctx.map(lambda function: _function(ctx, client, function), paginate(client, "ListFunctions", "Functions"))


def _function(ctx: Context, client: Any, listed: dict[str, Any]) -> None:
    item = dict(listed)
    if "Environment" in item:
        item["Environment"] = environment_names(item["Environment"])
    arn = item["FunctionArn"]
    draft = ctx.item(FUNCTION, arn, item, name=item.get("FunctionName"))
    draft.read(
        "Policy",
        client,
        "GetPolicy",
        pick=lambda r: policy_document(r.get("Policy")),
        none_on=("ResourceNotFoundException",),
        FunctionName=arn,
    )
    ctx.add(draft)


SERVICE = Service(
    name="lambda",
    regional=True,
    resource_types=(FUNCTION,),
    operations={
        "lambda:ListFunctions": "lambda:ListFunctions",
        "lambda:GetPolicy": "lambda:GetPolicy",
    },
    collect=collect,
)
