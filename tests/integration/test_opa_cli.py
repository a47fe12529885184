"""End to end through the CLI: `attest evaluate --engine opa --opa-url URL` on the AWS demo bundle.

Every test runs against each available OPA server: the REST test harness (tests/opa_server.py:
real OPA embedded behind a small HTTP server speaking OPA's REST API, a test harness, not an OPA
server) always, and the real `opa run --server` where an `opa` executable is on PATH. The client
side is the unchanged CLI with the real opa-python-client over real HTTP on loopback.
"""

from __future__ import annotations

import json
import logging
import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from attestkit.cli.main import main
from attestkit.engine.opa_bundle import write_bundle
from attestkit.engine.policy_set import load_policy_set
from tests.conftest import REAL_AWS_ENV, _guarded_connect
from tests.factories import bucket
from tests.factories import write_bundle as write_bundle_dir
from tests.integration.cli import run
from tests.opa_demo_bundles import demo_bundle
from tests.opa_server import OpaServer, free_port, opa_server, server_kinds

TOKEN = "attest-test-token-5b1f"
ENGINE_LOG = "attestkit.engine.opa_engine"


@pytest.fixture(scope="module", autouse=True)
def loopback_only() -> Iterator[None]:
    """No socket beyond loopback, no proxy, and no token from the environment unless a test sets one."""
    with pytest.MonkeyPatch.context() as mp:
        for name in REAL_AWS_ENV + ("ATTEST_OPA_TOKEN", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
            mp.delenv(name, raising=False)
        mp.setattr(socket.socket, "connect", _guarded_connect(socket.socket.connect))
        yield


@pytest.fixture(scope="module", params=server_kinds())
def server(request: pytest.FixtureRequest) -> Iterator[OpaServer]:
    """An OPA server requiring the bearer token TOKEN: the harness, and `opa` when installed."""
    with opa_server(request.param, token=TOKEN) as s:
        yield s


@pytest.fixture(scope="module")
def bundle() -> Path:
    return demo_bundle("aws")


@pytest.fixture(scope="module")
def embedded(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The evaluation directory of the embedded engine (regorus) on the demo bundle."""
    out = tmp_path_factory.mktemp("regorus")
    assert main(["evaluate", str(bundle), "--output", str(out), "--quiet", "--fail-on", "none"]) == 0
    return out


def evaluate_opa(capsys, bundle: Path, out: Path, url: str, *extra: str) -> tuple[int, str, str]:
    return run(capsys, "evaluate", str(bundle), "--engine", "opa", "--opa-url", url, "--output", str(out), "--fail-on", "none", *extra)


def comparable(report: dict[str, Any]) -> dict[str, Any]:
    """What must not depend on the engine: every result, every control status, totals, the gate."""
    return {key: report[key] for key in ("results", "frameworks", "totals", "gate", "checks", "policy_set", "bundle")}


def markdown(path: Path) -> str:
    """report.md with the engine's name and the generation time taken out."""
    text = re.sub(r"engine (regorus|opa)\b", "engine ENGINE", path.read_text())
    return re.sub(r"\| Generated \| \S+ ", "| Generated | TIME ", text)


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("kind", server_kinds())
def test_opa_server_gives_the_embedded_engines_report_and_uploads_once(
    kind, bundle, embedded, capsys, tmp_path, monkeypatch, caplog
) -> None:
    """A fresh server: the first run uploads every module once (counted in the harness, which
    logs every request; `opa` does not, so there the engine's log tells), the second run uploads
    nothing, and both give the embedded engine's report."""
    caplog.set_level(logging.INFO, logger=ENGINE_LOG)
    monkeypatch.setenv("ATTEST_OPA_TOKEN", TOKEN)  # from the environment, as CI passes a secret
    expected = json.loads((embedded / "results.json").read_text())
    modules = len(load_policy_set().policy_modules)
    puts_after_first = 0
    with opa_server(kind, token=TOKEN) as fresh:
        for run_number, out_dir in enumerate((tmp_path / "first", tmp_path / "second")):
            caplog.clear()
            code, out, err = evaluate_opa(capsys, bundle, out_dir, fresh.url, "--format", "json", "--quiet")
            assert code == 0, err
            report = json.loads((out_dir / "results.json").read_text())
            assert json.loads(out) == report
            assert report["engine"] == "opa" and expected["engine"] == "regorus"
            assert comparable(report) == comparable(expected)
            assert markdown(out_dir / "report.md") == markdown(embedded / "report.md")
            messages = [r.getMessage() for r in caplog.records if r.name == ENGINE_LOG]
            uploaded = any(m.startswith(f"uploading {modules} modules") for m in messages)
            assert uploaded == (run_number == 0), messages
            if fresh.kind == "harness":
                puts = fresh.count("PUT")  # type: ignore[attr-defined]
                if run_number == 0:
                    assert len(fresh.policy_ids) == modules  # type: ignore[attr-defined]
                    assert fresh.count("PUT", "/v1/policies/") >= modules  # type: ignore[attr-defined]
                    assert fresh.count("PUT", "/v1/data/attestkit/meta") == 2  # type: ignore[attr-defined]
                    puts_after_first = puts
                else:
                    assert puts == puts_after_first, "the second run uploads nothing"
    assert {"pass", "fail"} <= {r["status"] for r in report["results"]}
    assert any(c["status"] == "not_satisfied" for f in report["frameworks"] for c in f["controls"])


def test_unreachable_server_is_one_line_and_exit_3(bundle, capsys, tmp_path) -> None:
    port = free_port()
    code, out, err = evaluate_opa(capsys, bundle, tmp_path, f"http://127.0.0.1:{port}", "--opa-timeout", "2")
    assert code == 3 and out == ""
    line = one_line(err)
    assert line.startswith(f"error: OPA server at http://127.0.0.1:{port} is unreachable while reading data.attestkit.meta: connection refused")
    assert "check --opa-url" in line
    assert not (tmp_path / "results.json").exists()


def test_wrong_token_is_one_line_and_exit_3(server, bundle, capsys, tmp_path) -> None:
    code, _, err = evaluate_opa(capsys, bundle, tmp_path, server.url, "--opa-token", "not-the-token")
    assert code == 3
    line = one_line(err)
    assert "refused the request (401 unauthorized" in line and "check the token (--opa-token or ATTEST_OPA_TOKEN)" in line
    assert "not-the-token" not in line


def test_missing_token_names_the_option(server, bundle, capsys, tmp_path) -> None:
    code, _, err = evaluate_opa(capsys, bundle, tmp_path, server.url)
    assert code == 3
    assert "the server requires a bearer token: pass --opa-token or set ATTEST_OPA_TOKEN" in one_line(err)


@pytest.mark.parametrize("kind", server_kinds())
def test_server_refusing_the_policies_is_one_line_and_exit_3(kind, bundle, capsys, tmp_path) -> None:
    """An OPA serving a bundle of the built-in checks owns the `attestkit` root: evaluating with
    extra policies needs an upload it refuses (400). The server's configuration must change, not
    the input: exit 3."""
    served = write_bundle(load_policy_set(), tmp_path / "served.tar.gz").path
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "x.rego").write_text("package acme.extra\n\nx := 1\n")
    with opa_server(kind, bundle=served) as s:
        code, _, err = evaluate_opa(capsys, bundle, tmp_path / "out", s.url, "--policies", str(extra))
        assert code == 3
        line = one_line(err)
        assert "refused publishing data.attestkit.meta: path attestkit/meta is owned by bundle" in line
        assert "deploy a bundle of these policies (attest policy bundle)" in line
        if s.kind == "opa":
            # real OPA serving the bundle judges the built-in set without any upload (for the
            # harness, tests/unit/test_opa_bundle.py shows it at less cost)
            code, _, err = evaluate_opa(capsys, bundle, tmp_path / "ok", s.url, "--quiet")
            assert code == 0, err


def test_policy_the_server_rejects_is_exit_2_with_file_and_line(server, bundle, capsys, tmp_path) -> None:
    policies = tmp_path / "policies"
    policies.mkdir()
    bad = policies / "unsafe.rego"
    bad.write_text("package acme.unsafe\n\np := y\n")
    code, _, err = evaluate_opa(capsys, bundle, tmp_path / "out", server.url, "--opa-token", TOKEN, "--policies", str(policies))
    assert code == 2
    line = one_line(err)
    assert re.search(rf"error: {re.escape(str(bad))}:3(:\d+)?: rego_unsafe_var_error: var y is unsafe", line), line
    assert "rejected by the OPA server" in line


def test_policy_test_runs_every_rego_test_on_the_server(server, capsys) -> None:
    code, out, err = run(capsys, "policy", "test", "--engine", "opa", "--opa-url", server.url, "--opa-token", TOKEN)
    policies = load_policy_set()
    assert code == 0, out[-2000:] + err
    assert "FAIL" not in out
    assert out.count("PASS ") >= 3 * len(policies.checks)
    assert re.search(r"\d+ passed, 0 failed", err)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--opa-url", "http://127.0.0.1:8181"], "--opa-url apply to --engine opa only"),
        (["--engine", "opa"], "--engine opa needs --opa-url URL"),
        (["--engine", "opa", "--opa-url", "127.0.0.1:8181"], "http:// or https://"),
    ],
)
def test_engine_options_misuse_is_exit_2(argv, message, bundle, capsys, tmp_path) -> None:
    code, _, err = run(capsys, "evaluate", str(bundle), "--output", str(tmp_path), *argv)
    assert code == 2 and message in one_line(err)


def test_token_in_the_environment_is_ignored_by_the_embedded_engine(capsys, tmp_path, monkeypatch) -> None:
    small = write_bundle_dir(tmp_path, [bucket("carebridge-small")])
    monkeypatch.setenv("ATTEST_OPA_TOKEN", "whatever")
    code, _, err = run(capsys, "evaluate", str(small), "--output", str(tmp_path / "out"), "--quiet", "--fail-on", "none", "--allow-incomplete")
    assert code == 0, err


def test_policy_bundle_command_writes_the_bundle(capsys, tmp_path) -> None:
    target = tmp_path / "attestkit-bundle.tar.gz"
    code, out, err = run(capsys, "policy", "bundle", "-o", str(target))
    assert code == 0
    assert out.strip() == str(target) and target.is_file()
    policies = load_policy_set()
    assert f"revision {policies.sha256[:12]}" in err and "roots attestkit" in err
    code, _, err = run(capsys, "policy", "bundle", "-o", str(tmp_path))
    assert code == 2 and "is a directory" in err
