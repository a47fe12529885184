"""Scopes (`--project`, `--folder`, `--organization`) and the collection of one scope.

One scope is read with at most four ListAssets listings, all at the same snapshot time
(`read_time`), in this order:

1. IAM_POLICY for the types whose IAM policy a check reads: kept in memory (policies only,
   never resources) until their resource arrives;
2. ORG_POLICY for the hierarchy types: likewise;
3. RESOURCE for the hierarchy types (organization, folders, projects): project numbers ->
   ids, written with their policies attached;
4. RESOURCE for every other type (or every type with `--all-assets`), streamed page by page
   into the sink with `iamPolicy` attached where listed.

Failures (docs/resources/gcp.md, "Collection errors"): a scope that does not exist, an API
that is not enabled or missing credentials end the scope with one CollectionError naming
every type left unread; a failed RESOURCE listing does the same for the types it and the
later listings would have read (what was already written stays, and the error makes the
checks of those types `error` for the scope). A failed IAM_POLICY or ORG_POLICY listing is
recorded once for the scope with no types, and every resource whose policy it left unknown
carries the error itself (its `iamPolicy` / `orgPolicy` key absent), so only the checks
that need the policy report `error`.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from google.api_core import retry as retries

from attestkit.collectors.gcp import catalog
from attestkit.collectors.gcp.calls import AssetFailure, list_pages
from attestkit.collectors.gcp.convert import project_id_of, to_resource
from attestkit.collectors.interface import EvidenceSink, Progress
from attestkit.errors import InputError
from attestkit.models import CollectionError, ReadError

log = logging.getLogger(__name__)

ScopeKind = Literal["project", "folder", "organization"]

_PROJECT_ID = re.compile(r"(?:[a-z0-9][a-z0-9.\-]*[a-z0-9]:)?[a-z][a-z0-9\-]{4,28}[a-z0-9]")
"""A project id (6-30 characters), optionally domain-scoped (`example.com:my-project`)."""
_NUMBER = re.compile(r"[0-9]{1,20}")
_PLURAL = {"project": "projects", "folder": "folders", "organization": "organizations"}


@dataclass(frozen=True, order=True)
class Scope:
    kind: ScopeKind
    id: str

    @property
    def parent(self) -> str:
        """The ListAssets parent: `projects/ID`, `folders/N`, `organizations/N`."""
        return f"{_PLURAL[self.kind]}/{self.id}"

    @property
    def account(self) -> str:
        """How collection errors and the manifest name the scope: a project by its id (as
        resources' `account` do), a folder or organization as `folders/N` / `organizations/N`
        (as assets' `ancestors` do)."""
        return self.id if self.kind == "project" else self.parent


def parse_scope(kind: ScopeKind, value: str) -> Scope:
    """`value` as given to `--project` / `--folder` / `--organization`, with or without its prefix."""
    text = value.strip().removeprefix(f"{_PLURAL[kind]}/")
    if kind == "project" and (_PROJECT_ID.fullmatch(text) or _NUMBER.fullmatch(text)):
        return Scope(kind, text)
    if kind != "project" and _NUMBER.fullmatch(text):
        return Scope(kind, text)
    expected = (
        "a project id (6-30 lowercase letters, digits and hyphens, e.g. carebridge-prod) or project number"
        if kind == "project"
        else f"a numeric {kind} id (e.g. {_PLURAL[kind]}/123456789012 or 123456789012)"
    )
    raise InputError(f"--{kind} {value}: not {expected}")


@dataclass
class Shared:
    """State shared by the scopes of one run (they may overlap: an organization and one of its projects)."""

    sink: EvidenceSink
    progress: Progress
    client: Any
    read_time: datetime
    retry: retries.Retry
    all_assets: bool
    page_size: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    seen: set[str] = field(default_factory=set)
    project_ids: dict[str, str] = field(default_factory=dict)
    resources: int = 0
    failures: list[CollectionError] = field(default_factory=list)

    def claim(self, name: str) -> bool:
        """True the first time an asset name is written in this run."""
        with self.lock:
            if name in self.seen:
                return False
            self.seen.add(name)
            self.resources += 1
            return True

    def error(self, error: CollectionError) -> None:
        log.warning(
            "gcp %s: %s failed: %s: %s%s",
            error.account,
            error.api,
            error.code,
            error.message,
            f" (left unread: {len(error.resource_types)} types)" if error.resource_types else "",
        )
        self.sink.error(error)
        with self.lock:
            self.failures.append(error)


class _Policies:
    """Policies of one content type, held by asset name until their resource is written."""

    def __init__(self, content_type: str, key: str, types: Iterable[str] | None) -> None:
        self.content_type = content_type
        self.key = key
        self.types = None if types is None else frozenset(types)
        """Types whose resources get `key` (None: every type)."""
        self.by_name: dict[str, Any] = {}
        self.failure: AssetFailure | None = None

    def applies_to(self, asset_type: str) -> bool:
        return self.types is None or asset_type in self.types

    def attach(self, name: str, attached: dict[str, Any], errors: list[ReadError]) -> None:
        if name in self.by_name:
            attached[self.key] = self.by_name.pop(name)
        elif self.failure is None:
            attached[self.key] = None  # the listing completed: none is set
        else:
            errors.append(self.failure.read_error())


class ScopeCollection:
    """Collect one scope into the shared sink."""

    def __init__(self, scope: Scope, shared: Shared) -> None:
        self.scope = scope
        self.shared = shared
        all_assets = shared.all_assets
        self.iam = _Policies(catalog.IAM_POLICY, "iamPolicy", None if all_assets else catalog.IAM_POLICY_TYPES)
        self.org = _Policies(catalog.ORG_POLICY, "orgPolicy", catalog.ORG_POLICY_TYPES)
        self.resource_calls: list[tuple[str, ...]] = [
            catalog.HIERARCHY_TYPES,
            () if all_assets else catalog.SERVICE_TYPES,
        ]
        self.pages = 0

    def run(self) -> None:
        for policies in (self.iam, self.org):
            try:
                self._list_policies(policies)
            except AssetFailure as failure:
                if failure.scope_fatal:
                    self._record(failure, catalog.RESOURCE_TYPES)
                    return
                policies.failure = failure
        resources_read = False
        for index, types in enumerate(self.resource_calls):
            try:
                for assets in self._pages(catalog.RESOURCE, types):
                    resources_read = True
                    for asset in assets:
                        self._write(asset)
            except AssetFailure as failure:
                unread = {t for call in self.resource_calls[index:] for t in (call or catalog.RESOURCE_TYPES)}
                self._record(failure, unread)
                if not resources_read:
                    return  # the policy failures, if any, had the same cause
                break
        for policies in (self.iam, self.org):
            if policies.failure is not None:
                self._record(policies.failure, ())
            if policies.by_name:
                log.debug("%s: %d %s without a listed resource", self.scope.parent, len(policies.by_name), policies.key)

    # ------------------------------------------------------------------------------------
    def _pages(self, content_type: str, types: Iterable[str]):
        shared = self.shared
        for assets in list_pages(
            shared.client,
            parent=self.scope.parent,
            content_type=content_type,
            asset_types=types,
            read_time=shared.read_time,
            retry=shared.retry,
            page_size=shared.page_size,
        ):
            self.pages += 1
            shared.progress.advance(f"gcp {self.scope.parent} {content_type.lower()} page {self.pages}", 0)
            yield assets

    def _list_policies(self, policies: _Policies) -> None:
        types = () if policies.types is None else sorted(policies.types)
        field_name = policies.key
        for assets in self._pages(policies.content_type, types):
            for asset in assets:
                value = asset.get(field_name)
                if value:
                    policies.by_name[str(asset["name"])] = value

    def _write(self, asset: Mapping[str, Any]) -> None:
        shared = self.shared
        name = str(asset.get("name") or "")
        asset_type = str(asset.get("assetType") or "")
        if not name or not asset_type:
            log.warning("%s: an asset without name or type was skipped", self.scope.parent)
            return
        if asset_type == catalog.PROJECT:
            pair = project_id_of(asset)
            if pair:
                shared.project_ids[pair[0]] = pair[1]
        if not shared.claim(name):
            return  # already written by an overlapping scope
        attached: dict[str, Any] = {}
        errors: list[ReadError] = []
        for policies in (self.iam, self.org):
            if policies.applies_to(asset_type):
                policies.attach(name, attached, errors)
        shared.sink.add(to_resource(asset, project_ids=shared.project_ids, attached=attached, errors=errors))

    def _record(self, failure: AssetFailure, unread: Iterable[str]) -> None:
        self.shared.error(failure.scope_error(account=self.scope.account, resource_types=unread))
