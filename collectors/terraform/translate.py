"""Turn a plan into Resources: run each provider's translators and decide what is judged.

Judged: every resource the plan creates, updates or replaces, and every resource whose
joined parts change (a bucket whose public access block is added, changed or deleted).
Never judged: resources the plan deletes outright, or leaves unchanged. Resources of
context types (network interfaces, flow logs, log sinks, project metadata, ...) are
written even when unchanged: no check reports on them, they are the evidence the changing
resources are judged against.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from attestkit.collectors.terraform import aws, azure, gcp
from attestkit.collectors.terraform.draft import Context, Draft
from attestkit.collectors.terraform.plan import Plan, Planned
from attestkit.models import Resource

log = logging.getLogger(__name__)

PROVIDERS = (aws, gcp, azure)

TRANSLATORS: dict[str, Callable[[Context, Planned], list[Draft]]] = {}
CHILD_TYPES: set[str] = set()
CONTEXT_TYPES: set[str] = set()
for _module in PROVIDERS:
    TRANSLATORS.update(_module.TRANSLATORS)
    CHILD_TYPES.update(_module.CHILD_TYPES)
    CONTEXT_TYPES.update(_module.CONTEXT_TYPES)


@dataclass
class Translation:
    resources: list[Resource]
    unjoined: list[str] = field(default_factory=list)
    """Changed resources meant to be joined onto a parent that is not in the plan."""
    untranslated: Counter[str] = field(default_factory=Counter)
    """Changed resources of Terraform types no check judges, by type."""
    judged: int = 0


def translate(plan: Plan, now: datetime | None = None) -> Translation:
    ctx = Context(plan, now)
    drafts: list[Draft] = []
    for r in plan:
        if r.gone:
            continue
        fn = TRANSLATORS.get(r.type)
        if fn is not None:
            drafts.extend(fn(ctx, r))
    for module in PROVIDERS:
        drafts.extend(module.aggregate(ctx))
    for module in PROVIDERS:
        module.finalize(ctx, drafts)
    wanted = {address for d in drafts if d.changed for address in d.against}
    for d in drafts:
        if d.r.address in wanted and not d.addresses:
            d.keep = True
    kept = [d for d in drafts if d.changed or d.type in CONTEXT_TYPES or getattr(d, "keep", False)]
    resources: list[Resource] = []
    seen: set[str] = set()
    for d in kept:
        resource = d.build()
        if resource.id in seen:
            log.warning("terraform: %s translated twice; keeping the first", resource.id)
            continue
        seen.add(resource.id)
        resources.append(resource)
    unjoined = sorted(
        r.address
        for r in plan
        if r.type in CHILD_TYPES
        and r.type not in TRANSLATORS
        and r.changed
        and not r.gone
        and r.address not in ctx.consumed
    )
    untranslated = Counter(
        r.type for r in plan if r.changed and r.type not in TRANSLATORS and r.type not in CHILD_TYPES
    )
    judged = sum(1 for d in kept if d.changed)
    return Translation(resources=resources, unjoined=unjoined, untranslated=untranslated, judged=judged)
