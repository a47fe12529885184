"""AzureCollector: subscriptions (given, or below a management group) into an EvidenceSink.

The run, in order:
1. The subscriptions in scope: `--subscription` as given, or every subscription below
   `--management-group` (Resource Graph `resourcecontainers`, scoped to the group).
2. Each subscription is read with ARM (`Subscriptions_Get`, which also proves it exists and
   is readable) with its activity log's diagnostic settings. One that fails
   (`SubscriptionNotFound`, `AuthorizationFailed`, ...) is one CollectionError for that
   subscription covering every type, and is left out of what follows.
3. One paginated Resource Graph query per resource type, over the readable subscriptions
   in batches of at most 300 (Resource Graph's guidance), run on a bounded thread pool.
   Each row is written as it arrives; a type with child settings (SQL auditing, TDE, blob
   service, Key Vault keys, ...) has them read with ARM on a second pool first, at most
   16 x max_workers resources waiting at a time (paging pauses), so memory stays bounded.
   A query that fails is a CollectionError per subscription of the batch for that type
   only; a denial or not-found on a multi-subscription batch is retried one subscription
   at a time, so the error lands on exactly the subscription that caused it.
A failed child read is a ReadError on its resource. Collection stops early only when no
token can be obtained or the endpoint cannot be reached at all (CollectionFailed, exit 3).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import click

from attestkit import __version__
from attestkit.collectors.azure import catalog
from attestkit.collectors.azure import permissions as declared
from attestkit.collectors.azure.calls import ApiFailure, CredentialFailure, redact
from attestkit.collectors.azure.clients import AzureClients
from attestkit.collectors.azure.clouds import CLOUDS, resolve_endpoint
from attestkit.collectors.azure.draft import GLOBAL, ResourceDraft, tag_dict
from attestkit.collectors.azure.sanitize import scrub
from attestkit.collectors.interface import Collector, EvidenceSink, Progress
from attestkit.errors import CollectionFailed, InputError
from attestkit.models import CollectionError, CollectionScope

log = logging.getLogger(__name__)

SUBSCRIPTION_ID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
MANAGEMENT_GROUP = re.compile(r"[A-Za-z0-9._()-]{1,90}")
BATCH_SIZE = 300


class Recorder:
    """Hands resources and collection errors to the sink; thread-safe because the sink is."""

    def __init__(self, sink: EvidenceSink) -> None:
        self.sink = sink
        self._lock = threading.Lock()
        self.resources = 0
        self.errors = 0
        self.regions: set[str] = set()

    def add(self, draft: ResourceDraft) -> None:
        self.sink.add(draft.build())
        with self._lock:
            self.resources += 1
            self.regions.add(draft.region)

    def error(self, error: CollectionError) -> None:
        log.warning("%s %s: %s %s: %s", error.service, error.account, error.api, error.code, error.message)
        self.sink.error(error)
        with self._lock:
            self.errors += 1


class AzureCollector(Collector):
    """Reads Azure subscriptions' configuration through ARM and Resource Graph, read-only."""

    name = "azure"
    provider = "azure"
    source = "azure-arm"
    version = __version__
    description = (
        "Azure subscriptions through Azure Resource Manager and Resource Graph: storage, SQL, networking, "
        "Key Vault, compute, App Service, PostgreSQL/MySQL, Cosmos DB, AKS, Recovery Services, Defender for "
        "Cloud and the activity log (read-only calls)."
    )
    resource_types = catalog.RESOURCE_TYPES
    operations = declared.operations()
    permissions = declared.permissions()

    def __init__(
        self,
        subscriptions: Sequence[str] = (),
        *,
        management_group: str | None = None,
        cloud: str = "public",
        endpoint: str | None = None,
        credential: Any | None = None,
        max_workers: int = 8,
        retry_total: int = 6,
        retry_backoff: float = 0.8,
        max_wait: float = 60.0,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        if bool(subscriptions) == bool(management_group):
            raise InputError("give --subscription SUBSCRIPTION_ID (repeatable) or --management-group GROUP, not both")
        malformed = [s for s in subscriptions if not SUBSCRIPTION_ID.fullmatch(s)]
        if malformed:
            raise InputError(
                f"--subscription {malformed[0]}: not a subscription id (a GUID such as "
                "00000000-0000-0000-0000-000000000000; `az account list -o table` shows yours)"
            )
        if management_group is not None and not MANAGEMENT_GROUP.fullmatch(management_group):
            raise InputError(
                f"--management-group {management_group}: not a management group name (its id, e.g. mg-prod)"
            )
        if cloud not in CLOUDS:
            raise InputError(f"--cloud {cloud}: choose from {', '.join(CLOUDS)}")
        if max_workers < 1 or batch_size < 1:
            raise ValueError("max_workers and batch_size must be at least 1")
        self.subscriptions = sorted({s.lower() for s in subscriptions})
        self.management_group = management_group
        self.cloud = CLOUDS[cloud]
        self.endpoint = resolve_endpoint(self.cloud, endpoint)
        self.credential = credential
        self.max_workers = max_workers
        self.retry = {"retry_total": retry_total, "retry_backoff": retry_backoff, "max_wait": max_wait}
        self.batch_size = batch_size

    # CLI ------------------------------------------------------------------------------------
    @classmethod
    def cli_params(cls) -> list[click.Parameter]:
        return [
            click.Option(
                ["--subscription"],
                multiple=True,
                metavar="SUBSCRIPTION_ID",
                help="Collect this subscription (repeatable).",
            ),
            click.Option(
                ["--management-group"],
                default=None,
                metavar="GROUP",
                help="Collect every subscription below this management group (instead of --subscription).",
            ),
            click.Option(
                ["--cloud"],
                default="public",
                show_default=True,
                metavar="|".join(CLOUDS),
                help="Azure cloud: sign-in authority and Resource Manager endpoint.",
            ),
            click.Option(
                ["--endpoint"],
                default=None,
                metavar="URL",
                help="Override the Resource Manager endpoint. https: the credential's token is sent to it; "
                "http: loopback only, no credential and no token (local recordings, tests, the demo).",
            ),
        ]

    @classmethod
    def cli_example(cls) -> str:
        return "attest collect azure --subscription 00000000-0000-0000-0000-000000000000"

    @classmethod
    def permission_document(cls) -> str:
        """A custom role definition with exactly the actions needed (`attest permissions azure`);
        the built-in Reader role grants all of them."""
        return declared.role_definition_json()

    @classmethod
    def from_cli(
        cls,
        subscription: tuple[str, ...] | list[str] = (),
        management_group: str | None = None,
        cloud: str = "public",
        endpoint: str | None = None,
    ) -> AzureCollector:
        return cls(list(subscription), management_group=management_group, cloud=cloud, endpoint=endpoint)

    # Collection -----------------------------------------------------------------------------
    def collect(self, sink: EvidenceSink, progress: Progress) -> CollectionScope:
        clients = AzureClients(
            self.cloud,
            self.endpoint,
            credential=self.credential,
            pool_size=4 * self.max_workers,
            **self.retry,
        )
        recorder = Recorder(sink)
        task_pool = ThreadPoolExecutor(self.max_workers, thread_name_prefix="azure-type")
        item_pool = ThreadPoolExecutor(2 * self.max_workers, thread_name_prefix="azure-item")
        # Resources waiting for their child reads are held in memory: bound them, so a type
        # listed faster than its child settings can be read pauses its paging instead.
        self._in_flight = threading.BoundedSemaphore(16 * self.max_workers)
        try:
            requested = self._subscriptions_in_scope(clients, recorder)
            progress.add_total(len(requested) + len(catalog.TYPES))
            readable = self._read_subscriptions(clients, recorder, item_pool, requested, progress)
            log.info("collecting %d of %d subscription(s) through Resource Graph", len(readable), len(requested))
            if readable:
                futures = {
                    task_pool.submit(self._collect_type, clients, recorder, item_pool, spec, readable): spec
                    for spec in catalog.TYPES
                }
                for future, spec in futures.items():
                    future.result()
                    progress.advance(f"azure {spec.type}")
            else:
                progress.advance("azure: no readable subscription", len(catalog.TYPES))
        finally:
            # On Ctrl-C, drop what has not started; running calls finish within their timeouts.
            task_pool.shutdown(wait=True, cancel_futures=True)
            item_pool.shutdown(wait=True, cancel_futures=True)
            clients.close()
        log.info("azure: %d resources, %d collection errors", recorder.resources, recorder.errors)
        return CollectionScope(
            accounts=list(requested),
            regions=sorted(recorder.regions),
            resource_types=list(self.resource_types),
            options={
                "subscription": list(self.subscriptions),
                "management_group": [self.management_group] if self.management_group else [],
                "cloud": [self.cloud.name],
                "endpoint": [self.endpoint.url] if self.endpoint.overridden else [],
            },
        )

    def _subscriptions_in_scope(self, clients: AzureClients, recorder: Recorder) -> list[str]:
        if not self.management_group:
            return list(self.subscriptions)
        group = self.management_group
        try:
            found = [
                str(row["subscriptionId"]).lower()
                for page in clients.graph.pages(catalog.MANAGEMENT_GROUP_QUERY, management_groups=[group])
                for row in page
                if row.get("subscriptionId")
            ]
        except CredentialFailure as exc:
            raise CollectionFailed(_no_token(str(exc))) from None
        except ApiFailure as failure:
            if failure.status is None:
                raise CollectionFailed(_unreachable(clients, failure)) from None
            recorder.error(
                failure.collection_error(
                    service="resourcegraph", region=GLOBAL, account=group, resource_types=self.resource_types
                )
            )
            return []
        if not found:
            log.warning("management group %s holds no subscription this identity can read", group)
        return sorted(set(found))

    def _read_subscriptions(
        self,
        clients: AzureClients,
        recorder: Recorder,
        pool: ThreadPoolExecutor,
        requested: list[str],
        progress: Progress,
    ) -> list[str]:
        futures: dict[Future[str | ApiFailure], str] = {
            pool.submit(self._subscription, clients, recorder, sub): sub for sub in requested
        }
        readable: list[str] = []
        failures: list[ApiFailure] = []
        for future, sub in futures.items():
            try:
                outcome = future.result()
            except CredentialFailure as exc:
                raise CollectionFailed(_no_token(str(exc))) from None
            if isinstance(outcome, ApiFailure):
                failures.append(outcome)
            else:
                readable.append(outcome)
            progress.advance(f"azure subscription {sub}")
        if requested and not readable and failures and all(f.status is None for f in failures):
            # Nothing answered at all: a wrong --endpoint or no network, not a per-scope problem.
            raise CollectionFailed(_unreachable(clients, failures[0]))
        return sorted(readable)

    def _subscription(self, clients: AzureClients, recorder: Recorder, sub: str) -> str | ApiFailure:
        """Read one subscription; its id as ARM spells it, or the failure (recorded)."""
        try:
            body = clients.arm.get(catalog.SUBSCRIPTION_API, f"/subscriptions/{sub}", catalog.SUBSCRIPTION_API_VERSION)
        except ApiFailure as failure:
            recorder.error(
                failure.collection_error(
                    service="resources", region=GLOBAL, account=sub, resource_types=self.resource_types
                )
            )
            return failure
        sub_id = str(body.get("subscriptionId") or sub)
        draft = ResourceDraft(
            type=catalog.SUBSCRIPTION,
            id=str(body.get("id") or f"/subscriptions/{sub_id}"),
            account=sub_id,
            region=GLOBAL,
            name=str(body.get("displayName") or sub_id),
            config=scrub({k: v for k, v in body.items() if k not in ("id", "tags")}),
            tags=tag_dict(body.get("tags")),
        )
        for read in catalog.SUBSCRIPTION_READS:
            draft.read(clients.arm, read)
        recorder.add(draft)
        return sub_id

    def _collect_type(
        self,
        clients: AzureClients,
        recorder: Recorder,
        items: ThreadPoolExecutor,
        spec: catalog.TypeSpec,
        subscriptions: list[str],
    ) -> None:
        seen: set[str] = set()
        pending: list[Future[None]] = []
        try:
            for batch in _batches(subscriptions, self.batch_size):
                self._query(clients, recorder, items, spec, batch, seen, pending)
            for future in pending:
                future.result()
            pending.clear()
        except Exception as exc:  # keep going past a failing type: record it, never skip silently
            log.exception("azure %s failed unexpectedly", spec.type)
            code = "CredentialUnavailable" if isinstance(exc, CredentialFailure) else type(exc).__name__
            for sub in subscriptions:
                recorder.error(
                    CollectionError(
                        service=spec.service,
                        region=GLOBAL,
                        account=sub,
                        api=f"{spec.service}:*",
                        code=code,
                        message=redact(str(exc) or type(exc).__name__),
                        resource_types=[spec.type],
                    )
                )

    def _query(
        self,
        clients: AzureClients,
        recorder: Recorder,
        items: ThreadPoolExecutor,
        spec: catalog.TypeSpec,
        batch: list[str],
        seen: set[str],
        pending: list[Future[None]],
    ) -> None:
        """One Resource Graph query over `batch`; rows already seen (a retried batch) are skipped."""
        try:
            for page in clients.graph.pages(spec.query, subscriptions=batch):
                for row in page:
                    rid = row.get("id")
                    if not isinstance(rid, str) or not rid or rid.lower() in seen:
                        continue
                    seen.add(rid.lower())
                    draft = ResourceDraft.from_row(spec.type, row)
                    children = [c for c in spec.children if c.applies(row)]
                    if children:
                        self._in_flight.acquire()
                        try:
                            pending.append(items.submit(_finish, clients, recorder, draft, children, self._in_flight))
                        except BaseException:
                            self._in_flight.release()
                            raise
                    else:
                        recorder.add(draft)
        except ApiFailure as failure:
            if failure.scope_specific and len(batch) > 1:
                log.info(
                    "azure %s: %s on %d subscriptions; querying them one by one", spec.type, failure.code, len(batch)
                )
                for sub in batch:
                    self._query(clients, recorder, items, spec, [sub], seen, pending)
                return
            for sub in batch:
                recorder.error(
                    failure.collection_error(
                        service=spec.service, region=GLOBAL, account=sub, resource_types=[spec.type]
                    )
                )


def _finish(
    clients: AzureClients,
    recorder: Recorder,
    draft: ResourceDraft,
    children: list[catalog.ChildRead],
    slot: threading.BoundedSemaphore,
) -> None:
    try:
        for child in children:
            draft.read(clients.arm, child)
        recorder.add(draft)
    finally:
        slot.release()


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _no_token(detail: str) -> str:
    return (
        f"no Azure credentials: {detail}; sign in with `az login`, set AZURE_TENANT_ID, AZURE_CLIENT_ID and "
        "AZURE_CLIENT_SECRET (or AZURE_FEDERATED_TOKEN_FILE), or run where a managed identity is available"
    )


def _unreachable(clients: AzureClients, failure: ApiFailure) -> str:
    return (
        f"cannot reach Azure Resource Manager at {clients.endpoint.url} ({failure.api} {failure.code}: "
        f"{failure.message}); check the network, --cloud and --endpoint"
    )
