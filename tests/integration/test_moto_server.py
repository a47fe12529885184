"""`attest collect aws && attest evaluate` against a moto *server*, exactly as a user runs it.

Acceptance: with AWS_ENDPOINT_URL pointing at a moto server on 127.0.0.1, the unchanged CLI
collects and evaluates: the same code path a real account takes (real sockets, real HTTP,
the installed `attest` console script in a subprocess, its own boto3 Session from the
standard credential chain). Only the environment differs from a real run:

- fake credentials, no AWS config files;
- AWS_ENDPOINT_URL=http://127.0.0.1:PORT;
- HTTP_PROXY=http://127.0.0.1:PORT with NO_PROXY empty: S3 Control puts the account id in the
  host name (`123456789012.127.0.0.1:PORT`, which does not resolve), so it is routed through
  the moto server as a proxy (FACTS.md). Without it the account public access block read
  fails and `attest evaluate` exits 3.

The server is moto's `ThreadedMotoServer`, in this process; the telehealth company is seeded
through an ordinary boto3 Session pointed at it. Because the server shares this process's
moto backends, the seeder's in-process tweaks (key ages, root flags) apply; the expectations
it returns say what the collector must see either way.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from attestkit.demo.aws_company import REGIONS, SeededExpectation, seed_telehealth_company
from tests.conftest import FAKE_AWS_ENV

pytestmark = pytest.mark.slow

ATTEST = Path(sys.executable).parent / "attest"
ACCOUNT = "123456789012"
TIMEOUT = 300
"""Per subprocess: generous, so a misrouted call retrying 10 times fails the test, not the run."""


def _timing(label: str, seconds: float) -> None:
    print(f"\n[timing] moto server: {label}: {seconds:.1f} s", flush=True)


@dataclass(frozen=True)
class MotoServer:
    url: str


@pytest.fixture(scope="module")
def moto_server(aws_env: None) -> Iterator[MotoServer]:
    """moto's ThreadedMotoServer on 127.0.0.1, a free port, a freshly reset account."""
    from moto.server import ThreadedMotoServer

    werkzeug = logging.getLogger("werkzeug")
    level = werkzeug.level
    werkzeug.setLevel(logging.WARNING)  # one access-log line per request otherwise
    started = time.monotonic()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        url = f"http://{host}:{port}"
        # The server serves this process's moto backends: start from an empty account.
        no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        no_proxy.open(urllib.request.Request(f"{url}/moto-api/reset", method="POST"), timeout=30).close()
        yield MotoServer(url)
        no_proxy.open(urllib.request.Request(f"{url}/moto-api/reset", method="POST"), timeout=30).close()
    finally:
        server.stop()
        werkzeug.setLevel(level)
        _timing("whole module (server up to server down)", time.monotonic() - started)


def _endpoint_env(url: str) -> dict[str, str]:
    """What points an unmodified boto3 program at the moto server."""
    return {"AWS_ENDPOINT_URL": url, "HTTP_PROXY": url, "NO_PROXY": ""}


@pytest.fixture(scope="module")
def seeded(moto_server: MotoServer) -> list[SeededExpectation]:
    """The telehealth company, written into the server through an ordinary boto3 Session."""
    import boto3

    started = time.monotonic()
    with pytest.MonkeyPatch.context() as mp:
        for name in ("no_proxy", "http_proxy", "all_proxy", "ALL_PROXY"):
            mp.delenv(name, raising=False)  # lower case would win over NO_PROXY / HTTP_PROXY
        for name, value in _endpoint_env(moto_server.url).items():
            mp.setenv(name, value)
        expectations = seed_telehealth_company(boto3.Session(region_name=REGIONS[0]))
    _timing("seed the telehealth company over HTTP", time.monotonic() - started)
    assert expectations
    return expectations


def user_env(home: Path, server: MotoServer) -> dict[str, str]:
    """A user's shell, from scratch: fake credentials, the endpoint, nothing inherited from AWS."""
    return {
        "PATH": f"{ATTEST.parent}{os.pathsep}{os.environ.get('PATH', os.defpath)}",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        **FAKE_AWS_ENV,
        "AWS_EC2_METADATA_DISABLED": "true",
        **_endpoint_env(server.url),
    }


def attest(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ATTEST), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


@dataclass(frozen=True)
class Collected:
    workdir: Path
    env: dict[str, str]
    code: int
    stdout: str
    stderr: str


@pytest.fixture(scope="module")
def collected(
    seeded: list[SeededExpectation], moto_server: MotoServer, tmp_path_factory: pytest.TempPathFactory
) -> Collected:
    assert ATTEST.is_file(), f"{ATTEST}: the console script is missing; `pip install -e .[dev]` first"
    workdir = tmp_path_factory.mktemp("moto-server-run")
    home = workdir / "home"
    home.mkdir()
    env = user_env(home, moto_server)
    region_args = [arg for region in REGIONS for arg in ("--region", region)]
    started = time.monotonic()
    proc = attest("collect", "aws", *region_args, "--out", str(workdir / "evidence"), cwd=workdir, env=env)
    _timing("attest collect aws (subprocess)", time.monotonic() - started)
    return Collected(workdir, env, proc.returncode, proc.stdout, proc.stderr)


def _bundle(run: Collected) -> Path:
    lines = run.stdout.strip().splitlines()
    assert lines, f"collect printed nothing on stdout; stderr:\n{run.stderr}"
    return Path(lines[-1])


def test_collect_exits_0_and_prints_the_bundle_path(collected: Collected) -> None:
    assert collected.code == 0, f"stdout:\n{collected.stdout}\nstderr:\n{collected.stderr}"
    bundle = _bundle(collected)
    assert bundle.parent == collected.workdir / "evidence"
    assert bundle.name.startswith("aws-")
    assert (bundle / "manifest.json").is_file()
    assert (bundle / "resources.jsonl.gz").is_file()

    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    # Every read answered, S3 Control (through the proxy) included.
    assert manifest["errors"] == [], json.dumps(manifest["errors"], indent=2)
    assert "failed" not in collected.stderr
    assert manifest["scope"]["accounts"] == [ACCOUNT]
    assert sorted(manifest["scope"]["regions"]) == sorted(REGIONS)
    assert manifest["resource_counts"]["AWS::S3::AccountPublicAccessBlock"] == 1  # read through S3 Control


def test_collect_saw_every_seeded_resource(collected: Collected, seeded: list[SeededExpectation]) -> None:
    manifest = json.loads((_bundle(collected) / "manifest.json").read_text(encoding="utf-8"))
    buckets = {e.resource_id for e in seeded if e.check_id == "aws.s3.bucket_encryption_at_rest"}
    volumes = {e.resource_id for e in seeded if e.check_id == "aws.ec2.ebs_volume_encrypted"}
    assert manifest["resource_counts"]["AWS::S3::Bucket"] == len(buckets)
    assert manifest["resource_counts"]["AWS::EC2::Volume"] == len(volumes)


def test_the_bundle_verifies(collected: Collected) -> None:
    proc = attest("verify", str(_bundle(collected)), cwd=collected.workdir, env=collected.env)
    assert proc.returncode == 0, proc.stderr


@dataclass(frozen=True)
class Evaluated:
    code: int
    stdout: str
    stderr: str
    results: dict


@pytest.fixture(scope="module")
def evaluated(collected: Collected) -> Evaluated:
    assert collected.code == 0, collected.stderr
    started = time.monotonic()
    # No argument: the newest bundle under ./evidence, as the README tells a user.
    proc = attest("evaluate", cwd=collected.workdir, env=collected.env)
    _timing("attest evaluate (subprocess)", time.monotonic() - started)
    path = _bundle(collected) / "evaluation" / "results.json"
    assert path.is_file(), f"no {path}; exit {proc.returncode}\nstderr:\n{proc.stderr}"
    return Evaluated(proc.returncode, proc.stdout, proc.stderr, json.loads(path.read_text(encoding="utf-8")))


def test_evaluate_exits_1_on_the_findings(evaluated: Evaluated) -> None:
    assert evaluated.code == 1, f"stdout:\n{evaluated.stdout[-3000:]}\nstderr:\n{evaluated.stderr}"
    assert "gate:" in evaluated.stdout
    gate = evaluated.results["gate"]
    assert gate["exit_code"] == 1
    assert gate["fail_on"] == "info"
    totals = evaluated.results["totals"]
    assert totals["errored"] == 0
    assert totals["failed"] > 0 and totals["passed"] > 0


def test_every_seeded_expectation_holds(seeded: list[SeededExpectation], evaluated: Evaluated) -> None:
    statuses: dict[tuple[str, str], list[str]] = {}
    for result in evaluated.results["results"]:
        statuses.setdefault((result["check_id"], result["resource_id"]), []).append(result["status"])
    wrong = []
    for e in seeded:
        got = statuses.get((e.check_id, e.resource_id))
        if got != [e.status]:
            wrong.append(f"{e.check_id} {e.resource_id}: expected {e.status}, got {got} ({e.reason})")
    assert not wrong, "\n".join(wrong)
    # The run judged both ways: the seeded findings and the seeded compliant resources.
    assert {e.status for e in seeded} == {"pass", "fail"}


def test_fail_on_none_exits_0(collected: Collected, evaluated: Evaluated) -> None:
    proc = attest("evaluate", "--fail-on", "none", cwd=collected.workdir, env=collected.env)
    assert proc.returncode == 0, f"stdout:\n{proc.stdout[-3000:]}\nstderr:\n{proc.stderr}"
    results = json.loads((_bundle(collected) / "evaluation" / "results.json").read_text(encoding="utf-8"))
    assert results["gate"]["exit_code"] == 0
    assert results["totals"]["failed"] == evaluated.results["totals"]["failed"]
