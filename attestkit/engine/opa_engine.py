"""An Open Policy Agent server as the engine, over OPA's REST API (PyPI `opa-python-client`).

For teams that already run OPA (a central policy service, a sidecar, CI) and want attestkit's
checks judged there. The checks mean the same on both engines: tests/conformance runs every Rego
test and the demo bundles on real OPA and on regorus.

**Upload, or not.** attestkit owns the policy ids `attestkit/...` and the document
`data.attestkit.meta` on the server. The meta document holds the policy set's SHA-256 (the hash
results.json records), the hash of the test modules when they were uploaded, and the ids
attestkit uploaded. When the server's hash equals ours nothing is uploaded: the fast path, and
the only path for a server loaded from `attest policy bundle` (whose roots the REST API may not
write; the bundle carries the same meta document). Otherwise attestkit marks the meta document
as uploading (hash null, ids old + new, so a crash leaves nothing unaccounted for), deletes its
stale modules, uploads every module with `PUT /v1/policies/{id}` (dependency order found by
retrying what the server rejects while others go through; the server compiles on every PUT),
and publishes the hash last. After evaluating it reads the hash again, so a concurrent run that
swapped the policy set cannot go unnoticed.

**Queries.** Each check's decision is `POST /v1/data/<package path>/results` with an input that
holds only the resource types the check declares (the check contract: a check reads nothing
else), plus the collection errors and time. When that input exceeds `max_request_bytes`
(8 MiB) it is split per account, one request each. Trade-off: a check joining resources across
accounts would then see one account at a time; no shipped check does, and a split is logged.
Queries ask for `strict-builtin-errors`, so a builtin error fails the evaluation as in regorus
rather than silently making a rule undefined.

**Failures.** Connection errors, timeouts and 502/503/504 answers are retried with exponential
backoff; then a one-line `EngineError` (exit 3: the evidence stays unjudged) names the server and
what to check. 401/403 name the token. A compile error OPA returns names the module's file:line
(`PolicyError`, exit 2: the policy must change); any other refusal of the policies (a bundle
owning the `attestkit` root, an authorization policy) is an `EngineError` (exit 3: the server's
configuration must change, not the input).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit

import requests
from opa_client import OpaClient
from opa_client.errors import DeleteDataError, DeletePolicyError, PolicyNotFoundError, RegoParseError
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError, ReadTimeoutError
from urllib3.util.retry import Retry

from attestkit import __version__
from attestkit.engine.interface import Engine, EvaluationInput, TestOutcome
from attestkit.engine.policy_set import BUILTIN, PolicySet, RegoModule
from attestkit.errors import EngineError, InputError, PolicyError

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 0.25
DEFAULT_MAX_REQUEST_BYTES = 8 * 1024 * 1024
DEFAULT_PORTS = {"http": 8181, "https": 443}

META_PATH = "attestkit/meta"
"""`data.attestkit.meta`: what attestkit published about the policy set on the server."""
POLICY_ID_PREFIX = "attestkit/"
QUERY_PARAMS = {"strict-builtin-errors": "true"}
RETRY_STATUSES = (502, 503, 504)

_CLIENT_ERRORS = (
    requests.exceptions.RequestException, PolicyNotFoundError, RegoParseError, DeletePolicyError, DeleteDataError,
)
_TEST_RULE = re.compile(r"^(test_\w+)\s", re.MULTILINE)
_DATA_REF = re.compile(r"\bdata\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)")
_COMMENT = re.compile(r"#[^\n]*")
_KIND_ORDER = {"library": 0, "check": 1, "test": 2}
_T = TypeVar("_T")


def policy_path(module: RegoModule, sources: list[str]) -> str:
    """The module's path inside attestkit's namespace: `rego/...` for built-ins,
    `user/<n>/<path inside its --policies directory>` for the n-th directory."""
    if module.origin == BUILTIN:
        return module.path
    try:
        rel = Path(module.path).relative_to(module.origin).as_posix()
        index = sources.index(module.origin)
    except ValueError:
        rel, index = module.path, 0
    parts = [re.sub(r"[^A-Za-z0-9._-]", "_", p) for p in PurePosixPath(rel).parts if p not in ("/", "")]
    parts = ["_" if p in (".", "..") else p for p in parts]
    return "/".join(["user", str(index), *parts])


def tests_sha256(policies: PolicySet) -> str:
    """Hash over every test module (path and bytes), like `PolicySet.sha256` for the others."""
    h = hashlib.sha256()
    for module in sorted((m for m in policies.modules if m.kind == "test"), key=lambda m: m.path):
        h.update(module.path.encode() + b"\0" + module.text.encode() + b"\0")
    return h.hexdigest()


def meta_document(policies: PolicySet, *, tests: bool, policy_ids: Iterable[str]) -> dict[str, Any]:
    """The `data.attestkit.meta` document describing a policy set on a server or in a bundle."""
    return {
        "policy_set_sha256": policies.sha256,
        "tests_sha256": tests_sha256(policies) if tests else None,
        "policy_ids": sorted(policy_ids),
        "attestkit_version": __version__,
    }


def _refers_to(refs: set[str], package: str) -> bool:
    return any(ref == package or ref.startswith(package + ".") or package.startswith(ref + ".") for ref in refs)


def upload_order(modules: list[RegoModule]) -> list[RegoModule]:
    """Libraries, checks, tests; within them, every module after the modules it refers to
    (`data.` references), so the server, which compiles on every PUT, accepts each in turn."""
    pending = sorted(modules, key=lambda m: (_KIND_ORDER[m.kind], m.path))
    refs = {id(m): set(_DATA_REF.findall(_COMMENT.sub("", m.text))) for m in pending}
    deps = {
        id(m): {id(o) for o in pending if o is not m and o.package != m.package and _refers_to(refs[id(m)], o.package)}
        for m in pending
    }
    done: set[int] = set()
    out: list[RegoModule] = []
    while pending:
        ready = next((m for m in pending if deps[id(m)] <= done), pending[0])  # a cycle: the server decides
        pending.remove(ready)
        done.add(id(ready))
        out.append(ready)
    return out


def _subtree(tree: Any, path: list[str]) -> Any:
    for key in path:
        if not isinstance(tree, dict):
            return None
        tree = tree.get(key)
    return tree


class _Client(OpaClient):
    """opa-python-client's client with the last response kept and without its own retries.

    attestkit retries in one place (`OpaEngine._call`): the client's urllib3 retries cover only
    idempotent methods on 500/502/504, while evaluation is a POST and OPA answers 500 for an
    evaluation error, which retrying cannot fix; and urllib3 logs each retry as a warning,
    which would break the CLI's one-line errors. The client's error types drop the HTTP
    status, so the last response is remembered for the messages.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.last_response: requests.Response | None = None
        super().__init__(**kwargs)

    def _init_session(self) -> requests.Session:
        session = super()._init_session()
        adapter = HTTPAdapter(max_retries=Retry(total=0, redirect=0, raise_on_status=False))
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.hooks["response"].append(self._remember)
        return session

    def _remember(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self.last_response = response


class _Rejected(Exception):
    """The server refused a policy with compile errors (the caller decides whether to retry)."""

    def __init__(self, body: dict[str, Any]) -> None:
        super().__init__(body.get("message", "rejected"))
        self.body = body


class _EvalFailed(PolicyError):
    """OPA answered 500 with an evaluation error: the policy's problem, not the server's."""


class OpaEngine(Engine):
    name: ClassVar[str] = "opa"
    description: ClassVar[str] = "an Open Policy Agent server over its REST API (--opa-url URL)"

    def __init__(
        self,
        url: str | None = None,
        *,
        token: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES,
    ) -> None:
        if not url:
            raise InputError("--engine opa needs --opa-url URL, the OPA server's base URL (e.g. http://127.0.0.1:8181)")
        if timeout <= 0:
            raise InputError(f"--opa-timeout {timeout}: must be a positive number of seconds")
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise InputError(f"--opa-url {url}: give the server's base URL, http:// or https://, e.g. http://127.0.0.1:8181")
        if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
            raise InputError(
                f"--opa-url {url}: give only scheme, host and port (attestkit adds /v1/...); "
                "a server behind a path prefix is not supported"
            )
        try:
            port = parts.port or DEFAULT_PORTS[parts.scheme]
        except ValueError as exc:
            raise InputError(f"--opa-url {url}: {exc}") from exc
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        self.url = f"{parts.scheme}://{host}:{port}"
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._has_token = bool(token)
        self.max_request_bytes = max_request_bytes
        self._client = _Client(
            host=host, port=port, ssl=parts.scheme == "https", token=token or None,
            retries=0, timeout=timeout,
        )
        self._synced: tuple[str, str | None] | None = None
        self._paths: dict[str, str] = {}
        """policy id -> the module's path, for naming files in the server's errors."""
        self.uploaded_modules = 0
        """Modules this engine uploaded (0 when the server already had the policy set)."""
        self.query_requests = 0
        """Evaluation requests this engine made."""

    # -- Engine interface -------------------------------------------------------------

    def compile(self, policies: PolicySet) -> None:
        """Make sure the server holds the policy set, which compiles it there."""
        self._sync(policies, with_tests=False)

    def evaluate(self, policies: PolicySet, data: EvaluationInput) -> dict[str, list[dict[str, Any]]]:
        self._sync(policies, with_tests=False)
        payload = json.loads(data.json_text)
        resources: dict[str, list[dict[str, Any]]] = payload.pop("resources", None) or {}
        base_size = len(json.dumps(payload, separators=(",", ":")))
        sizes = {t: len(json.dumps(v, separators=(",", ":"))) for t, v in resources.items()}
        out: dict[str, list[dict[str, Any]]] = {}
        for check in policies.checks:
            results: list[dict[str, Any]] = []
            for account, batch in self._batches(check.info.resource_types, resources, payload, base_size, sizes):
                doing = f"evaluating check {check.id}" + (f" for account {account}" if account else "")
                value = self._query(doing, check.module.package, "results", batch)
                if value is None:
                    value = []
                if not isinstance(value, list):
                    raise PolicyError(
                        f"{check.module.path}: check {check.id}: `results` must be a set of result objects, "
                        f"got {type(value).__name__}; build it with data.attestkit.lib.result"
                    )
                results.extend(value)
            out[check.id] = results
        self._confirm_unchanged(policies)
        return out

    def run_tests(self, policies: PolicySet) -> list[TestOutcome]:
        """Every `test_` rule through the Data API: one request per top-level package holding
        tests (`data.attestkit` for the built-ins), then one per test package or rule only where
        that failed as a whole or a test did not pass (for its detail)."""
        self._sync(policies, with_tests=True)
        tests = [m for m in policies.modules if m.kind == "test"]
        trees: dict[str, Any] = {}
        for top in dict.fromkeys(m.package.split(".")[0] for m in tests):
            try:
                trees[top] = self._query(f"running the tests under data.{top}", top, None, {})
            except _EvalFailed:
                trees[top] = None
        outcomes: list[TestOutcome] = []
        for module in tests:
            doc = _subtree(trees.get(module.package.split(".")[0]), module.package.split(".")[1:])
            names = list(dict.fromkeys(_TEST_RULE.findall(module.text)))
            if not isinstance(doc, dict) or not all(doc.get(n) is True for n in names):
                try:
                    doc = self._query(f"running the tests of {module.path}", module.package, None, {})
                except _EvalFailed:
                    doc = None
            for name in names:
                if isinstance(doc, dict) and doc.get(name) is True:
                    outcomes.append(TestOutcome(module.package, name, module.path, True))
                    continue
                try:
                    value = self._query(f"running {module.package}.{name}", module.package, name, {})
                except _EvalFailed as exc:
                    outcomes.append(TestOutcome(module.package, name, module.path, False, exc.message))
                    continue
                passed = value is True
                detail = "" if passed else ("undefined" if value is None else f"evaluated to {value!r}")
                outcomes.append(TestOutcome(module.package, name, module.path, passed, detail))
        return outcomes

    # -- policy upload ---------------------------------------------------------------------

    def _sync(self, policies: PolicySet, *, with_tests: bool) -> None:
        want_tests = tests_sha256(policies) if with_tests else None
        if self._synced is not None and self._synced[0] == policies.sha256 and (not with_tests or self._synced[1] == want_tests):
            return
        remote = self._remote_meta()
        if (
            remote is not None
            and remote.get("policy_set_sha256") == policies.sha256
            and (not with_tests or remote.get("tests_sha256") == want_tests)
        ):
            log.info("OPA at %s already holds policy set %s; nothing uploaded", self.url, policies.sha256[:12])
            self._synced = (policies.sha256, remote.get("tests_sha256"))
            return
        self._upload(policies, with_tests=with_tests, remote=remote)
        self._synced = (policies.sha256, want_tests)

    def _modules(self, policies: PolicySet, *, with_tests: bool) -> dict[str, RegoModule]:
        chosen = upload_order([m for m in policies.modules if with_tests or m.kind != "test"])
        out: dict[str, RegoModule] = {}
        for module in chosen:
            pid = POLICY_ID_PREFIX + policy_path(module, policies.sources)
            if pid in out:
                raise InputError(f"{module.path} and {out[pid].path} map to one OPA policy id {pid}; rename one of them")
            out[pid] = module
        self._paths.update({pid: m.path for pid, m in out.items()})
        return out

    def _upload(self, policies: PolicySet, *, with_tests: bool, remote: dict[str, Any] | None) -> None:
        modules = self._modules(policies, with_tests=with_tests)
        old_ids = set(remote.get("policy_ids") or []) if remote else set()
        old_ids = {i for i in old_ids if isinstance(i, str) and i.startswith(POLICY_ID_PREFIX)}
        if remote is not None and not remote.get("policy_ids") and remote.get("policy_set_sha256"):
            log.info("OPA at %s holds policy set %s (a bundle?); replacing it", self.url, str(remote["policy_set_sha256"])[:12])
        log.info("uploading %d modules of policy set %s to OPA at %s", len(modules), policies.sha256[:12], self.url)
        # mark the upload first: hash unset, every id that may be on the server listed
        self._put_meta({
            **meta_document(policies, tests=with_tests, policy_ids=old_ids | set(modules)),
            "policy_set_sha256": None,
            "tests_sha256": None,
        })
        self._delete_all(sorted(old_ids - set(modules)), modules)
        self._put_all(modules, old_ids)
        self._put_meta(meta_document(policies, tests=with_tests, policy_ids=modules))
        self.uploaded_modules += len(modules)

    def _put_all(self, modules: dict[str, RegoModule], old_ids: set[str]) -> None:
        pending = list(modules)
        cleared = False
        while pending:
            failed: list[tuple[str, _Rejected]] = []
            for pid in pending:
                try:
                    self._put_policy(pid, modules[pid])
                except _Rejected as rejected:
                    failed.append((pid, rejected))
            if len(failed) < len(pending):
                pending = [pid for pid, _ in failed]
                continue
            stale = [pid for pid in pending if pid in old_ids]
            if stale and not cleared:
                # old versions of pending modules may be what blocks the new ones: remove them
                self._delete_all(stale, modules)
                cleared = True
                continue
            raise self._compile_error(failed[0][1], modules)

    def _put_policy(self, pid: str, module: RegoModule) -> None:
        self._call(
            f"uploading {module.path}", self._client.update_policy_from_string, module.text, pid,
            rego_compat=False, rejectable=True,
        )

    def _delete_all(self, ids: list[str], modules: dict[str, RegoModule]) -> None:
        pending = list(ids)
        while pending:
            failed: list[tuple[str, _Rejected]] = []
            for pid in pending:
                try:
                    self._call(
                        f"deleting the stale policy {pid}", self._client.delete_policy, pid, missing_ok=True, rejectable=True
                    )
                except _Rejected as rejected:
                    failed.append((pid, rejected))
            if len(failed) == len(pending):
                raise self._compile_error(failed[0][1], modules)
            pending = [pid for pid, _ in failed]

    def _remote_meta(self) -> dict[str, Any] | None:
        value = self._call("reading data.attestkit.meta", self._client.get_data, META_PATH, missing_ok=True)
        if value is None:
            return None
        result = value.get("result")
        return result if isinstance(result, dict) else None

    def _put_meta(self, document: dict[str, Any]) -> None:
        self._call("publishing data.attestkit.meta", self._client.update_or_create_data, document, META_PATH)

    def _confirm_unchanged(self, policies: PolicySet) -> None:
        remote = self._remote_meta()
        found = remote.get("policy_set_sha256") if remote else None
        if found != policies.sha256:
            self._synced = None
            raise EngineError(
                f"the policy set on the OPA server at {self.url} changed during evaluation (now {str(found)[:12]}, "
                f"evaluated {policies.sha256[:12]}): another attestkit run with different policies? re-run when it is done"
            )

    # -- requests --------------------------------------------------------------------------

    def _query(self, doing: str, package: str, rule: str | None, data: dict[str, Any]) -> Any:
        """The document at data.<package>[.<rule>] for `data` as input; None when undefined."""
        self.query_requests += 1
        body = self._call(doing, self._client.query_rule, data, package, rule, QUERY_PARAMS)
        if not isinstance(body, dict):
            raise EngineError(f"OPA server at {self.url} answered {doing} with {type(body).__name__}, not a JSON object")
        return body.get("result")

    def _batches(
        self,
        types: list[str],
        resources: dict[str, list[dict[str, Any]]],
        rest: dict[str, Any],
        base_size: int,
        sizes: dict[str, int],
    ) -> list[tuple[str | None, dict[str, Any]]]:
        present = [t for t in types if t in resources]
        size = base_size + sum(sizes[t] for t in present)
        if size <= self.max_request_bytes:
            return [(None, {**rest, "resources": {t: resources[t] for t in present}})]
        accounts: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for t in present:
            for r in resources[t]:
                accounts.setdefault(str(r.get("account") or "-"), {}).setdefault(t, []).append(r)
        log.info(
            "input for %s is %d bytes (over %d): one request per account (%d); cross-account joins are not seen",
            ", ".join(present), size, self.max_request_bytes, len(accounts),
        )
        return [
            (account, {**rest, "resources": {t: by_type.get(t, []) for t in present}})
            for account, by_type in sorted(accounts.items())
        ]

    def _call(
        self,
        doing: str,
        fn: Callable[..., _T],
        *args: Any,
        missing_ok: bool = False,
        rejectable: bool = False,
        **kwargs: Any,
    ) -> _T | None:
        """One client call; every failure becomes a one-line AttestError.

        `missing_ok`: an undefined document or a missing policy gives None. `rejectable`: a
        compile error is raised as `_Rejected`, for the caller to retry in another order.
        """
        attempt = 0
        while True:
            self._client.last_response = None
            try:
                return fn(*args, **kwargs)
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
                if attempt < self.retries:
                    attempt = self._wait(attempt, doing, exc)
                    continue
                reason, timed_out = self._reason(exc)
                if timed_out:
                    raise EngineError(
                        f"OPA server at {self.url} did not answer within {self.timeout:g}s while {doing} "
                        f"(tried {attempt + 1} times); raise --opa-timeout or check the server's load"
                    ) from exc
                raise EngineError(
                    f"OPA server at {self.url} is unreachable while {doing}: {reason} "
                    f"(tried {attempt + 1} times); check --opa-url and that the server is running"
                ) from exc
            except _CLIENT_ERRORS as exc:
                response = self._client.last_response
                if response is None:
                    raise EngineError(f"OPA server at {self.url} failed while {doing}: {exc}") from exc
                if response.status_code in RETRY_STATUSES and attempt < self.retries:
                    attempt = self._wait(attempt, doing, exc)
                    continue
                if missing_ok and response.status_code in (200, 404):
                    return None  # undefined document, or nothing to delete
                error = self._http_error(doing, response)
                if isinstance(error, _Rejected) and not rejectable:
                    error = self._compile_error(error, {})
                raise error from exc

    def _wait(self, attempt: int, doing: str, exc: BaseException) -> int:
        delay = self.backoff * 2**attempt
        status = self._client.last_response.status_code if self._client.last_response is not None else None
        log.debug("OPA at %s, %s: %s; retrying in %.2fs", self.url, doing, status or type(exc).__name__, delay)
        time.sleep(delay)
        return attempt + 1

    def _http_error(self, doing: str, response: requests.Response) -> Exception:
        status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            snippet = " ".join(response.text.split())[:120]
            return EngineError(
                f"OPA server at {self.url} answered {status} while {doing} with a body that is not OPA's JSON "
                f"({snippet!r}); is --opa-url an OPA server?"
            )
        code, message = body.get("code", "?"), body.get("message", "")
        errors = [e for e in body.get("errors") or [] if isinstance(e, dict)]
        codes = [str(e.get("code", "")) for e in errors]
        if status == 401:
            hint = (
                "check the token (--opa-token or ATTEST_OPA_TOKEN)" if self._has_token
                else "the server requires a bearer token: pass --opa-token or set ATTEST_OPA_TOKEN"
            )
            return EngineError(f"OPA server at {self.url} refused the request ({status} {code}: {message}) while {doing}; {hint}")
        if status == 403:
            return EngineError(
                f"OPA server at {self.url} forbids {doing} ({status} {code}: {message}); its authorization policy must "
                "allow attestkit's token to write attestkit/ policies and data.attestkit, and read data"
            )
        if status == 400 and any(c.startswith("rego_") for c in codes):
            return _Rejected(body)
        if status == 500 and any(c.startswith(("eval_", "rego_")) for c in codes):
            return _EvalFailed(f"{self._locate(errors[0])} (OPA at {self.url}, while {doing}); fix the policy")
        if status == 413:
            return EngineError(
                f"OPA server at {self.url} refused a request as too large while {doing} ({message}); raise the server's "
                "server.decoding.max_length or lower attestkit's request size"
            )
        if status == 400 and "owned by bundle" in message:
            return EngineError(
                f"OPA server at {self.url} refused {doing}: {message}; it serves attestkit's policies from a bundle "
                "holding a different policy set: deploy a bundle of these policies (attest policy bundle) or evaluate "
                "with the policies the bundle was built from"
            )
        return EngineError(f"OPA server at {self.url} answered {status} {code} while {doing}: {message}")

    def _compile_error(self, rejected: _Rejected, modules: dict[str, RegoModule]) -> PolicyError:
        errors = [e for e in rejected.body.get("errors") or [] if isinstance(e, dict)]
        ours = [e for e in errors if str((e.get("location") or {}).get("file", "")) in modules]
        if not errors:
            return PolicyError(f"OPA server at {self.url} rejected the policies: {rejected.body.get('message', '')}")
        first = (ours or errors)[0]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return PolicyError(f"{self._locate(first)}{more} (rejected by the OPA server at {self.url}); fix the policy")

    def _locate(self, error: dict[str, Any]) -> str:
        """`file:row:col: code: message`, the file named as attestkit names it (not the policy id)."""
        location = error.get("location") or {}
        file = str(location.get("file", ""))
        file = self._paths.get(file, file)
        where = ":".join(str(p) for p in (file, location.get("row"), location.get("col")) if p not in (None, ""))
        message = " ".join(str(error.get("message", "")).split())
        code = error.get("code", "")
        return f"{where}: {code}: {message}" if where else f"{code}: {message}"

    @staticmethod
    def _reason(exc: BaseException) -> tuple[str, bool]:
        """What went wrong under a requests connection error, and whether it was a read timeout."""
        if isinstance(exc, requests.exceptions.ReadTimeout):
            return "read timed out", True
        seen: set[int] = set()
        current: BaseException | None = exc
        while current is not None and id(current) not in seen:
            seen.add(id(current))
            if isinstance(current, ReadTimeoutError):
                return "read timed out", True
            if isinstance(current, NameResolutionError):
                return "host name does not resolve", False
            if isinstance(current, NewConnectionError):  # a subclass of ConnectTimeoutError
                text = str(current)
                if "refused" in text.lower():
                    return "connection refused", False
                if "timed out" in text.lower():
                    return "connection timed out", False
                return text.split(": ", 1)[-1], False
            if isinstance(current, ConnectTimeoutError):
                return "connection timed out", False
            if isinstance(current, requests.exceptions.SSLError):
                return f"TLS error: {' '.join(str(current).split())[:160]}", False
            nested = current.args[0] if current.args and isinstance(current.args[0], BaseException) else None
            current = getattr(current, "reason", None) or nested or current.__cause__ or current.__context__
        return " ".join(str(exc).split())[:160], False
