"""The OPA server engine (attestkit.engine.opa_engine) against the REST test harness.

The harness (tests/opa_server.py) is a test harness: real OPA embedded as a library behind a
small HTTP server on 127.0.0.1 speaking OPA's v1 REST API; the client is the real
opa-python-client over real HTTP. These tests cover the engine's own logic: upload and the
already-uploaded fast path, per-check and per-account batching, retries, and every failure as
one line with its exit code. The end-to-end CLI tests (tests/integration/test_opa_cli.py) also
run against `opa run --server` where it is installed.
"""

from __future__ import annotations

import dataclasses
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from attestkit.engine.interface import EvaluationInput
from attestkit.engine.opa_engine import META_PATH, OpaEngine
from attestkit.engine.policy_set import BUILTIN, PolicySet, load_policy_set
from attestkit.engine.regorus_engine import RegorusEngine
from attestkit.errors import EngineError, ExitCode, InputError, PolicyError
from attestkit.pipeline import engine_named
from tests.conftest import REAL_AWS_ENV, _guarded_connect
from tests.factories import resource
from tests.opa_server import OpaRestHarness, free_port

POLICIES = load_policy_set()


def sample(policies: PolicySet, count: int) -> PolicySet:
    """`count` AWS checks spread over the services, with the libraries and their tests: the
    engine's logic does not need every check, and other providers' checks stay out of its tests."""
    aws = [c for c in policies.checks if c.id.startswith("aws.")]
    chosen = aws[:: max(1, len(aws) // count)][:count]
    folders = {c.module.path.rsplit("/", 1)[0] for c in chosen}
    modules = [m for m in policies.modules if m.path.startswith("rego/lib/") or m.path.rsplit("/", 1)[0] in folders]
    return PolicySet(modules=modules, checks=chosen, sources=policies.sources)


AWS = sample(POLICIES, 12)


def with_user(directory: Path) -> PolicySet:
    """The sample plus the policies of `directory`, judged by the user's checks only."""
    loaded = load_policy_set([directory])
    user = [m for m in loaded.modules if m.origin != BUILTIN]
    checks = [c for c in loaded.checks if c.info.origin != BUILTIN]
    return PolicySet(modules=AWS.modules + user, checks=checks, sources=loaded.sources)
ACCOUNTS = ("111111111111", "222222222222", "333333333333")
FEW = dataclasses.replace(AWS, checks=AWS.checks[:3])
FAST = {"backoff": 0.01}


@pytest.fixture(scope="module", autouse=True)
def loopback_only() -> Iterator[None]:
    """No socket beyond loopback, and no proxy between the client and the harness."""
    with pytest.MonkeyPatch.context() as mp:
        for name in REAL_AWS_ENV + ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
            mp.delenv(name, raising=False)
        mp.setattr(socket.socket, "connect", _guarded_connect(socket.socket.connect))
        yield


@pytest.fixture(scope="module")
def harness() -> Iterator[OpaRestHarness]:
    with OpaRestHarness() as h:
        yield h


@pytest.fixture
def fresh() -> Iterator[OpaRestHarness]:
    with OpaRestHarness() as h:
        yield h


def multi_account_input() -> EvaluationInput:
    """Two resources of every type an AWS check reads, in each of three accounts, with configs
    that land in pass, fail and error branches."""
    types = sorted({t for c in AWS.checks for t in c.info.resource_types} | {"AWS::S3::Bucket"})
    by_type: dict[str, list[dict[str, Any]]] = {t: [] for t in types}
    for a, account in enumerate(ACCOUNTS):
        for t in types:
            for n in range(2):
                config: dict[str, Any] = {"Versioning": {"Status": "Enabled"}} if (a + n) % 2 else {}
                errors = [{"api": "s3:GetBucketPolicyStatus", "code": "AccessDenied", "message": "denied"}] if (a, n) == (2, 1) else []
                r = resource(t, f"{t}/{account}/{n}", config, account=account, errors=errors)
                by_type[t].append(json.loads(r.model_dump_json()))
    return EvaluationInput(
        resources={t: json.dumps(rs) for t, rs in by_type.items()}, collected_at="2026-11-28T02:00:00Z"
    )


def normalised(results: dict[str, list[dict[str, Any]]]) -> dict[str, list[str]]:
    return {k: sorted(json.dumps(r, sort_keys=True) for r in v) for k, v in results.items()}


def write_policies(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text)
    return directory


def user_check(check_id: str, body: str, package: str | None = None) -> str:
    package = package or check_id
    return (
        "# METADATA\n# title: t\n# description: d\n# related_resources:\n#   - ref: https://example.com\n"
        f"# custom:\n#   id: {check_id}\n#   severity: low\n#   resource_types: [AWS::S3::Bucket]\n#   remediation: r\n"
        f"package {package}\n\nimport data.attestkit.lib.inventory\nimport data.attestkit.lib.result\n\n{body}"
    )


# -- options --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8181", "http://127.0.0.1:8181"),
        ("http://opa.internal", "http://opa.internal:8181"),
        ("https://opa.internal/", "https://opa.internal:443"),
        ("http://[::1]:9000", "http://[::1]:9000"),
    ],
)
def test_url_is_normalised_without_contacting_the_server(url: str, expected: str) -> None:
    assert OpaEngine(url).url == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (None, "--engine opa needs --opa-url"),
        ("opa.internal:8181", "http:// or https://"),
        ("ftp://opa.internal", "http:// or https://"),
        ("http://opa.internal:8181/v1", "only scheme, host and port"),
        ("http://opa.internal:99999", "Port out of range"),
    ],
)
def test_bad_url_is_a_usage_error(url: str | None, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        OpaEngine(url)
    assert info.value.exit_code == ExitCode.USAGE


def test_engine_named_passes_options_and_rejects_unknown_ones() -> None:
    engine = engine_named("opa", url="http://127.0.0.1:8181", token="t", timeout=5)
    assert isinstance(engine, OpaEngine) and engine.timeout == 5
    with pytest.raises(InputError, match="engine 'regorus' does not take option"):
        engine_named("regorus", url="http://127.0.0.1:8181")
    with pytest.raises(InputError, match="--opa-url"):
        engine_named("opa")


# -- upload and the fast path ----------------------------------------------------------------


def test_uploads_once_then_the_server_already_has_it(fresh: OpaRestHarness) -> None:
    first = OpaEngine(fresh.url, **FAST)
    first.compile(AWS)
    modules = len(AWS.policy_modules)
    assert first.uploaded_modules == modules
    assert fresh.count("PUT", "/v1/policies/") >= modules  # a module the server refused for its order is re-sent
    assert len(fresh.policy_ids) == modules
    assert fresh.count("PUT", f"/v1/data/{META_PATH}") == 2  # "uploading", then the hash
    meta = requests.get(f"{fresh.url}/v1/data/{META_PATH}", timeout=5).json()["result"]
    assert meta["policy_set_sha256"] == AWS.sha256 and meta["tests_sha256"] is None
    assert sorted(meta["policy_ids"]) == sorted(fresh.policy_ids)
    assert all(pid.startswith("attestkit/rego/") for pid in fresh.policy_ids)

    puts = fresh.count("PUT")
    second = OpaEngine(fresh.url, **FAST)
    second.compile(AWS)
    second.evaluate(AWS, multi_account_input())
    assert second.uploaded_modules == 0
    assert fresh.count("PUT") == puts


def test_results_equal_regorus_in_one_request_per_check_and_split_per_account(harness: OpaRestHarness) -> None:
    data = multi_account_input()
    expected = normalised(RegorusEngine().evaluate(AWS, data))
    assert sum(map(len, expected.values())) >= len(AWS.checks) * len(ACCOUNTS)

    whole = OpaEngine(harness.url, **FAST)
    assert normalised(whole.evaluate(AWS, data)) == expected
    assert whole.query_requests == len(AWS.checks)

    split = OpaEngine(harness.url, max_request_bytes=1, **FAST)
    assert normalised(split.evaluate(AWS, data)) == expected
    assert split.query_requests == len(AWS.checks) * len(ACCOUNTS)


def test_each_request_carries_only_the_types_its_check_declares(harness: OpaRestHarness) -> None:
    seen: dict[str, set[str]] = {}

    def record(method: str, path: str, body: bytes) -> None:
        if method == "POST" and path.endswith("/results"):
            seen[path] = set(json.loads(body)["input"]["resources"])

    harness.fault = record
    try:
        OpaEngine(harness.url, **FAST).evaluate(AWS, multi_account_input())
    finally:
        harness.fault = None
    for check in AWS.checks:
        path = "/v1/data/" + check.module.package.replace(".", "/") + "/results"
        assert seen[path] == set(check.info.resource_types), check.id


def test_stale_modules_go_and_an_incompatible_library_upgrade_goes_through(harness: OpaRestHarness, tmp_path: Path) -> None:
    """v1: a user library with f() and a check calling it, plus an extra check. v2 renames f()
    to g() (so neither new module compiles beside the other's old version) and drops the extra
    check: the upload must still go through, leaving exactly v2 on the server."""
    lib_v1 = "package acme.lib\n\nf(b) := b.id\n"
    lib_v2 = "package acme.lib\n\ng(b) := b.id\n"
    body = 'results contains result.pass(b, {}, {{}}) if {{\n\tsome b in inventory.resources("AWS::S3::Bucket")\n\t{}\n}}\n'
    uses = "import data.acme.lib\n\n"
    v1 = write_policies(tmp_path / "v1", {
        "lib.rego": lib_v1,
        "check.rego": user_check("acme.s3.uses_lib", uses + body.format("lib.f(b)", "lib.f(b) != \"\"")),
        "extra.rego": user_check("acme.s3.extra", body.format('"extra"', "true")),
    })
    v2 = write_policies(tmp_path / "v2", {
        "lib.rego": lib_v2,
        "check.rego": user_check("acme.s3.uses_lib", uses + body.format("lib.g(b)", "lib.g(b) != \"\"")),
    })
    data = multi_account_input()
    deletes = harness.count("DELETE", "/v1/policies/")
    for directory, expected_user_ids in ((v1, 3), (v2, 2)):
        policies = with_user(directory)
        engine = OpaEngine(harness.url, **FAST)
        engine.compile(policies)
        user_ids = [pid for pid in harness.policy_ids if pid.startswith("attestkit/user/")]
        assert len(user_ids) == expected_user_ids
        results = engine.evaluate(policies, data)
        assert normalised(results) == normalised(RegorusEngine().evaluate(policies, data))
    assert {json.loads(r)["message"] for r in normalised(results)["acme.s3.uses_lib"]} >= {"AWS::S3::Bucket/111111111111/0"}
    # the stale check, then the old check and library that blocked the new ones, were deleted
    assert harness.count("DELETE", "/v1/policies/") - deletes >= 3


# -- failures: one line, documented exit code ---------------------------------------------------


def test_compile_error_names_the_file_and_line(harness: OpaRestHarness, tmp_path: Path) -> None:
    broken = write_policies(tmp_path / "broken", {"broken.rego": "package acme.broken\n\nx := {\n"})
    with pytest.raises(PolicyError) as info:
        OpaEngine(harness.url, **FAST).compile(with_user(broken))
    message = info.value.message
    assert info.value.exit_code == ExitCode.USAGE
    assert message.startswith(f"{broken / 'broken.rego'}:4:6: rego_parse_error: unexpected eof token"), message
    assert "rejected by the OPA server" in message and "\n" not in message


def test_compile_error_that_regorus_only_finds_at_evaluation(harness: OpaRestHarness, tmp_path: Path) -> None:
    unsafe = write_policies(tmp_path / "unsafe", {"unsafe.rego": "package acme.unsafe\n\np := y\n"})
    with pytest.raises(PolicyError, match=rf"{tmp_path / 'unsafe' / 'unsafe.rego'}:3: rego_unsafe_var_error: var y is unsafe"):
        OpaEngine(harness.url, **FAST).compile(with_user(unsafe))


def test_evaluation_error_is_the_policys_problem(harness: OpaRestHarness, tmp_path: Path) -> None:
    conflict = write_policies(tmp_path / "conflict", {
        "conflict.rego": user_check("acme.s3.conflict", "results := [1] if true\n\nresults := [2] if true\n"),
    })
    with pytest.raises(PolicyError, match=r"conflict\.rego:\d+.*eval_conflict_error") as info:
        OpaEngine(harness.url, **FAST).evaluate(with_user(conflict), multi_account_input())
    assert info.value.exit_code == ExitCode.USAGE


def test_unreachable_server_is_exit_3_after_retries() -> None:
    port = free_port()
    started = time.monotonic()
    with pytest.raises(EngineError) as info:
        OpaEngine(f"http://127.0.0.1:{port}", retries=2, **FAST).compile(AWS)
    assert time.monotonic() - started < 5
    assert info.value.exit_code == ExitCode.INCOMPLETE
    assert info.value.message == (
        f"OPA server at http://127.0.0.1:{port} is unreachable while reading data.attestkit.meta: connection refused "
        "(tried 3 times); check --opa-url and that the server is running"
    )


def test_503_is_retried_then_succeeds(harness: OpaRestHarness) -> None:
    OpaEngine(harness.url, **FAST).compile(FEW)
    answers = iter([(503, {"code": "internal_error", "message": "overloaded"})] * 2)
    harness.fault = lambda method, path, body: next(answers, None) if method == "POST" else None
    before = harness.count("POST")
    try:
        engine = OpaEngine(harness.url, retries=2, **FAST)
        results = engine.evaluate(FEW, multi_account_input())
    finally:
        harness.fault = None
    assert harness.count("POST") - before == len(FEW.checks) + 2
    assert normalised(results) == normalised(RegorusEngine().evaluate(FEW, multi_account_input()))


def test_503_beyond_the_retries_is_exit_3(harness: OpaRestHarness) -> None:
    harness.fault = lambda method, path, body: (503, {"code": "internal_error", "message": "overloaded"})
    try:
        with pytest.raises(EngineError, match="answered 503 internal_error while reading data.attestkit.meta: overloaded"):
            OpaEngine(harness.url, retries=1, **FAST).compile(AWS)
    finally:
        harness.fault = None


def test_slow_server_times_out_with_exit_3(harness: OpaRestHarness) -> None:
    def slow(method: str, path: str, body: bytes) -> None:
        time.sleep(0.6)

    harness.fault = slow
    try:
        with pytest.raises(EngineError, match=r"did not answer within 0.2s while reading data.attestkit.meta \(tried 2 times\); raise --opa-timeout"):
            OpaEngine(harness.url, timeout=0.2, retries=1, **FAST).compile(AWS)
    finally:
        harness.fault = None


def test_a_server_that_is_not_opa(harness: OpaRestHarness) -> None:
    harness.fault = lambda method, path, body: (404, "<html><body>Not Found</body></html>")
    try:
        with pytest.raises(EngineError, match=r"answered 404 .* not OPA's JSON .*is --opa-url an OPA server\?"):
            OpaEngine(harness.url, **FAST).compile(AWS)
    finally:
        harness.fault = None


def test_forbidden_names_the_authorization_policy(harness: OpaRestHarness, tmp_path: Path) -> None:
    other = with_user(write_policies(tmp_path / "other", {"x.rego": "package acme.forbidden\n\nx := 1\n"}))
    harness.fault = lambda method, path, body: (403, {"code": "unauthorized", "message": "denied"}) if method == "PUT" else None
    try:
        with pytest.raises(EngineError, match="forbids publishing data.attestkit.meta .*authorization policy"):
            OpaEngine(harness.url, **FAST).compile(other)
    finally:
        harness.fault = None


@pytest.mark.parametrize(("given", "hint"), [("wrong", "check the token"), (None, "requires a bearer token: pass --opa-token")])
def test_token_refused_is_exit_3_with_a_hint(given: str | None, hint: str) -> None:
    with OpaRestHarness(token="right") as h, pytest.raises(EngineError) as info:
        OpaEngine(h.url, token=given, **FAST).compile(AWS)
    assert info.value.exit_code == ExitCode.INCOMPLETE
    assert "refused the request (401 unauthorized: request rejected by administrative policy)" in info.value.message
    assert hint in info.value.message and "right" not in info.value.message


def test_policy_set_swapped_during_evaluation_is_detected(harness: OpaRestHarness) -> None:
    engine = OpaEngine(harness.url, **FAST)
    engine.compile(FEW)
    meta = requests.get(f"{harness.url}/v1/data/{META_PATH}", timeout=5).json()["result"]
    requests.put(f"{harness.url}/v1/data/{META_PATH}", json={**meta, "policy_set_sha256": "0" * 64}, timeout=5)
    with pytest.raises(EngineError, match="changed during evaluation .*another attestkit run"):
        engine.evaluate(FEW, multi_account_input())


# -- tests through the Data API ---------------------------------------------------------------


def test_run_tests_reports_pass_fail_undefined_and_errors(harness: OpaRestHarness, tmp_path: Path) -> None:
    own = write_policies(tmp_path / "own", {
        "lib.rego": "package acme.t\n\nx := 1\n",
        "lib_test.rego": (
            "package acme.t_test\n\nimport data.acme.t\n\n"
            "test_pass_one if t.x == 1\n\n"
            "test_fail_two if t.x == 2\n\n"
            "test_fail_value := 3\n\n"
            "test_fail_conflict := 1 if true\n\ntest_fail_conflict := 2 if true\n"
        ),
    })
    policies = load_policy_set([own], include_builtin=False)
    outcomes = {o.name: o for o in OpaEngine(harness.url, **FAST).run_tests(policies)}
    assert {n: o.passed for n, o in outcomes.items()} == {
        "test_pass_one": True, "test_fail_two": False, "test_fail_value": False, "test_fail_conflict": False,
    }
    assert outcomes["test_fail_two"].detail == "undefined"
    assert outcomes["test_fail_value"].detail == "evaluated to 3"
    assert "eval_conflict_error" in outcomes["test_fail_conflict"].detail
    regorus = {o.name: o.passed for o in RegorusEngine().run_tests(policies)}
    assert regorus == {n: o.passed for n, o in outcomes.items()}
