"""What every service module gets: the shared machinery of one (service, region) task.

A service module declares a `Service` (its resource types, the botocore operations it
calls and the IAM actions they need, whether it is regional) and a `collect(ctx)` function.
`Context` gives it clients, ARN building, a bounded pool for per-item reads, and
`listing()`, the one place a failed listing call becomes a `CollectionError`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from attestkit.collectors.aws.calls import ApiFailure, tag_dict
from attestkit.collectors.aws.draft import ResourceDraft
from attestkit.collectors.aws.session import ClientFactory
from attestkit.collectors.interface import EvidenceSink
from attestkit.models import CollectionError

log = logging.getLogger(__name__)

GLOBAL = "global"

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Service:
    """One AWS service as the collector sees it."""

    name: str
    regional: bool
    """Regional services run once per region; global ones once per account."""
    resource_types: tuple[str, ...]
    operations: Mapping[str, str | None]
    """Every botocore operation called, as `service:Operation`, to the IAM action it needs
    (None: the call needs no permission, like sts:GetCallerIdentity)."""
    collect: Callable[["Context"], None]


class Recorder:
    """Hands resources and collection errors to the sink; thread-safe because the sink is."""

    def __init__(self, sink: EvidenceSink, account: str) -> None:
        self.sink = sink
        self.account = account
        self._lock = threading.Lock()
        self.resources = 0
        self.errors = 0

    def add(self, draft: ResourceDraft) -> None:
        self.sink.add(draft.build())
        with self._lock:
            self.resources += 1

    def error(self, error: CollectionError) -> None:
        log.warning("%s in %s: %s %s: %s", error.service, error.region, error.api, error.code, error.message)
        self.sink.error(error)
        with self._lock:
            self.errors += 1


@dataclass(frozen=True)
class Context:
    """One task: a service in a region (or `global`) of one account."""

    service: Service
    region: str
    account: str
    partition: str
    regions: tuple[str, ...]
    """Every region in the collection's scope."""
    clients: ClientFactory
    recorder: Recorder
    items: Executor
    """Pool for per-item reads (buckets, users); separate from the task pool, so no deadlock."""

    def client(self, service: str, region: str | None = None) -> Any:
        """A client in `region`, by default the task's region (the home region for global tasks)."""
        region = region or (self.region if self.region != GLOBAL else self.clients.home_region)
        return self.clients(service, region)

    def arn(self, service: str, resource: str, *, region: str = "") -> str:
        return f"arn:{self.partition}:{service}:{region}:{self.account}:{resource}"

    def draft(self, type: str, id: str, *, name: str | None = None, region: str | None = None) -> ResourceDraft:
        return ResourceDraft(type=type, id=id, name=name, account=self.account, region=region or self.region)

    def item(
        self,
        type: str,
        id: str,
        item: Mapping[str, Any],
        *,
        name: str | None = None,
        region: str | None = None,
        tags_key: str = "Tags",
    ) -> ResourceDraft:
        """A draft whose config is one listing item, unchanged but for its `[{Key, Value}]` tags
        (under `tags_key`: `Tags`, RDS's `TagList`), which move to `tags`."""
        draft = self.draft(type, id, name=name, region=region)
        draft.config = dict(item)
        draft.tags = tag_dict(draft.config.pop(tags_key, None))
        return draft

    def add(self, draft: ResourceDraft) -> None:
        self.recorder.add(draft)

    @contextmanager
    def listing(self, *resource_types: str) -> Iterator[None]:
        """Run a listing; if an AWS call in it fails, record which types it left unread."""
        try:
            yield
        except ApiFailure as failure:
            self.recorder.error(
                failure.collection_error(
                    service=self.service.name, region=self.region, account=self.account, resource_types=resource_types
                )
            )

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        """`fn` over `items` on the per-item pool, results in order."""
        return list(self.items.map(fn, items))
