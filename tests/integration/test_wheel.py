"""The built wheel, installed into a fresh venv, runs `attest demo` and the built-in Rego tests.

Acceptance: in a fresh venv, `pip install .` then `attest demo` works, tested from a built
wheel (not only an editable install, where the source tree hides missing package data).

The wheel is built with `python -m build --wheel` from a copy of the working tree (setuptools
writes build/ and *.egg-info beside the sources; the checkout stays untouched). Build
isolation and the venv's `pip install` fetch their dependencies from the package index the
environment configures (pip's own configuration and cache, as on a CI machine); `attest`
itself then runs with a clean environment: HOME in the temporary directory (no ~/.aws), and
a real-looking AWS profile and endpoint that the demo must hide.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DIRS = {"attestkit": "attestkit", "cli": "attestkit/cli", "collectors": "attestkit/collectors"}
"""Source folder -> where its modules live in the wheel (pyproject's package-dir)."""
DATA_DIRS = {"rego": ("attestkit/rego", "*.rego"), "mappings": ("attestkit/mappings", "*.yaml")}
NOT_COPIED = (
    *(".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc"),
    *(".pytest_cache", ".hypothesis", ".ruff_cache", ".mypy_cache", "evidence", "attest-demo"),
)
TIMEOUT = 900

_timings: list[tuple[str, float]] = []


def _timed(label: str, started: float) -> None:
    seconds = time.monotonic() - started
    _timings.append((label, seconds))
    print(f"\n[timing] wheel: {label}: {seconds:.1f} s", flush=True)


@pytest.fixture(scope="module", autouse=True)
def _report_total() -> Iterator[None]:
    started = time.monotonic()
    yield
    _timed("whole module (build + venv + install + demo + policy test)", started)


def _run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, check=False, **kwargs)  # type: ignore[call-overload]


def _explain(proc: subprocess.CompletedProcess[str]) -> str:
    return f"{proc.args}: exit {proc.returncode}\nstdout:\n{proc.stdout[-4000:]}\nstderr:\n{proc.stderr[-4000:]}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel-build")
    src = tmp / "src"
    started = time.monotonic()
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(*NOT_COPIED))
    proc = _run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp / "dist"), str(src)])
    _timed("python -m build --wheel (isolated)", started)
    assert proc.returncode == 0, _explain(proc)
    (built,) = (tmp / "dist").glob("attestkit-*.whl")
    return built


def _source_files(folder: str, pattern: str) -> set[PurePosixPath]:
    base = ROOT / folder
    return {
        PurePosixPath(path.relative_to(base).as_posix())
        for path in base.rglob(pattern)
        if "__pycache__" not in path.parts
    }


def test_wheel_holds_the_package_and_its_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())

    required = {
        "attestkit/rego/lib/result.rego",
        "attestkit/mappings/hipaa.yaml",
        "attestkit/collectors/aws/collector.py",
        "attestkit/cli/main.py",
        "attestkit/demo/aws_company.py",
    }
    policies = {f"attestkit/rego/{p}" for p in _source_files("rego", "policy.rego")}
    assert any(p.startswith("attestkit/rego/checks/") for p in policies)
    catalogs = {f"attestkit/mappings/{p}" for p in _source_files("mappings", "*.yaml") if p.parts[0] == "catalogs"}
    assert catalogs, "no mappings/catalogs/*.yaml in the source tree"
    schemas = {f"attestkit/schemas/{p}" for p in _source_files("attestkit/schemas", "*.json")}
    demo_data = {f"attestkit/demo/data/{p}" for p in _source_files("attestkit/demo/data", "*.json")}
    assert demo_data, "the GCP and Azure demos' recorded estates are package data"
    missing = sorted((required | policies | catalogs | schemas | demo_data) - names)
    assert not missing, f"missing from {wheel.name}: {missing}"

    # Every module and data file of the source folders, at its package path.
    expected = set()
    for folder, target in PACKAGE_DIRS.items():
        expected |= {f"{target}/{p}" for p in _source_files(folder, "*.py")}
    for folder, (target, pattern) in DATA_DIRS.items():
        expected |= {f"{target}/{p}" for p in _source_files(folder, pattern)}
        expected |= {f"{target}/{p}" for p in _source_files(folder, "*.py")}
    missing = sorted(expected - names)
    assert not missing, f"in the source tree but not in {wheel.name} (pyproject packages/package-data?): {missing}"

    # One import package: no stray top-level cli/, collectors/, rego/, mappings/ or tests/.
    top = {name.split("/", 1)[0] for name in names}
    dist_info = {t for t in top if t.endswith(".dist-info")}
    assert len(dist_info) == 1
    assert top - dist_info == {"attestkit"}, f"unexpected top-level entries: {sorted(top - dist_info - {'attestkit'})}"
    assert not {n for n in names if n.split("/")[0] in {"cli", "collectors", "rego", "mappings", "tests"}}
    (info,) = dist_info
    assert zipfile.ZipFile(wheel).read(f"{info}/top_level.txt").decode().split() == ["attestkit"]
    entry_points = zipfile.ZipFile(wheel).read(f"{info}/entry_points.txt").decode()
    assert "attest = attestkit.cli.main:main" in entry_points


@dataclass(frozen=True)
class Installed:
    venv: Path
    workdir: Path

    @property
    def attest(self) -> Path:
        return self.venv / "bin" / "attest"

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    def clean_env(self) -> dict[str, str]:
        """A user's shell with nothing of ours in it; a real-looking AWS setup the demo must hide."""
        home = self.workdir / "home"
        home.mkdir(exist_ok=True)
        return {
            "PATH": f"{self.venv / 'bin'}{os.pathsep}/usr/bin{os.pathsep}/bin",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "TMPDIR": str(self.workdir),
            "AWS_PROFILE": "attestkit-wheel-test-not-a-profile",
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9",
        }


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    workdir = tmp_path_factory.mktemp("wheel-venv")
    venv = workdir / "venv"
    started = time.monotonic()
    proc = _run([sys.executable, "-m", "venv", str(venv)])
    assert proc.returncode == 0, _explain(proc)
    _timed("python -m venv", started)
    started = time.monotonic()
    # pip's own configuration (index, cache) as the machine has it: only pip talks to the index.
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"}}
    proc = _run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], env=env, cwd=workdir)
    _timed("pip install <wheel> into the fresh venv (with dependencies)", started)
    assert proc.returncode == 0, _explain(proc)
    result = Installed(venv, workdir)
    assert result.attest.is_file()
    return result


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Installed) -> None:
    code = "import attestkit, attestkit.cli, attestkit.rego\nfor m in (attestkit, attestkit.cli, attestkit.rego): print(m.__file__)"
    proc = _run(
        [str(installed.python), "-c", code],
        cwd=installed.workdir,
        env=installed.clean_env(),
    )
    assert proc.returncode == 0, _explain(proc)
    for line in proc.stdout.split():
        path = Path(line).resolve()
        assert installed.venv.resolve() in path.parents, path
        assert ROOT not in path.parents, path


def test_attest_demo_from_the_wheel(installed: Installed) -> None:
    demo = installed.workdir / "demo"
    started = time.monotonic()
    proc = _run([str(installed.attest), "demo", "--dir", str(demo)], cwd=installed.workdir, env=installed.clean_env())
    _timed("attest demo (wheel install)", started)
    assert proc.returncode == 0, _explain(proc)
    assert "gate:" in proc.stdout, _explain(proc)
    report = demo / "aws" / "report"
    assert (report / "report.md").is_file()
    assert (report / "results.json").is_file()
    results = json.loads((report / "results.json").read_text(encoding="utf-8"))
    assert results["totals"]["errored"] == 0
    assert results["totals"]["failed"] > 0 and results["totals"]["passed"] > 0
    assert len(results["checks"]) == len(_source_files("rego/checks/aws", "policy.rego"))  # every AWS check judged
    assert "# " in (report / "report.md").read_text(encoding="utf-8")
    assert not (installed.workdir / "home" / ".aws").exists()


def test_policy_tests_pass_from_the_wheel(installed: Installed) -> None:
    started = time.monotonic()
    proc = _run(
        [str(installed.attest), "policy", "test", "--failures-only"], cwd=installed.workdir, env=installed.clean_env()
    )
    _timed("attest policy test --failures-only (wheel install)", started)
    assert proc.returncode == 0, _explain(proc)
    assert "FAIL" not in proc.stdout
    assert " 0 failed" in proc.stderr + proc.stdout
