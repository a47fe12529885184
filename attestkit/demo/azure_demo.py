"""`attest demo azure`: a recorded Azure estate served on 127.0.0.1, collected by the real collector.

Carebridge Health's two subscriptions (production and development) are recorded as the
responses Azure Resource Manager and Resource Graph give for them (JSON under
`attestkit/demo/data/azure/`, described in its README.md): Resource Graph rows for every
resource, the ARM bodies of the child settings the collector reads (SQL auditing, TDE,
firewall rules, blob service properties, Key Vault keys and secrets, App Service
configuration, server parameters, backup configuration, diagnostic settings), with
`nextLink` and `$skipToken` paging, and the failures recorded with them: a 429 with
`Retry-After` that succeeds when retried, and a few `AuthorizationFailed` denials.

`ArmServer` serves an estate over plain HTTP on 127.0.0.1 the way ARM does: the same paths,
`api-version` required, an `Authorization` header required, ARM's error bodies, Resource
Graph queries answered from the recorded rows (`<table> | where type =~ '<type>'`, scoped
to the request's subscriptions or management groups, ordered by id, paged with an opaque
`$skipToken`), and `nextLink`s pointing back at the server. It records every call it
answers, named by the REST operation it is (`sql:ServerBlobAuditingPolicies_Get`, ...), and
injects `Fault`s on request. The demo, the tests and the scale benchmark all use it;
`collect_demo` runs the real `AzureCollector` against it through `--endpoint`, so no
credential is created and nothing leaves the machine.
"""

from __future__ import annotations

import base64
import copy
import json
import logging
import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any, Protocol, Self
from urllib.parse import parse_qsl, urlsplit

from attestkit.collectors.interface import Progress
from attestkit.models import BundleManifest

log = logging.getLogger(__name__)

RECORDED_ORIGIN = "https://management.azure.com"
"""The origin the recordings were made against; rewritten to the server's own on the way out."""

PROD_SUBSCRIPTION = "3f2b8c1e-6d4a-4e9b-a7c5-1d0e9f8b2a64"
DEV_SUBSCRIPTION = "9a7d6c5b-4e3f-4a2b-8c1d-0e9f8a7b6c5d"
DEMO_SUBSCRIPTIONS: tuple[str, ...] = (PROD_SUBSCRIPTION, DEV_SUBSCRIPTION)
MANAGEMENT_GROUP = "mg-carebridge"
"""The management group both demo subscriptions sit below."""

_RG = r"/subscriptions/[^/]+/resourcegroups/[^/]+/providers"
ROUTES: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (method, re.compile(pattern + "$"), operation)
    for method, pattern, operation in (
        ("POST", r"/providers/microsoft\.resourcegraph/resources", "resourcegraph:Resources"),
        ("GET", r"/subscriptions/[^/]+", "resources:Subscriptions_Get"),
        (
            "GET",
            r"/subscriptions/[^/]+/providers/microsoft\.insights/diagnosticsettings",
            "insights:SubscriptionDiagnosticSettings_List",
        ),
        (
            "GET",
            _RG + r"/microsoft\.storage/storageaccounts/[^/]+/blobservices/default",
            "storage:BlobServices_GetServiceProperties",
        ),
        ("GET", _RG + r"/microsoft\.sql/servers/[^/]+/auditingsettings/default", "sql:ServerBlobAuditingPolicies_Get"),
        ("GET", _RG + r"/microsoft\.sql/servers/[^/]+/firewallrules", "sql:FirewallRules_ListByServer"),
        ("GET", _RG + r"/microsoft\.sql/servers/[^/]+/administrators", "sql:ServerAzureADAdministrators_ListByServer"),
        (
            "GET",
            _RG + r"/microsoft\.sql/servers/[^/]+/databases/[^/]+/transparentdataencryption/current",
            "sql:TransparentDataEncryptions_Get",
        ),
        ("GET", _RG + r"/microsoft\.keyvault/vaults/[^/]+/keys", "keyvault:Keys_List"),
        ("GET", _RG + r"/microsoft\.keyvault/vaults/[^/]+/secrets", "keyvault:Secrets_List"),
        ("GET", _RG + r"/microsoft\.web/sites/[^/]+/config/web", "web:WebApps_GetConfiguration"),
        (
            "GET",
            _RG + r"/microsoft\.dbforpostgresql/flexibleservers/[^/]+/configurations/[^/]+",
            "postgresql:Configurations_Get",
        ),
        ("GET", _RG + r"/microsoft\.dbformysql/flexibleservers/[^/]+/configurations/[^/]+", "mysql:Configurations_Get"),
        (
            "GET",
            _RG + r"/microsoft\.recoveryservices/vaults/[^/]+/backupconfig/vaultconfig",
            "recoveryservices:BackupResourceVaultConfigs_Get",
        ),
    )
)
"""Every REST operation the server answers: method, lower-cased path pattern, operation id."""


def operation_of(method: str, path: str) -> str | None:
    """The REST operation a request is, or None when the server does not serve it."""
    lowered = path.lower().rstrip("/")
    for route_method, pattern, operation in ROUTES:
        if method == route_method and pattern.match(lowered):
            return operation
    return None


# Estates -----------------------------------------------------------------------------------
class Estate(Protocol):
    """What the server serves. `RecordedEstate` reads recordings; the benchmark generates one."""

    def subscription(self, subscription_id: str) -> dict[str, Any] | None: ...

    def graph_rows(
        self,
        table: str,
        rtype: str | None,
        subscriptions: frozenset[str] | None,
        management_groups: frozenset[str] | None,
    ) -> Sequence[dict[str, Any]]:
        """Rows of `table` (of `rtype` when given, lower-cased) in scope, sorted by id."""
        ...

    def arm(self, path: str, skip_token: str | None) -> dict[str, Any] | None:
        """The recorded body of GET `path` (lower-cased, no query), or of its page `skip_token`."""
        ...


def data_dir() -> Path:
    """The recorded Carebridge estate, shipped as package data."""
    return Path(str(files("attestkit.demo").joinpath("data", "azure")))


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


class RecordedEstate:
    """An estate read from recordings: subscriptions, Resource Graph rows, ARM bodies, faults."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or data_dir()
        self.directory = directory
        meta = _load(directory / "estate.json")
        self.graph_page_size: int = int(meta.get("graph_page_size", 1000))
        self._subscriptions = {s["subscriptionId"].lower(): s for s in _load(directory / "subscriptions.json")}
        self._tables: dict[str, list[dict[str, Any]]] = {}
        for path in sorted((directory / "resourcegraph").glob("*.json")):
            self._tables[path.stem.lower()] = sorted(_load(path), key=lambda row: str(row["id"]).lower())
        self._arm: dict[str, dict[str, Any]] = {}
        for path in sorted((directory / "arm").glob("*.json")):
            for key, body in _load(path).items():
                self._arm[key.lower()] = body
        self.faults: list[Fault] = [Fault.from_json(f) for f in _load(directory / "faults.json")]
        self._groups: dict[str, set[str]] = {}
        for row in self._tables.get("resourcecontainers", []):
            chain = (row.get("properties") or {}).get("managementGroupAncestorsChain") or []
            self._groups[str(row.get("subscriptionId", "")).lower()] = {str(g.get("name", "")).lower() for g in chain}

    def subscription(self, subscription_id: str) -> dict[str, Any] | None:
        return self._subscriptions.get(subscription_id.lower())

    def graph_rows(
        self,
        table: str,
        rtype: str | None,
        subscriptions: frozenset[str] | None,
        management_groups: frozenset[str] | None,
    ) -> Sequence[dict[str, Any]]:
        rows = self._tables.get(table.lower(), [])
        return [r for r in rows if _row_matches(r, rtype, subscriptions, management_groups, self._groups)]

    def arm(self, path: str, skip_token: str | None) -> dict[str, Any] | None:
        key = path if skip_token is None else f"{path}?$skiptoken={skip_token.lower()}"
        return self._arm.get(key)


def _row_matches(
    row: dict[str, Any],
    rtype: str | None,
    subscriptions: frozenset[str] | None,
    management_groups: frozenset[str] | None,
    groups: dict[str, set[str]],
) -> bool:
    if rtype is not None and str(row.get("type", "")).lower() != rtype:
        return False
    sub = str(row.get("subscriptionId", "")).lower()
    if subscriptions is not None and sub not in subscriptions:
        return False
    return management_groups is None or bool(groups.get(sub, set()) & management_groups)


# Faults ------------------------------------------------------------------------------------
@dataclass
class Fault:
    """Answer matching requests with an ARM error `times` times (None: always)."""

    status: int
    code: str
    message: str
    operation: str | None = None
    """Only this REST operation (e.g. `resourcegraph:Resources`)."""
    path: str | None = None
    """Only paths matching this regular expression (case-insensitive)."""
    graph_type: str | None = None
    """Only Resource Graph queries for this type."""
    subscription: str | None = None
    """Only requests about this subscription (in the path, or in a query's scope)."""
    times: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    """The full recorded body; default `{"error": {"code", "message"}}`."""
    injected: int = 0

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fault:
        return cls(**{k: v for k, v in data.items() if not k.startswith("_")})

    def matches(self, call: Call) -> bool:
        if self.operation is not None and call.operation != self.operation:
            return False
        if self.path is not None and not re.search(self.path, call.path, re.IGNORECASE):
            return False
        if self.graph_type is not None and call.graph_type != self.graph_type.lower():
            return False
        if self.subscription is not None and self.subscription.lower() not in call.subscriptions:
            return False
        return self.times is None or self.injected < self.times

    def response_body(self) -> dict[str, Any]:
        return self.body or {"error": {"code": self.code, "message": self.message}}


@dataclass(frozen=True)
class Call:
    """One request the server answered."""

    method: str
    path: str
    operation: str | None
    subscriptions: frozenset[str]
    graph_type: str | None
    status: int = 0
    at: float = 0.0


_SUBSCRIPTION_IN_PATH = re.compile(r"^/subscriptions/([^/?]+)", re.IGNORECASE)
_GRAPH_TABLE = re.compile(r"^\s*([A-Za-z]+)")
_GRAPH_TYPE = re.compile(r"where\s+type\s*=~\s*'([^']+)'", re.IGNORECASE)
_GRAPH_PROJECT = re.compile(r"\|\s*project\s+([\w\s,]+?)\s*(?:\||$)", re.IGNORECASE)


# The server --------------------------------------------------------------------------------
class ArmServer:
    """An estate served like ARM on http://127.0.0.1:PORT (a thread; use as a context manager).

    `faults` are added to the estate's recorded ones (each server counts its own
    injections); `recorded_faults=False` leaves the recorded ones out.
    """

    def __init__(
        self,
        estate: Estate,
        *,
        faults: Sequence[Fault] = (),
        recorded_faults: bool = True,
        graph_page_size: int | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.estate = estate
        recorded = [copy.copy(f) for f in getattr(estate, "faults", [])] if recorded_faults else []
        self.faults: list[Fault] = [*recorded, *faults]
        self.graph_page_size = graph_page_size or int(getattr(estate, "graph_page_size", 1000))
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        self._graph_cache: dict[tuple[Any, ...], Sequence[dict[str, Any]]] = {}
        self._httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> Self:
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="arm-server", daemon=True
        )
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def add_fault(self, fault: Fault) -> Fault:
        with self._lock:
            self.faults.append(fault)
        return fault

    def operations(self) -> set[str]:
        """Every REST operation called so far (unknown requests as `METHOD path`)."""
        with self._lock:
            return {c.operation or f"{c.method} {c.path}" for c in self.calls}

    # Request handling ------------------------------------------------------------------------
    def handle(self, method: str, target: str, headers: Any, body: bytes) -> tuple[int, dict[str, str], Any]:
        parts = urlsplit(target)
        path = parts.path.rstrip("/") or "/"
        query = {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
        operation = operation_of(method, path)
        request: dict[str, Any] = {}
        subscriptions: frozenset[str] = frozenset()
        graph_type: str | None = None
        if operation == "resourcegraph:Resources":
            try:
                request = json.loads(body or b"{}")
            except ValueError:
                request = {}
            subscriptions = frozenset(s.lower() for s in request.get("subscriptions") or [])
            found = _GRAPH_TYPE.search(str(request.get("query", "")))
            graph_type = found.group(1).lower() if found else None
        else:
            found = _SUBSCRIPTION_IN_PATH.match(path)
            subscriptions = frozenset({found.group(1).lower()}) if found else frozenset()
        call = Call(method, path, operation, subscriptions, graph_type)
        status, extra, response = self._answer(call, query, headers, request)
        with self._lock:
            self.calls.append(Call(method, path, operation, subscriptions, graph_type, status, time.monotonic()))
        return status, extra, response

    def _answer(
        self, call: Call, query: dict[str, str], headers: Any, request: dict[str, Any]
    ) -> tuple[int, dict[str, str], Any]:
        if not headers.get("Authorization"):
            return (
                401,
                {},
                _error("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing."),
            )
        if "api-version" not in query:
            return (
                400,
                {},
                _error(
                    "MissingApiVersionParameter",
                    "The api-version query parameter (?api-version=) is required for all requests.",
                ),
            )
        with self._lock:
            fault = next((f for f in self.faults if f.matches(call)), None)
            if fault is not None:
                fault.injected += 1
        if fault is not None:
            return fault.status, dict(fault.headers), fault.response_body()
        if call.operation == "resourcegraph:Resources":
            return self._graph(request)
        if call.operation is None:
            return (
                404,
                {},
                _error(
                    "InvalidResourceType", f"The resource type could not be found for the request path '{call.path}'."
                ),
            )
        if call.operation == "resources:Subscriptions_Get":
            sub = call.path.rsplit("/", 1)[-1]
            body = self.estate.subscription(sub)
            if body is None:
                return 404, {}, _error("SubscriptionNotFound", f"The subscription '{sub}' could not be found.")
            return 200, {}, body
        sub = next(iter(call.subscriptions), "")
        if self.estate.subscription(sub) is None:
            return 404, {}, _error("SubscriptionNotFound", f"The subscription '{sub}' could not be found.")
        body = self.estate.arm(call.path.lower(), query.get("$skiptoken"))
        if body is None:
            return (
                404,
                {},
                _error(
                    "ResourceNotFound",
                    f"The Resource '{call.path}' was not found. For more details please go to "
                    "https://aka.ms/ARMResourceNotFoundFix",
                ),
            )
        return 200, {}, body

    def _graph(self, request: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
        query = str(request.get("query", ""))
        table = _GRAPH_TABLE.match(query)
        if table is None:
            return 400, {}, _graph_error("InvalidQuery", "Query is invalid: no table.")
        found = _GRAPH_TYPE.search(query)
        rtype = found.group(1).lower() if found else None
        subs = request.get("subscriptions")
        groups = request.get("managementGroups")
        sub_scope = frozenset(s.lower() for s in subs) if subs else None
        group_scope = frozenset(g.lower() for g in groups) if groups else None
        options = request.get("options") or {}
        if options.get("resultFormat", "objectArray") != "objectArray":
            return 400, {}, _graph_error("InvalidResultFormat", "Only objectArray is recorded.")
        key = (table.group(1).lower(), rtype, sub_scope, group_scope)
        with self._lock:
            rows = self._graph_cache.get(key)
        if rows is None:
            rows = self.estate.graph_rows(key[0], rtype, sub_scope, group_scope)
            with self._lock:
                self._graph_cache[key] = rows
        offset = _decode_skip_token(options.get("$skipToken"))
        top = int(options.get("$top") or 100)
        size = max(1, min(top, self.graph_page_size, 1000))
        page = list(rows[offset : offset + size])
        projected = _GRAPH_PROJECT.search(query)
        if projected:
            columns = [c.strip() for c in projected.group(1).split(",") if c.strip()]
            page = [{c: row.get(c) for c in columns} for row in page]
        body: dict[str, Any] = {
            "totalRecords": len(rows),
            "count": len(page),
            "data": page,
            "facets": [],
            "resultTruncated": "false",
        }
        if offset + size < len(rows):
            body["$skipToken"] = _encode_skip_token(offset + size)
        return 200, {"x-ms-user-quota-remaining": "14", "x-ms-user-quota-resets-after": "00:00:05"}, body


def _error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def _graph_error(code: str, message: str) -> dict[str, Any]:
    return {
        "error": {
            "code": "BadRequest",
            "message": "Please provide below info when asking for support: timestamp = 2026-11-28T02:00:00.0000000Z, "
            "correlationId = 00000000-0000-0000-0000-000000000000.",
            "details": [{"code": code, "message": message}],
        }
    }


def _encode_skip_token(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"$offset": offset, "$v": 1}).encode()).decode().rstrip("=")


def _decode_skip_token(token: Any) -> int:
    if not token:
        return 0
    try:
        padded = str(token) + "=" * (-len(str(token)) % 4)
        return int(json.loads(base64.urlsafe_b64decode(padded))["$offset"])
    except (ValueError, KeyError, TypeError):
        return 0


def _handler_for(server: ArmServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: the SDK's connection pool reuses sockets
        disable_nagle_algorithm = True  # headers and body go out as two writes; no delayed-ACK stall

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            try:
                status, headers, response = server.handle(self.command, self.path, self.headers, body)
            except Exception:  # a bug in the server must not look like an Azure answer
                log.exception("ArmServer failed on %s %s", self.command, self.path)
                status, headers, response = 500, {}, _error("InternalServerError", "the local ARM server failed")
            text = json.dumps(response, separators=(",", ":"))
            text = text.replace(RECORDED_ORIGIN, server.url)
            payload = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("x-ms-request-id", "00000000-0000-0000-0000-000000000000")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        do_GET = _serve
        do_POST = _serve
        do_PUT = _serve
        do_PATCH = _serve
        do_DELETE = _serve

        def log_message(self, format: str, *args: Any) -> None:
            log.debug("arm-server: " + format, *args)

    return Handler


# The demo ----------------------------------------------------------------------------------
def serve_recorded_estate(**kwargs: Any) -> ArmServer:
    """An `ArmServer` for the recorded Carebridge estate (not yet started)."""
    return ArmServer(RecordedEstate(), **kwargs)


def collect_demo(evidence_dir: Path, progress: Progress) -> tuple[Path, BundleManifest]:
    """Serve the recorded estate on 127.0.0.1 and collect it into a new bundle under `evidence_dir`."""
    from attestkit.collectors.azure import AzureCollector
    from attestkit.pipeline import collect

    with serve_recorded_estate() as server:
        collector = AzureCollector.from_cli(subscription=list(DEMO_SUBSCRIPTIONS), endpoint=server.url)
        return collect(collector, evidence_dir, progress)


def iter_calls(server: ArmServer, operation: str) -> Iterator[Call]:
    """The calls of one operation the server answered, in order."""
    with server._lock:
        calls = list(server.calls)
    return (c for c in calls if c.operation == operation)
