"""ResourceDraft: a resource being read, call by call, before it goes to the sink.

Each per-resource read either sets its config key (an explicit `None` when the API says
"there is none") or, when it fails, leaves the key absent and records a `ReadError`, as
docs/resources/aws.md requires. Services never catch AWS errors themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from attestkit.collectors.aws.calls import ApiFailure, call, paginate
from attestkit.models import ReadError, Resource


@dataclass
class ResourceDraft:
    type: str
    id: str
    account: str
    region: str
    name: str | None = None
    config: dict[str, Any] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    errors: list[ReadError] = field(default_factory=list)

    def read(
        self,
        key: str | None,
        client: Any,
        operation: str,
        *,
        pick: Callable[[dict[str, Any]], Any] | None = None,
        none_on: Iterable[str] = (),
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        """Call `operation`; put `pick(response)` (or the response) under `key` in config.

        Returns the response, or None when the API said "none" (`key` set to None) or the
        call failed (`key` left absent, the error recorded).
        """
        try:
            response = call(client, operation, none_on=none_on, **kwargs)
        except ApiFailure as failure:
            self.errors.append(failure.read_error())
            return None
        if key is not None:
            self.config[key] = None if response is None else (pick(response) if pick else response)
        return response

    def read_all(self, key: str, client: Any, operation: str, result_key: str, **kwargs: Any) -> list[Any] | None:
        """Every item of a (paginated) listing under `key`; None and an error when it failed."""
        try:
            items = paginate(client, operation, result_key, **kwargs)
        except ApiFailure as failure:
            self.errors.append(failure.read_error())
            return None
        self.config[key] = items
        return items

    def build(self) -> Resource:
        return Resource(
            provider="aws",
            source="aws",
            type=self.type,
            id=self.id,
            name=self.name,
            account=self.account,
            region=self.region,
            tags=dict(sorted(self.tags.items())),
            config=self.config,
            errors=self.errors,
        )


@dataclass
class SharedRead:
    """One read whose answer several resources share: a regional listing grouped by resource
    (flow logs by VPC, aliases by key). Each draft gets its group under a key, or, when the
    listing failed, the error and no key, as a per-resource read would."""

    groups: dict[str, list[Any]] = field(default_factory=dict)
    failure: ApiFailure | None = None

    @classmethod
    def group(cls, client: Any, operation: str, result_key: str, by: str, **kwargs: Any) -> SharedRead:
        """Every item of a (paginated) listing, grouped by its `by` field (items without it dropped)."""
        try:
            items = paginate(client, operation, result_key, **kwargs)
        except ApiFailure as failure:
            return cls(failure=failure)
        shared = cls()
        for item in items:
            if item.get(by):
                shared.groups.setdefault(str(item[by]), []).append(item)
        return shared

    def give(self, draft: ResourceDraft, key: str, resource: str) -> list[Any] | None:
        """Put `resource`'s group (possibly empty) under `key` in `draft`, or record the failure."""
        if self.failure is not None:
            draft.errors.append(self.failure.read_error())
            return None
        draft.config[key] = self.groups.get(resource, [])
        return draft.config[key]
