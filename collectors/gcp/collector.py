"""GcpCollector: projects, folders and organizations through Cloud Asset Inventory.

Each scope (`--project`, `--folder`, `--organization`, repeatable) is read by its own task on
a bounded thread pool (scope.py says how); every page is written into the sink as it
arrives, so memory holds policies awaiting their resource, never the inventory. All scopes
are read at one snapshot time, a minute before the run starts (a `read_time` in the
future is an error, and clock skew must not make it one). A failed listing is recorded per
scope and collection goes on; only a run where every scope failed for want of credentials or
of a reachable endpoint raises CollectionFailed (exit 3, no bundle).
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import datetime, timedelta, timezone
from typing import Any

import click
from google.api_core import retry as retries

from attestkit import __version__
from attestkit.collectors.gcp import catalog
from attestkit.collectors.gcp import permissions as declared
from attestkit.collectors.gcp.calls import PAGE_SIZE, TRANSPORT_CODES, default_retry, redact
from attestkit.collectors.gcp.client import make_client, parse_endpoint
from attestkit.collectors.gcp.scope import Scope, ScopeCollection, Shared, parse_scope
from attestkit.collectors.interface import Collector, EvidenceSink, Progress
from attestkit.errors import CollectionFailed, InputError
from attestkit.models import CollectionError, CollectionScope

log = logging.getLogger(__name__)

SNAPSHOT_LAG = timedelta(minutes=1)
"""How far before the run the snapshot is taken."""


class GcpCollector(Collector):
    """Reads GCP projects, folders or organizations through Cloud Asset Inventory, read-only."""

    name = "gcp"
    provider = "gcp"
    source = "gcp-asset"
    version = __version__
    description = (
        "GCP projects, folders or organizations through Cloud Asset Inventory: resources, IAM policies and "
        "organization policies (read-only ListAssets calls)."
    )
    resource_types = catalog.RESOURCE_TYPES
    operations = declared.operations()
    permissions = declared.permissions()

    def __init__(
        self,
        client: Any,
        scopes: list[Scope],
        *,
        all_assets: bool = False,
        max_workers: int = 4,
        retry: retries.Retry | None = None,
        page_size: int = PAGE_SIZE,
        endpoint: str | None = None,
    ) -> None:
        if not scopes:
            raise ValueError("GcpCollector needs at least one scope")
        if max_workers < 1:
            raise ValueError("max_workers must be at least 1")
        self.client = client
        self.scopes = sorted(set(scopes))
        self.all_assets = all_assets
        self.max_workers = max_workers
        self.retry = retry or default_retry()
        self.page_size = page_size
        self.endpoint = endpoint

    # CLI ------------------------------------------------------------------------------------
    @classmethod
    def cli_params(cls) -> list[click.Parameter]:
        return [
            click.Option(
                ["--project"],
                multiple=True,
                metavar="PROJECT_ID",
                help="Collect this project (id or number; repeatable).",
            ),
            click.Option(
                ["--folder"],
                multiple=True,
                metavar="FOLDER_ID",
                help="Collect every project under this folder (numeric id; repeatable).",
            ),
            click.Option(
                ["--organization"],
                multiple=True,
                metavar="ORG_ID",
                help="Collect the whole organization (numeric id; repeatable). At least one "
                "--project, --folder or --organization is required.",
            ),
            click.Option(
                ["--all-assets"],
                is_flag=True,
                help="List every asset type (and every IAM policy), not only the types the checks read.",
            ),
            click.Option(
                ["--endpoint"],
                default=None,
                metavar="URL",
                help="Cloud Asset Inventory endpoint, e.g. a Private Service Connect one "
                "(https://cloudasset-ENDPOINT.p.googleapis.com). Credentials: Application Default "
                "Credentials; an http:// endpoint is accepted on loopback only, with anonymous credentials.",
            ),
        ]

    @classmethod
    def cli_example(cls) -> str:
        return "attest collect gcp --organization 123456789012"

    @classmethod
    def permission_document(cls) -> str:
        """A custom role definition (YAML) with the predefined roles that cover it (`attest permissions gcp`)."""
        return declared.custom_role_yaml()

    @classmethod
    def from_cli(
        cls,
        project: tuple[str, ...] | list[str] = (),
        folder: tuple[str, ...] | list[str] = (),
        organization: tuple[str, ...] | list[str] = (),
        all_assets: bool = False,
        endpoint: str | None = None,
    ) -> "GcpCollector":
        scopes = [parse_scope("project", p) for p in project]
        scopes += [parse_scope("folder", f) for f in folder]
        scopes += [parse_scope("organization", o) for o in organization]
        if not scopes:
            raise InputError(
                "attest collect gcp needs a scope: --project PROJECT_ID, --folder FOLDER_ID or "
                "--organization ORG_ID (repeatable)"
            )
        where = parse_endpoint(endpoint)
        return cls(make_client(where), scopes, all_assets=all_assets, endpoint=where.url)

    # Collection -----------------------------------------------------------------------------
    def collect(self, sink: EvidenceSink, progress: Progress) -> CollectionScope:
        read_time = (datetime.now(timezone.utc) - SNAPSHOT_LAG).replace(microsecond=0)
        shared = Shared(
            sink=sink,
            progress=progress,
            client=self.client,
            read_time=read_time,
            retry=self.retry,
            all_assets=self.all_assets,
            page_size=self.page_size,
        )
        progress.add_total(len(self.scopes))
        log.info("collecting %d GCP scope(s) at snapshot %s", len(self.scopes), read_time.isoformat())
        pool = ThreadPoolExecutor(min(self.max_workers, len(self.scopes)), thread_name_prefix="gcp-scope")
        try:
            futures = {pool.submit(_run, ScopeCollection(scope, shared)): scope for scope in self.scopes}
            for future in as_completed(futures):
                future.result()
                progress.advance(f"gcp {futures[future].parent}")
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        log.info("GCP: %d resources, %d collection errors", shared.resources, len(shared.failures))
        _fail_if_nothing_reachable(shared.resources, shared.failures, len(self.scopes))
        options = {
            "project": [s.id for s in self.scopes if s.kind == "project"],
            "folder": [s.id for s in self.scopes if s.kind == "folder"],
            "organization": [s.id for s in self.scopes if s.kind == "organization"],
            "read_time": [read_time.isoformat().replace("+00:00", "Z")],
        }
        if self.all_assets:
            options["all_assets"] = ["true"]
        if self.endpoint:
            options["endpoint"] = [self.endpoint]
        return CollectionScope(
            accounts=[s.account for s in self.scopes],
            regions=["global"],
            resource_types=list(self.resource_types),
            options={k: v for k, v in options.items() if v},
        )


def _run(collection: ScopeCollection) -> None:
    """One scope. API failures are recorded by the scope; anything else is a bug, recorded too."""
    try:
        collection.run()
    except Exception as exc:  # keep going past a failing scope: record it, never skip silently
        log.exception("gcp %s failed unexpectedly", collection.scope.parent)
        collection.shared.error(
            CollectionError(
                service="cloudasset",
                region="global",
                account=collection.scope.account,
                api="cloudasset:*",
                code=type(exc).__name__,
                message=redact(str(exc) or type(exc).__name__),
                resource_types=list(catalog.RESOURCE_TYPES),
            )
        )


_NO_ACCESS = TRANSPORT_CODES | {"UNAUTHENTICATED"}


def _fail_if_nothing_reachable(resources: int, failures: list[CollectionError], scopes: int) -> None:
    """No bundle when nothing could be read because of credentials or the endpoint."""
    scopes_failed = {e.account for e in failures if e.code in _NO_ACCESS}
    if resources == 0 and failures and len(scopes_failed) == scopes:
        first = failures[0]
        raise CollectionFailed(
            f"could not reach Cloud Asset Inventory for any scope ({first.code}: {first.message}); "
            "check --endpoint, network access and credentials (gcloud auth application-default login)"
        )
