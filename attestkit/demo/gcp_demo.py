"""`attest demo gcp`: a recorded GCP organization served on 127.0.0.1, collected by the real collector.

`AssetServer` is a small, faithful Cloud Asset Inventory endpoint for the one REST method
the collector uses, `GET /v1/{parent}/assets` (ListAssets): parents `projects/ID|NUMBER`,
`folders/N`, `organizations/N`; `contentType` as the integer enum the REST transport sends
(or its name); `assetTypes` by name or RE2-style regular expression; `pageSize` (default
100, at most 1000) and opaque `nextPageToken`s bound to their query; `readTime`; enums in
IAM and org policies encoded as integers when the request asks for `enum-encoding=int`, as
the real service does. Errors use Google's JSON error shape (`{"error": {code, message,
status, details}}`): an unknown scope is 404 NOT_FOUND, and tests inject others (`Fault`).

`AssetInventory.recorded()` is the Carebridge Health organization recorded in
`data/gcp/carebridge-organization.json` (one organization, one folder, two projects, about
sixty resources, compliant and deliberately misconfigured ones); `data/gcp/expectations.json`
says what every check must conclude about each. Timestamps are shifted so that the
recording looks made a moment ago: ages (key rotation, service account keys) judge the
same on any day.

The demo collects the organization through `GcpCollector.from_cli(--organization,
--endpoint http://127.0.0.1:PORT)`: the same code path as `attest collect gcp`, with the
real `AssetServiceClient` over HTTP and anonymous credentials (the loopback rule).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from attestkit.collectors.interface import Progress
from attestkit.models import BundleManifest

ORGANIZATION_ID = "615243789012"
PROJECTS = ("carebridge-prod", "carebridge-analytics")
RECORDING = "carebridge-organization.json"
EXPECTATIONS = "expectations.json"

CONTENT_TYPES = {0: "CONTENT_TYPE_UNSPECIFIED", 1: "RESOURCE", 2: "IAM_POLICY", 4: "ORG_POLICY", 5: "ACCESS_POLICY",
                 6: "OS_INVENTORY", 7: "RELATIONSHIP"}  # fmt: skip
_CONTENT_NUMBERS = {name: number for number, name in CONTENT_TYPES.items()}
_CONTENT_FIELD = {"IAM_POLICY": "iamPolicy", "ORG_POLICY": "orgPolicy"}

_LOG_TYPES = {"LOG_TYPE_UNSPECIFIED": 0, "ADMIN_READ": 1, "DATA_WRITE": 2, "DATA_READ": 3}
_ALL_VALUES = {"ALL_VALUES_UNSPECIFIED": 0, "ALLOW": 1, "DENY": 2}
_PARENT = re.compile(r"/v1/((projects|folders|organizations)/([^/]+))/assets")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
_MAX_PAGE = 1000
_DEFAULT_PAGE = 100
_STATUS_CODES = {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED",
                 500: "INTERNAL", 503: "UNAVAILABLE"}  # fmt: skip


def data_file(name: str) -> Any:
    """A file of the recorded organization (`attestkit/demo/data/gcp/`), parsed."""
    return json.loads((files("attestkit.demo") / "data" / "gcp" / name).read_text(encoding="utf-8"))


def expectations() -> list[dict[str, str]]:
    """What every check must conclude about each recorded resource: `check`, `resource`,
    `status` (collecting the two projects), and `organization_status` where collecting the
    whole organization (inherited policies visible) concludes otherwise."""
    return list(data_file(EXPECTATIONS)["expectations"])


# Timestamps -------------------------------------------------------------------------------
def _shift(value: str, delta: timedelta) -> str:
    match = _TIMESTAMP.fullmatch(value)
    if not match or value.startswith("9999"):
        return value
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    shifted = (moment + delta).astimezone(moment.tzinfo)
    fraction = match.group(1) or ""
    text = shifted.strftime("%Y-%m-%dT%H:%M:%S")
    if fraction:
        text += f".{shifted.microsecond:06d}"[: len(fraction)]
    return text + ("Z" if match.group(2) == "Z" else shifted.strftime("%z")[:3] + ":" + shifted.strftime("%z")[3:])


def shift_times(value: Any, delta: timedelta) -> Any:
    """`value` with every RFC 3339 timestamp moved by `delta` (9999 sentinels kept)."""
    if isinstance(value, dict):
        return {k: shift_times(v, delta) for k, v in value.items()}
    if isinstance(value, list):
        return [shift_times(v, delta) for v in value]
    if isinstance(value, str) and len(value) >= 20 and value[4:5] == "-":
        return _shift(value, delta)
    return value


# The inventory ----------------------------------------------------------------------------
class AssetInventory:
    """ListAssets content per content type, each asset as the REST API returns it."""

    def __init__(self, content: dict[str, list[dict[str, Any]]]) -> None:
        self.content = {kind: sorted(assets, key=lambda a: a["name"]) for kind, assets in content.items()}
        self.project_numbers: dict[str, str] = {}
        self.containers: set[str] = set()
        for asset in self.content.get("RESOURCE", []):
            self.containers.update(asset.get("ancestors") or [])
            if asset["assetType"] == "cloudresourcemanager.googleapis.com/Project":
                data = asset["resource"]["data"]
                self.project_numbers[data["projectId"]] = str(data["projectNumber"])
        self._selections: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        self._lock = threading.Lock()

    @classmethod
    def recorded(cls, as_of: datetime | None = None) -> "AssetInventory":
        """The recorded Carebridge organization, its timestamps moved so it was recorded at `as_of` (now)."""
        doc = data_file(RECORDING)
        recorded_at = datetime.fromisoformat(doc["recorded_at"].replace("Z", "+00:00"))
        delta = (as_of or datetime.now(timezone.utc)) - recorded_at
        return cls({kind: shift_times(doc[kind], delta) for kind in ("RESOURCE", "IAM_POLICY", "ORG_POLICY")})

    def ancestor_name(self, parent: str) -> str | None:
        """The `ancestors` entry a parent stands for (`projects/ID` -> `projects/NUMBER`), None if unknown."""
        kind, _, ident = parent.partition("/")
        if kind == "projects" and not ident.isdigit():
            number = self.project_numbers.get(ident)
            return f"projects/{number}" if number else None
        return parent if parent in self.containers else None

    def select(self, ancestor: str, content_type: str, asset_types: tuple[str, ...]) -> list[dict[str, Any]]:
        key = (ancestor, content_type, asset_types)
        with self._lock:
            cached = self._selections.get(key)
        if cached is not None:
            return cached
        source = "RESOURCE" if content_type == "CONTENT_TYPE_UNSPECIFIED" else content_type
        matchers = [_type_matcher(t) for t in asset_types]
        selected = [
            a
            for a in self.content.get(source, [])
            if ancestor in (a.get("ancestors") or ()) and (not matchers or any(m(a["assetType"]) for m in matchers))
        ]
        if content_type == "CONTENT_TYPE_UNSPECIFIED":  # names only
            selected = [{k: a[k] for k in ("name", "assetType", "ancestors", "updateTime") if k in a} for a in selected]
        with self._lock:
            self._selections[key] = selected
        return selected


def _type_matcher(asset_type: str) -> Callable[[str], bool]:
    if re.fullmatch(r"[A-Za-z0-9./_\-]+", asset_type) and "*" not in asset_type:
        return asset_type.__eq__
    pattern = re.compile(asset_type)
    return lambda name: pattern.fullmatch(name) is not None


def _int_enums(asset: dict[str, Any]) -> dict[str, Any]:
    """An asset with the enums of its IAM and org policies as integers (`enum-encoding=int`)."""
    out = dict(asset)
    policy = asset.get("iamPolicy")
    if isinstance(policy, dict) and policy.get("auditConfigs"):
        out["iamPolicy"] = {
            **policy,
            "auditConfigs": [
                {
                    **config,
                    "auditLogConfigs": [
                        {**c, "logType": _LOG_TYPES.get(c.get("logType"), c.get("logType"))}
                        for c in config.get("auditLogConfigs", [])
                    ],
                }
                for config in policy["auditConfigs"]
            ],
        }
    if isinstance(asset.get("orgPolicy"), list):
        out["orgPolicy"] = [
            {**p, "listPolicy": {**p["listPolicy"], "allValues": _ALL_VALUES[p["listPolicy"]["allValues"]]}}
            if isinstance(p.get("listPolicy"), dict) and p["listPolicy"].get("allValues") in _ALL_VALUES
            else p
            for p in asset["orgPolicy"]
        ]
    return out


# Errors -----------------------------------------------------------------------------------
def google_error(http_status: int, message: str, *, status: str | None = None, reason: str | None = None,
                 domain: str = "googleapis.com", metadata: dict[str, str] | None = None) -> dict[str, Any]:  # fmt: skip
    """A Google API JSON error body."""
    error: dict[str, Any] = {
        "code": http_status,
        "message": message,
        "status": status or _STATUS_CODES.get(http_status, "UNKNOWN"),
    }
    if reason:
        error["details"] = [
            {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                "reason": reason,
                "domain": domain,
                "metadata": metadata or {},
            }
        ]
    return {"error": error}


@dataclass
class Fault:
    """Answer matching requests with an error instead of assets.

    `parent` (e.g. `projects/carebridge-sandbox`) and `content_type` (name) narrow which
    requests; `page` only the request for that page of a listing (0 is the first); `times`
    how many matching requests fail before the fault stops (None: all)."""

    status: int
    body: dict[str, Any]
    parent: str | None = None
    content_type: str | None = None
    page: int | None = None
    times: int | None = None
    hits: int = 0

    def matches(self, parent: str, content_type: str, page: int) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        return (
            (self.parent is None or self.parent == parent)
            and (self.content_type is None or self.content_type == content_type)
            and (self.page is None or self.page == page)
        )


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    parent: str | None
    content_type: str | None
    """As sent: the integer enum, as text."""
    asset_types: tuple[str, ...]
    page_size: str | None
    page_token: str | None
    read_time: str | None
    alt: str | None
    status: int


# The server -------------------------------------------------------------------------------
@dataclass
class _State:
    inventory: AssetInventory
    max_page_size: int
    faults: list[Fault] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class AssetServer:
    """Cloud Asset Inventory's ListAssets on 127.0.0.1, in a background thread. A context manager."""

    def __init__(self, inventory: AssetInventory, *, max_page_size: int = _MAX_PAGE) -> None:
        self.state = _State(inventory=inventory, max_page_size=max_page_size)
        state = self.state

        class Handler(_Handler):
            pass

        Handler.state = state
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-cloudasset", daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self.state.lock:
            return list(self.state.requests)

    def add_fault(self, fault: Fault) -> Fault:
        with self.state.lock:
            self.state.faults.append(fault)
        return fault

    def clear(self) -> None:
        """Forget faults and recorded requests."""
        with self.state.lock:
            self.state.faults.clear()
            self.state.requests.clear()

    def start(self) -> "AssetServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> "AssetServer":
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    state: _State
    protocol_version = "HTTP/1.1"
    server_version = "ESF"
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # http.server's naming
        split = urlsplit(self.path)
        query = parse_qs(split.query, keep_blank_values=True)
        match = _PARENT.fullmatch(split.path)

        def one(key: str) -> str | None:
            return (query.get(key) or [None])[0]

        parent = match.group(1) if match else None
        content_raw = one("contentType")
        status, body = self._answer(parent, query, one)
        with self.state.lock:
            self.state.requests.append(
                RecordedRequest(
                    method="GET",
                    path=split.path,
                    parent=parent,
                    content_type=content_raw,
                    asset_types=tuple(query.get("assetTypes", [])),
                    page_size=one("pageSize"),
                    page_token=one("pageToken"),
                    read_time=one("readTime"),
                    alt=one("$alt"),
                    status=status,
                )
            )
        payload = json.dumps(body, separators=(",", ":")).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _answer(
        self, parent: str | None, query: dict[str, list[str]], one: Callable[[str], str | None]
    ) -> tuple[int, dict[str, Any]]:
        state = self.state
        if parent is None:
            return 404, google_error(404, f"Method not found: GET {urlsplit(self.path).path}")
        content_raw = one("contentType") or "0"
        content_type = (
            CONTENT_TYPES.get(int(content_raw))
            if content_raw.isdigit()
            else (content_raw if content_raw in _CONTENT_NUMBERS else None)
        )
        if content_type is None:
            return 400, google_error(
                400,
                f"Invalid value at 'content_type' (type.googleapis.com/google.cloud.asset.v1.ContentType), \"{content_raw}\"",
            )
        asset_types = tuple(query.get("assetTypes", []))
        read_time = one("readTime")
        page_token = one("pageToken") or ""
        query_key = json.dumps([parent, content_type, asset_types, read_time]).encode()
        fingerprint = hashlib.sha256(query_key).hexdigest()[:16]
        offset = 0
        if page_token:
            try:
                token = json.loads(base64.urlsafe_b64decode(page_token.encode()))
                offset, bound = int(token["o"]), token["q"]
            except (ValueError, KeyError, TypeError):
                return 400, google_error(400, "Invalid page token.")
            if bound != fingerprint:
                return 400, google_error(
                    400, "The page token does not match the request; request parameters must not change between pages."
                )
        page_size = one("pageSize") or str(_DEFAULT_PAGE)
        if not page_size.isdigit():
            return 400, google_error(400, f"Invalid value at 'page_size' (TYPE_INT32), \"{page_size}\"")
        size = min(int(page_size) or _DEFAULT_PAGE, _MAX_PAGE, state.max_page_size)
        page = offset // max(size, 1)
        with state.lock:
            fault = next((f for f in state.faults if f.matches(parent, content_type, page)), None)
            if fault is not None:
                fault.hits += 1
        if fault is not None:
            return fault.status, fault.body
        if read_time is not None:
            try:
                moment = datetime.fromisoformat(read_time.replace("Z", "+00:00"))
            except ValueError:
                return 400, google_error(
                    400,
                    f"Invalid value at 'read_time' (type.googleapis.com/google.protobuf.Timestamp), \"{read_time}\"",
                )
            now = datetime.now(timezone.utc)
            if moment > now + timedelta(seconds=5) or moment < now - timedelta(days=35):
                return 400, google_error(400, "read_time must be within the last 35 days and not in the future.")
        ancestor = state.inventory.ancestor_name(parent)
        if ancestor is None:
            kind = parent.split("/", 1)[0][:-1].capitalize()
            return 404, google_error(404, f"{kind} '{parent}' not found or permission denied.")
        selected = state.inventory.select(ancestor, content_type, asset_types)
        chunk = selected[offset : offset + size]
        if "enum-encoding=int" in (one("$alt") or ""):
            chunk = [_int_enums(a) for a in chunk]
        body: dict[str, Any] = {
            "readTime": read_time
            or datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z"),
            "assets": chunk,
        }
        if offset + size < len(selected):
            token = {"o": offset + size, "q": fingerprint}
            body["nextPageToken"] = base64.urlsafe_b64encode(json.dumps(token).encode()).decode()
        return 200, body


# The demo ---------------------------------------------------------------------------------
_HIDDEN = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy")


@contextmanager
def loopback_only_environment() -> Iterator[None]:
    """No proxy between the client and 127.0.0.1 (requests would route loopback through one)."""
    saved = dict(os.environ)
    try:
        for key in _HIDDEN:
            os.environ.pop(key, None)
        os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def collect_demo(evidence_dir: Path, progress: Progress) -> tuple[Path, BundleManifest]:
    """Serve the recorded organization on 127.0.0.1 and collect it into a new bundle under `evidence_dir`."""
    from attestkit.collectors.gcp import GcpCollector
    from attestkit.pipeline import collect

    with loopback_only_environment(), AssetServer(AssetInventory.recorded()) as server:
        collector = GcpCollector.from_cli(organization=(ORGANIZATION_ID,), endpoint=server.url)
        return collect(collector, evidence_dir, progress)
