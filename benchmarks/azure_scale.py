"""Benchmark `attest collect azure` and `attest evaluate` on generated estates of 10,000 and 100,000 resources.

    python benchmarks/azure_scale.py [--sizes 10000 100000] [--workers 8] [--markdown FILE]

For each size, an estate is generated from the recorded Carebridge estate
(attestkit/demo/data/azure: every Resource Graph row and every ARM child body is a clone of a
recorded one, renamed, in the recorded mix of types) and served by the same local ARM server
as the demo and the tests (`attestkit.demo.azure_demo.ArmServer`, in this process, on
127.0.0.1). One subscription per 1,000 resources, all below one management group. Then, each
in its own subprocess, as a user runs them:

    attest collect azure --management-group mg-bench --endpoint http://127.0.0.1:PORT --out DIR
    attest evaluate BUNDLE --fail-on none

and prints wall time, resources per second and peak RSS of each (the child's own
`ru_maxrss`, from os.wait4), with the machine. `--markdown FILE` also writes the table.
Rows are generated on demand: the server's memory does not grow with the estate.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from attestkit.demo.azure_demo import PROD_SUBSCRIPTION, ArmServer, RecordedEstate

MANAGEMENT_GROUP = "mg-bench"
RESOURCES_PER_SUBSCRIPTION = 1_000
_SUFFIX = re.compile(r"-x(\d{7})(?=/|$)")


def _subscription_id(n: int) -> str:
    return f"b0000000-0000-4000-8000-{n:012d}"


class _Rows(Sequence[dict[str, Any]]):
    """Resource Graph rows generated on demand: row k of a query is clone number `indices[k]`."""

    def __init__(self, estate: GeneratedEstate, indices: range | list[int]) -> None:
        self.estate = estate
        self.indices = indices

    def __len__(self) -> int:
        return len(self.indices)

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, slice):
            return [self.estate.row(n) for n in self.indices[item]]
        return self.estate.row(self.indices[item])


class GeneratedEstate:
    """`size` resources cloned from the recorded estate; an `Estate` for `ArmServer`."""

    def __init__(self, size: int) -> None:
        self.recorded = RecordedEstate()
        self.graph_page_size = 1000
        self.faults: list[Any] = []
        templates = self.recorded.graph_rows("resources", None, None, None)
        self.templates = [dict(t) for t in templates]
        self.subscriptions = [_subscription_id(i) for i in range(max(1, size // RESOURCES_PER_SUBSCRIPTION))]
        per_subscription_extra = 1 + len(self.recorded.graph_rows("securityresources", None, None, None)) // 2
        self.size = max(0, size - per_subscription_extra * len(self.subscriptions))
        self._prod = PROD_SUBSCRIPTION  # the template of every generated subscription
        self._by_type: dict[str, list[int]] = {}
        for n in range(self.size):
            self._by_type.setdefault(self.templates[n % len(self.templates)]["type"], []).append(n)
        self._sub_index = {s: i for i, s in enumerate(self.subscriptions)}

    # helpers ---------------------------------------------------------------------------------
    def _template(self, n: int) -> dict[str, Any]:
        return self.templates[n % len(self.templates)]

    def _sub_of(self, n: int) -> str:
        return self.subscriptions[n % len(self.subscriptions)]

    @staticmethod
    def _rename(text: str, old_sub: str, new_sub: str, old_name: str, new_name: str) -> str:
        text = re.sub(re.escape(old_sub), new_sub, text, flags=re.IGNORECASE)
        return re.sub(rf"(?<=/){re.escape(old_name)}(?=[/\"])", new_name, text)

    def row(self, n: int) -> dict[str, Any]:
        template = self._template(n)
        name = str(template["name"])
        text = self._rename(
            json.dumps(template), str(template["subscriptionId"]), self._sub_of(n), name, f"{name}-x{n:07d}"
        )
        row = json.loads(text)
        row["name"] = f"{name}-x{n:07d}"
        return row

    # Estate ----------------------------------------------------------------------------------
    def subscription(self, subscription_id: str) -> dict[str, Any] | None:
        if subscription_id.lower() not in self._sub_index:
            return None
        body = json.loads(
            json.dumps(self.recorded.subscription(self._prod)).replace(self._prod, subscription_id.lower())
        )
        body["displayName"] = f"bench {self._sub_index[subscription_id.lower()]}"
        return body

    def graph_rows(
        self,
        table: str,
        rtype: str | None,
        subscriptions: frozenset[str] | None,
        management_groups: frozenset[str] | None,
    ) -> Sequence[dict[str, Any]]:
        if management_groups is not None and MANAGEMENT_GROUP not in management_groups:
            return []
        in_scope = [s for s in self.subscriptions if subscriptions is None or s in subscriptions]
        if table == "resourcecontainers":
            return [
                {"subscriptionId": s, "id": f"/subscriptions/{s}", "type": "microsoft.resources/subscriptions"}
                for s in in_scope
            ]
        if table == "securityresources":
            out = []
            for sub in in_scope:
                for template in self.recorded.graph_rows("securityresources", rtype, frozenset({self._prod}), None):
                    out.append(json.loads(json.dumps(template).replace(self._prod, sub)))
            return out
        indices = self._by_type.get(rtype or "", [])
        if subscriptions is not None:
            wanted = {self._sub_index[s] for s in in_scope}
            indices = [n for n in indices if n % len(self.subscriptions) in wanted]
        return _Rows(self, indices)

    def arm(self, path: str, skip_token: str | None) -> dict[str, Any] | None:
        found = _SUFFIX.search(path)
        sub = path.split("/")[2]
        if found is None:  # subscription-level reads (activity log settings)
            body = self.recorded.arm(path.replace(sub, self._prod), skip_token)
            return None if body is None else json.loads(json.dumps(body).replace(self._prod, sub))
        n = int(found.group(1))
        template = self._template(n)
        template_path = _SUFFIX.sub("", path).replace(sub, str(template["subscriptionId"]).lower())
        body = self.recorded.arm(template_path, skip_token)
        if body is None:
            return None
        name = str(template["name"])
        return json.loads(
            self._rename(json.dumps(body), str(template["subscriptionId"]), sub, name, f"{name}-x{n:07d}")
        )


# Measuring ---------------------------------------------------------------------------------
@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    code: int
    stdout: str
    stderr: str


def _run(argv: list[str], env: dict[str, str]) -> Run:
    """Run a command; wall time, and the child's own CPU time and peak RSS (os.wait4)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return Run(seconds, cpu, usage.ru_maxrss / 1024, proc.returncode, out.read(), err.read())


def _attest() -> str:
    return str(Path(sys.executable).parent / "attest")


def machine() -> dict[str, str]:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
    }


def bench(size: int, workdir: Path) -> dict[str, Any]:
    estate = GeneratedEstate(size)
    env = {k: v for k, v in os.environ.items() if not k.upper().endswith("_PROXY")}
    with ArmServer(estate, recorded_faults=False) as server:
        collect = _run(
            [
                _attest(),
                "collect",
                "azure",
                "--management-group",
                MANAGEMENT_GROUP,
                "--endpoint",
                server.url,
                "--out",
                str(workdir / "evidence"),
                "--quiet",
            ],
            env,
        )
        calls = len(server.calls)
    if collect.code != 0:
        raise SystemExit(f"attest collect azure exited {collect.code}:\n{collect.stderr[-3000:]}")
    bundle = Path(collect.stdout.strip().splitlines()[-1])
    manifest = json.loads((bundle / "manifest.json").read_text())
    resources = sum(manifest["resource_counts"].values())
    if manifest["errors"]:
        raise SystemExit(f"collection errors at {size}: {manifest['errors'][:3]}")
    evaluate = _run([_attest(), "evaluate", str(bundle), "--fail-on", "none", "--quiet", "--format", "json"], env)
    if evaluate.code not in (0, 1, 3):  # 3: clones whose references point at no clone are judged `error`
        raise SystemExit(f"attest evaluate exited {evaluate.code}:\n{evaluate.stderr[-3000:]}")
    totals = json.loads(evaluate.stdout)["totals"]
    return {
        "size": size,
        "resources": resources,
        "subscriptions": len(estate.subscriptions),
        "requests": calls,
        "collect_s": collect.seconds,
        "collect_cpu_s": collect.cpu_seconds,
        "collect_rss_mb": collect.peak_rss_mb,
        "evaluate_s": evaluate.seconds,
        "evaluate_cpu_s": evaluate.cpu_seconds,
        "evaluate_rss_mb": evaluate.peak_rss_mb,
        "results": totals,
    }


def markdown(rows: list[dict[str, Any]], host: dict[str, str]) -> str:
    lines = [
        f"Machine: {host['nproc']} CPUs ({host['cpu']}), Python {host['python']}, {host['os']}.",
        "",
        (
            "| resources | subscriptions | HTTP requests | collect: wall | collect: resources/s | collect: peak RSS "
            "| collect: CPU | evaluate: wall | evaluate: resources/s | evaluate: peak RSS | evaluate: CPU "
            "| results (pass / fail / error) |"
        ),
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        t = r["results"]
        lines.append(
            f"| {r['resources']:,} | {r['subscriptions']} | {r['requests']:,} | {r['collect_s']:.1f} s "
            f"| {r['resources'] / r['collect_s']:,.0f} | {r['collect_rss_mb']:.0f} MB | {r['collect_cpu_s']:.1f} s "
            f"| {r['evaluate_s']:.1f} s | {r['resources'] / r['evaluate_s']:,.0f} | {r['evaluate_rss_mb']:.0f} MB "
            f"| {r['evaluate_cpu_s']:.1f} s "
            f"| {t.get('passed', 0):,} / {t.get('failed', 0):,} / {t.get('errored', 0):,} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--markdown", type=Path, help="Also write the table to this file.")
    args = parser.parse_args()
    host = machine()
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"azure-scale-{size}-") as tmp:
            row = bench(size, Path(tmp))
        rows.append(row)
        print(
            f"{row['resources']:>7,} resources, {row['subscriptions']} subscriptions, {row['requests']:,} requests: "
            f"collect {row['collect_s']:.1f} s ({row['resources'] / row['collect_s']:,.0f}/s, {row['collect_rss_mb']:.0f} MB), "
            f"evaluate {row['evaluate_s']:.1f} s ({row['resources'] / row['evaluate_s']:,.0f}/s, {row['evaluate_rss_mb']:.0f} MB)",
            flush=True,
        )
    table = markdown(rows, host)
    print()
    print(table)
    if args.markdown:
        args.markdown.write_text(table, encoding="utf-8")


if __name__ == "__main__":
    main()
