"""A resource being translated, and the context every translator works in.

A `Draft` holds one live-twin Resource under construction: its config in the provider's own
vocabulary, the resources of the plan joined onto it, and the reads it cannot make:
- `need(...)`: a value the checks need is known only after apply. The draft records a
  ReadError `{api, code: "KnownAfterApply", message: "<attribute path> is known only after
  apply"}`, with `api` the live read the checks already answer `error` for (for example
  `s3:GetBucketEncryption`), or `terraform:after_unknown` where no check reads one;
- `not_in_plan(...)`: a setting that lives outside the resource (an account-level block, a
  registry setting) and is not in the plan: code `NotInPlan`, same rule for `api`.
Everything else of the change goes under `config["_terraform"]`: address, module, Terraform
type, provider, actions, the addresses joined onto it, and the paths filled from a documented
service default (`derived`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Protocol

from attestkit.collectors.terraform.plan import ANY, Address, Plan, Planned
from attestkit.collectors.terraform.values import UNKNOWN, known, rfc3339
from attestkit.models import ReadError, Resource

log = logging.getLogger(__name__)

SOURCE = "terraform-plan"
AFTER_UNKNOWN_API = "terraform:after_unknown"
KNOWN_AFTER_APPLY = "KnownAfterApply"
NOT_IN_PLAN = "NotInPlan"


class JoinParent(Protocol):
    """What `Context.children` reads of a parent: a planned resource, or a stand-in for a
    parent the plan holds no resource for (a GCP organization, joined on by `org_id`)."""

    type: str
    addr: Address

    def get(self, *path: Any, default: Any = None) -> Any: ...

    def before_get(self, *path: str) -> Any: ...


@dataclass
class Draft:
    """One Resource under construction, in its live twin's vocabulary."""

    provider: str
    type: str
    r: Planned
    config: dict[str, Any]
    account: str | None = None
    region: str = "global"
    tags: dict[str, Any] = field(default_factory=dict)
    id: str | None = None
    name: str | None = None
    joined: list[Planned] = field(default_factory=list)
    removed: list[Planned] = field(default_factory=list)
    """Resources joined onto it that the plan deletes: the resource changes without them."""
    addresses: list[str] = field(default_factory=list)
    """For a resource assembled from several plan resources (no single address of its own)."""
    errors: list[ReadError] = field(default_factory=list)
    derived: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    """Live-vocabulary paths of values a check reads that are known only after apply, where the
    check has no read-error branch to answer `error` with."""
    keep: bool = False
    """Written although unchanged: a changing resource is judged against it."""
    against: list[str] = field(default_factory=list)
    """Addresses of resources this one is judged against (written when this one changes)."""

    # reads the plan cannot answer -------------------------------------------------------------
    def need(
        self, value: Any, tf_path: str, api: str | None, *, where: Planned | None = None, path: str | None = None
    ) -> Any:
        """Record a KnownAfterApply error when `value` is UNKNOWN; return `value` unchanged.

        `api` is the live read whose error branch the checks of this value have. Where they have
        none, the error is recorded with `terraform:after_unknown` and `path`, the value's path in
        the live vocabulary, is listed in `_terraform.unknown` for a check to test."""
        if value == UNKNOWN:
            self.error(
                api or AFTER_UNKNOWN_API,
                KNOWN_AFTER_APPLY,
                f"{_at(where or self.r, tf_path)} is known only after apply",
            )
            if api is None and path and path not in self.unknown:
                self.unknown.append(path)
        return value

    def not_in_plan(self, api: str | None, message: str) -> None:
        self.error(api or AFTER_UNKNOWN_API, NOT_IN_PLAN, message)

    def error(self, api: str, code: str, message: str) -> None:
        if any(e.api == api and e.message == message for e in self.errors):
            return
        self.errors.append(ReadError(api=api, code=code, message=message))

    def derive(self, path: str) -> None:
        """`path` was filled with the service's documented default (Terraform leaves it to the API)."""
        if path not in self.derived:
            self.derived.append(path)

    def join(self, children: tuple[list[Planned], list[Planned]]) -> list[Planned]:
        live, removed = children
        for c in live:
            if c not in self.joined:
                self.joined.append(c)
        for c in removed:
            if c not in self.removed:
                self.removed.append(c)
        return live

    # what happens to it --------------------------------------------------------------------
    @property
    def changed(self) -> bool:
        """Its future state differs from today: it, or a resource joined onto it, changes."""
        return self.r.judged or bool(self.removed) or any(c.changed for c in self.joined)

    def build(self) -> Resource:
        meta: dict[str, Any] = {
            "address": self.r.address if not self.addresses else None,
            "module": self.r.module,
            "type": self.r.type,
            "provider_name": self.r.provider_name,
            "actions": self.r.actions,
        }
        if self.addresses:
            meta["addresses"] = sorted(self.addresses)
        source = self.r.plan.module_source(self.r.addr.module_names)
        if source:
            meta["module_source"] = source
        if self.joined or self.removed:
            meta["joined"] = sorted(
                [{"address": c.address, "actions": c.actions} for c in [*self.joined, *self.removed]],
                key=lambda j: j["address"],
            )
        if self.derived:
            meta["derived"] = sorted(self.derived)
        if self.unknown:
            meta["unknown"] = sorted(self.unknown)
        config = dict(self.config)
        config["_terraform"] = {k: v for k, v in meta.items() if v is not None}
        tags = {str(k): v if isinstance(v, str) else _tag(v) for k, v in self.tags.items() if v is not None}
        return Resource(
            provider=self.provider,
            source=SOURCE,
            type=self.type,
            id=self.id or self.r.address,
            name=self.name or self.r.display_name,
            account=self.account if isinstance(self.account, str) and self.account != UNKNOWN else None,
            region=self.region or "global",
            tags=tags,
            config=config,
            errors=list(self.errors),
        )


def _tag(v: Any) -> str:
    return v if isinstance(v, str) else str(v).lower() if isinstance(v, bool) else str(v)


def _at(r: Planned, path: str) -> str:
    return f"{r.address}.{path}" if path else r.address


class Context:
    """The plan and what the translators share: joins, id references, the moment of apply."""

    def __init__(self, plan: Plan, now: datetime | None = None) -> None:
        self.plan = plan
        self.now = rfc3339(now or _plan_time(plan) or datetime.now(timezone.utc))
        self.consumed: set[str] = set()
        self._by_id: dict[str, Planned] | None = None

    # joins ------------------------------------------------------------------------------------
    def children(
        self,
        parent: JoinParent,
        types: str | Sequence[str],
        attr: str | Sequence[Any],
        parent_attrs: Sequence[str] = ("id",),
        *,
        match: Callable[[Any, Planned], bool] | None = None,
    ) -> tuple[list[Planned], list[Planned]]:
        """Resources of `types` whose `attr` points at `parent`: (present after apply, deleted).

        A child points at its parent when its `attr` is known and equals one of the parent's
        `parent_attrs`, or, when it is known only after apply, when its configuration
        expression references the parent (the same instance where count / for_each line up).
        `match` replaces the value comparison (e.g. a name and a resource group).
        """
        path = (attr,) if isinstance(attr, str) else tuple(attr)
        wanted = (types,) if isinstance(types, str) else tuple(types)
        live: list[Planned] = []
        removed: list[Planned] = []
        values = {
            str(v).lower() for a in parent_attrs if isinstance(v := parent.get(a), (str, int)) and known(v) and v != ""
        }
        before = {
            str(v).lower()
            for a in parent_attrs
            if isinstance(v := parent.before_get(a), (str, int)) and v not in ("", None)
        }
        for t in wanted:
            for c in self.plan.by_type.get(t, []):
                if c is parent:
                    continue
                if c.gone:
                    old = _before(c, path)
                    if (match and c.before is not None and match(parent, c)) or (
                        isinstance(old, (str, int)) and str(old).lower() in (before | values)
                    ):
                        removed.append(c)
                        self.consumed.add(c.address)
                    continue
                if self.points_at(c, path, parent, values, match):
                    live.append(c)
                    self.consumed.add(c.address)
        return live, removed

    def points_at(
        self,
        c: Planned,
        path: tuple[Any, ...],
        parent: JoinParent,
        values: set[str],
        match: Callable[[Any, Planned], bool] | None = None,
    ) -> bool:
        value = c.get(*path)
        if known(value) and not isinstance(value, (dict, list)):
            if match is not None:
                return match(parent, c)
            return str(value).lower() in values
        refs = [ref for ref in c.refs(*path) if ref.type == parent.type and ref.mode == "managed"]
        for ref in refs:
            if not ref.matches(parent.addr):
                continue
            if ref.key is not ANY:
                return True
            siblings = [p for p in self.plan.by_type[parent.type] if ref.matches(p.addr) and not p.gone]
            if len(siblings) <= 1:
                return True
            return parent.addr.key == c.addr.key
        return False

    def parents(
        self, child: Planned, attr: str, types: Sequence[str], parent_attrs: Sequence[str] = ("id",)
    ) -> list[Planned]:
        """The resources of `types` that `child.attr` points at (the reverse of `children`)."""
        out = []
        for t in types:
            for p in self.plan.by_type.get(t, []):
                if p.gone:
                    continue
                values = {
                    str(v).lower()
                    for a in parent_attrs
                    if isinstance(v := p.get(a), (str, int)) and known(v) and v != ""
                }
                if self.points_at(child, (attr,), p, values):
                    out.append(p)
        return out

    # id-valued attributes -------------------------------------------------------------------
    def id_index(self) -> dict[str, Planned]:
        if self._by_id is None:
            self._by_id = {}
            for r in self.plan:
                rid = r.get("id")
                if not r.gone and isinstance(rid, str) and rid not in ("", UNKNOWN):
                    self._by_id.setdefault(rid.lower(), r)
        return self._by_id

    def resource_id(self, r: Planned, *path: Any, types: Iterable[str] | None = None) -> Any:
        """An attribute naming another resource by id, written as that resource's plan address
        when it is a resource of the plan (so joins by id match the Resource.id of the target),
        else its value (UNKNOWN when known only after apply)."""
        ids = self.resource_ids(r, *path, types=types)
        if ids:
            return ids[0]
        value = r.get(*path)
        return value if value not in ("",) else None

    def resource_ids(self, r: Planned, *path: Any, types: Iterable[str] | None = None) -> list[Any]:
        value = r.get(*path)
        items = value if isinstance(value, list) else ([] if value in (None, "") else [value])
        out: list[Any] = []
        targets = self.plan.referenced(r.refs(*path), types)
        targets = [t for t in targets if not t.gone]
        if len(targets) > 1:
            aligned = [t for t in targets if t.addr.key == r.addr.key]
            targets = aligned or targets
        unknown_left = list(targets)
        for item in items:
            if isinstance(item, str) and item != UNKNOWN:
                hit = self.id_index().get(item.lower())
                out.append(hit.address if hit else item)
                if hit in unknown_left:
                    unknown_left.remove(hit)
            elif item == UNKNOWN:
                out.append(unknown_left.pop(0).address if unknown_left else UNKNOWN)
        if value == UNKNOWN and not isinstance(value, list):
            out = [t.address for t in targets] or [UNKNOWN]
        return out


def _before(c: Planned, path: tuple[Any, ...]) -> Any:
    value: Any = c.before
    for step in path:
        if isinstance(value, list):
            value = value[0] if value else None
        if not isinstance(value, dict):
            return None
        value = value.get(step)
    return value


def _plan_time(plan: Plan) -> datetime | None:
    if not plan.timestamp:
        return None
    try:
        return datetime.fromisoformat(plan.timestamp.replace("Z", "+00:00"))
    except ValueError:
        return None
