"""OPA servers for tests: a TEST HARNESS speaking OPA's REST API, and the real `opa` executable.

**`OpaRestHarness` is a test harness, not an OPA server.** No `opa` executable can be installed
on the machines attestkit is developed on, so this small HTTP server on 127.0.0.1 implements the
parts of OPA's v1 REST API that `opa-python-client` and attestkit's OPA engine use, and evaluates
every query with real OPA embedded as a library (tests/opa_embedded.py). The evaluation is real
OPA; the HTTP layer is ours, modelled on OPA 1.x's server (v1/server/server.go):

- `GET /health`;
- Policy API: `GET /v1/policies`, `GET|PUT|DELETE /v1/policies/{id}`. A PUT is refused with 400
  `invalid_parameter` and OPA's error objects when the new module does not compile with the
  others; identical bytes are accepted without compiling; a DELETE that leaves a module without
  what it refers to is refused with 400 `invalid_operation`; `GET /v1/policies/` (trailing slash)
  is a lookup of the empty id, 404, as in OPA 1.x;
- Data API: `GET|POST /v1/data/{path}` (POST body `{"input": ...}`), `PUT|DELETE /v1/data/{path}`;
  an undefined document answers 200 `{}`; an evaluation error answers 500 `internal_error` with
  the `eval_*` error objects;
- bearer token authentication (`token=`): a request without `Authorization: Bearer <token>` gets
  401 `unauthorized`, as OPA with `--authentication=token --authorization=basic` and a
  `system.authz` policy comparing `input.identity` to the token;
- a bundle loaded at start (`bundle=`), as `opa run --server --bundle`: its roots are owned, and
  writes under them get 400 `path ... is owned by bundle ...`.

Where it differs from OPA, for speed: OPA compiles every module on each change and evaluates with
all of them; the harness compiles the modules a change can affect (the module, the modules
referring to its package, and everything those refer to through `data.` paths) and answers each
document from an engine holding the modules that document depends on. The answers are the same;
a compile error between modules that do not refer to each other (two packages claiming one
path) is not found. The embedded binding compiles all modules on every new query, so one engine
with everything would make each of a hundred checks' first query cost a full compile.

Not modelled: the query API, PATCH, metrics and explanations, data path-conflict checks,
`strict-builtin-errors` (the binding has no such switch; the parameter is ignored), bundle
signatures, and OPA's column numbers where the binding's message does not show them.
`requests` logs every request as (method, path) so tests can count uploads, and `fault` lets a
test answer a request itself (a 503, a slow answer, a rejection).

`OpaExecutableServer` starts the real `opa run --server` on a free loopback port, with the same
token and bundle options; `server_kinds()` lists it only when `opa` is on PATH (GitHub Actions
with open-policy-agent/setup-opa), so the same tests run against both there.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import tarfile
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol, Self
from urllib.parse import unquote, urlsplit

import requests

from tests.opa_embedded import closure, dependents, modules_for, new_engine, opa_bindings, package_of, parse_errors

Fault = Callable[[str, str, bytes], "tuple[int, Any] | None"]
"""(method, path, body) -> (status, body) to answer instead, or None to serve normally. A str
body is sent as text/html (what a proxy in front of OPA might answer), anything else as JSON."""

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class OpaServer(Protocol):
    url: str
    token: str | None
    kind: str

    def close(self) -> None: ...


def _segments(path: str) -> list[str]:
    return [unquote(p) for p in path.strip("/").split("/") if p]


def _data_ref(segments: list[str]) -> str:
    return "data" + "".join(f".{s}" if _IDENT.match(s) else f"[{json.dumps(s)}]" for s in segments)


def _owned(path: list[str], root: list[str]) -> bool:
    """OPA's isPathOwned: either is a prefix of the other."""
    n = min(len(path), len(root))
    return path[:n] == root[:n]


class OpaRestHarness:
    """See the module docstring. Use as a context manager, or call `close()`."""

    kind = "harness"

    def __init__(self, *, token: str | None = None, bundle: Path | None = None) -> None:
        opa_bindings()  # fail clearly now if the binding is missing
        self.token = token
        self.fault: Fault | None = None
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.RLock()
        self._modules: dict[str, str] = {}
        self._data: dict[str, Any] = {}
        self._bundle_roots: dict[str, list[list[str]]] = {}
        self._engines: dict[frozenset[str], Any] = {}
        if bundle is not None:
            self._load_bundle(bundle)
        self._http = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._http.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._http.server_address[1]}"
        self._thread = threading.Thread(target=self._http.serve_forever, args=(0.05,), name="opa-harness", daemon=True)
        self._thread.start()

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        with self._lock:
            self._invalidate()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def count(self, method: str, prefix: str = "/") -> int:
        return sum(1 for m, p in list(self.requests) if m == method and p.startswith(prefix))

    @property
    def policy_ids(self) -> list[str]:
        with self._lock:
            return sorted(self._modules)

    # -- state -------------------------------------------------------------------------

    def _load_bundle(self, path: Path) -> None:
        name = path.name
        with tarfile.open(path, "r:gz") as tar:
            files = {m.name.lstrip("/"): tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]
        manifest = json.loads(files.pop(".manifest", b"{}") or b"{}")
        roots = [[s for s in r.split("/") if s] for r in manifest.get("roots", [""])]
        for file, raw in sorted(files.items()):
            if file.endswith(".rego"):
                self._modules[f"{name}/{file}"] = raw.decode()
            elif file.endswith("data.json"):
                segments = [s for s in file.split("/")[:-1] if s]
                self._set_data(segments, json.loads(raw))
        new_engine(sorted(self._modules.items()), self._data).close()  # OPA refuses a bundle that does not compile
        self._bundle_roots[name] = roots

    def _set_data(self, segments: list[str], value: Any) -> None:
        if not segments:
            self._data = value
            return
        node = self._data
        for s in segments[:-1]:
            node = node.setdefault(s, {})
        node[segments[-1]] = value

    def _invalidate(self) -> None:
        for engine in self._engines.values():
            engine.close()
        self._engines.clear()

    def _engine_for(self, segments: list[str]) -> Any:
        """An engine holding the modules data.<segments> depends on (OPA holds them all; the
        answer is the same, and compiling a few modules per document keeps the harness fast)."""
        ids = frozenset(modules_for(self._modules, ".".join(segments)))
        if ids not in self._engines:
            self._engines[ids] = new_engine(sorted((i, self._modules[i]) for i in ids), self._data, compile=False)
        return self._engines[ids]

    def _bundle_owner(self, segments: list[str]) -> str | None:
        for name, roots in self._bundle_roots.items():
            for root in roots:
                if not root or _owned(segments, root):
                    return f"path {'/'.join(segments)} is owned by bundle {json.dumps(name)}"
        return None

    # -- HTTP --------------------------------------------------------------------------

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        harness = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go in separate writes

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _serve(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = urlsplit(self.path).path
                harness.requests.append((method, path))
                status, payload = harness.answer(method, path, body, self.headers.get("Authorization"))
                if isinstance(payload, str):
                    raw, kind = payload.encode(), "text/html"
                else:
                    raw, kind = (b"", None) if payload is None else ((json.dumps(payload) + "\n").encode(), "application/json")
                self.send_response(status)
                if kind is not None:
                    self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                try:
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def do_PUT(self) -> None:
                self._serve("PUT")

            def do_DELETE(self) -> None:
                self._serve("DELETE")

        return Handler

    def answer(self, method: str, path: str, body: bytes, authorization: str | None) -> tuple[int, Any]:
        if self.token is not None and authorization != f"Bearer {self.token}":
            return 401, {"code": "unauthorized", "message": "request rejected by administrative policy"}
        if self.fault is not None:
            injected = self.fault(method, path, body)
            if injected is not None:
                return injected
        if path == "/health" and method == "GET":
            return 200, {}
        if path == "/v1/policies" and method == "GET":
            return self._list_policies()
        if path.startswith("/v1/policies/"):
            pid = unquote(path[len("/v1/policies/"):])
            handler = {"GET": self._get_policy, "PUT": self._put_policy, "DELETE": self._delete_policy}.get(method)
            if handler is not None:
                return handler(pid, body)
        if path == "/v1/data" or path.startswith("/v1/data/"):
            segments = _segments(path[len("/v1/data"):])
            handler = {"GET": self._get_data, "POST": self._get_data, "PUT": self._put_data, "DELETE": self._delete_data}.get(method)
            if handler is not None:
                return handler(segments, body)
        return 405, {"code": "invalid_operation", "message": f"{method} {path} is not served by the test harness"}

    # -- policies ----------------------------------------------------------------------

    def _policy(self, pid: str) -> dict[str, Any]:
        raw = self._modules[pid]
        package = package_of(raw)
        path = [{"type": "var", "value": "data"}] + [{"type": "string", "value": s} for s in package.split(".") if s]
        return {"id": pid, "raw": raw, "ast": {"package": {"path": path}}}

    def _list_policies(self) -> tuple[int, Any]:
        with self._lock:
            return 200, {"result": [self._policy(pid) for pid in sorted(self._modules)]}

    def _not_found(self, pid: str) -> tuple[int, Any]:
        return 404, {"code": "resource_not_found", "message": f'storage_not_found_error: policy id "{pid}"'}

    def _get_policy(self, pid: str, _body: bytes) -> tuple[int, Any]:
        with self._lock:
            if pid not in self._modules:
                return self._not_found(pid)
            return 200, {"result": self._policy(pid)}

    def _put_policy(self, pid: str, body: bytes) -> tuple[int, Any]:
        text = body.decode("utf-8", errors="replace")
        with self._lock:
            if self._modules.get(pid) == text:
                return 200, {}
            package = package_of(text)
            owner = self._bundle_owner(package.split(".")) if package else None
            if owner:
                return 400, {"code": "invalid_parameter", "message": owner}
            candidate = {**self._modules, pid: text}
            rejected = self._check_compiles(candidate, {pid} | dependents(candidate, package), "invalid_parameter")
            if rejected:
                return rejected
            self._modules = candidate
            self._invalidate()
            return 200, {}

    def _delete_policy(self, pid: str, _body: bytes) -> tuple[int, Any]:
        with self._lock:
            if pid not in self._modules:
                return self._not_found(pid)
            package = package_of(self._modules[pid])
            owner = self._bundle_owner(package.split(".")) if package else None
            if owner:
                return 400, {"code": "invalid_parameter", "message": owner}
            candidate = {k: v for k, v in self._modules.items() if k != pid}
            rejected = self._check_compiles(candidate, dependents(candidate, package), "invalid_operation")
            if rejected:
                return rejected
            self._modules = candidate
            self._invalidate()
            return 200, {}

    def _check_compiles(self, modules: dict[str, str], affected: set[str], code: str) -> tuple[int, Any] | None:
        """OPA compiles every module on a PUT or DELETE; the harness compiles those the change can
        affect (the module, the modules referring to its package, and what they refer to)."""
        bindings = opa_bindings()
        ids = closure(modules, affected)
        if not ids:
            return None
        try:
            new_engine(sorted((i, modules[i]) for i in ids), self._data).close()
        except bindings.OpaError as exc:
            errors = parse_errors(str(exc)) or [{"code": "rego_compile_error", "message": str(exc)}]
            return 400, {"code": code, "message": "error(s) occurred while compiling module(s)", "errors": errors}
        return None

    # -- data --------------------------------------------------------------------------

    def _get_data(self, segments: list[str], body: bytes) -> tuple[int, Any]:
        bindings = opa_bindings()
        query_input = None
        if body:
            try:
                query_input = json.loads(body).get("input")
            except (ValueError, AttributeError) as exc:
                return 400, {"code": "invalid_parameter", "message": f"body is not a JSON object: {exc}"}
        try:
            with self._lock:  # one evaluation at a time: a PUT may replace (and close) the engines
                rows = self._engine_for(segments).eval_query(f"__r := {_data_ref(segments)}", query_input)
        except bindings.OpaError as exc:
            errors = parse_errors(str(exc)) or [{"code": "eval_internal_error", "message": str(exc)}]
            return 500, {"code": "internal_error", "message": "error(s) occurred while evaluating query", "errors": errors}
        if not rows:
            return 200, {}
        return 200, {"result": rows[0]["__r"]}

    def _put_data(self, segments: list[str], body: bytes) -> tuple[int, Any]:
        try:
            value = json.loads(body)
        except ValueError as exc:
            return 400, {"code": "invalid_parameter", "message": str(exc)}
        with self._lock:
            owner = self._bundle_owner(segments)
            if owner:
                return 400, {"code": "invalid_parameter", "message": owner}
            self._set_data(segments, value)
            self._invalidate()
            return 204, None

    def _delete_data(self, segments: list[str], _body: bytes) -> tuple[int, Any]:
        with self._lock:
            owner = self._bundle_owner(segments)
            if owner:
                return 400, {"code": "invalid_parameter", "message": owner}
            node: Any = self._data
            for s in segments[:-1]:
                node = node.get(s) if isinstance(node, dict) else None
            if not segments or not isinstance(node, dict) or segments[-1] not in node:
                return 404, {"code": "resource_not_found", "message": f"storage_not_found_error: /{'/'.join(segments)}: document missing"}
            del node[segments[-1]]
            self._invalidate()
            return 204, None


class OpaExecutableServer:
    """The real `opa run --server` on a free loopback port (only where `opa` is on PATH)."""

    kind = "opa"

    def __init__(self, *, token: str | None = None, bundle: Path | None = None) -> None:
        self.token = token
        self._dir = Path(tempfile.mkdtemp(prefix="attestkit-opa-"))
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        args = [shutil.which("opa") or "opa", "run", "--server", "--addr", f"127.0.0.1:{port}", "--log-level", "error"]
        bundles: list[str] = []
        if token is not None:
            # the authorization policy lives in its own bundle owning only `system`
            authz = self._dir / "authz"
            authz.mkdir()
            (authz / ".manifest").write_text(json.dumps({"roots": ["system"]}))
            (authz / "authz.rego").write_text(
                "package system.authz\n\ndefault allow := false\n\nallow if input.identity == "
                + json.dumps(token) + "\n"
            )
            args += ["--authentication=token", "--authorization=basic"]
            bundles.append(str(authz))
        if bundle is not None:
            bundles.append(str(bundle))
        if bundles:
            args += ["--bundle", *bundles]  # a switch: every path given is loaded as a bundle
        self._process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=dict(os.environ))
        self._wait_ready()

    def _wait_ready(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                err = self._process.stderr.read().decode() if self._process.stderr else ""
                raise RuntimeError(f"opa run --server exited with {self._process.returncode}: {err[:500]}")
            try:
                if requests.get(f"{self.url}/health", headers=headers, timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.close()
        raise RuntimeError("opa run --server did not become healthy within 15 s")

    def close(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._process.stderr:
            self._process.stderr.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


SERVERS: dict[str, type[OpaRestHarness | OpaExecutableServer]] = {
    "harness": OpaRestHarness,
    "opa": OpaExecutableServer,
}


def server_kinds() -> list[str]:
    """The servers the OPA engine's tests run against: the harness, and `opa` when it is on PATH."""
    return ["harness"] + (["opa"] if shutil.which("opa") else [])


@contextmanager
def opa_server(kind: str, *, token: str | None = None, bundle: Path | None = None) -> Iterator[OpaServer]:
    server = SERVERS[kind](token=token, bundle=bundle)
    try:
        yield server
    finally:
        server.close()


def free_port() -> int:
    """A loopback port nothing listens on (for the unreachable-server tests)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bundle_files(path: Path) -> dict[str, bytes]:
    """Every file of a .tar.gz bundle by its path inside."""
    with tarfile.open(path, "r:gz") as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]


__all__ = [
    "OpaExecutableServer", "OpaRestHarness", "OpaServer", "bundle_files", "free_port", "opa_server", "server_kinds",
]
