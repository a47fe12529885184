"""Collect and evaluate a generated GCP organization of 10,000 and 100,000 assets.

    python benchmarks/gcp_scale.py                  # both sizes, figures to docs/performance-gcp.md
    python benchmarks/gcp_scale.py --sizes 10000    # one size, printed only

The organization is generated from the recorded Carebridge assets (attestkit/demo/data/gcp/):
every project is a copy of carebridge-prod's shape, about 100 assets of the types the checks
read (instances, firewalls, subnets, buckets, Cloud SQL, KMS keys, service account keys,
datasets, GKE clusters, log sinks), with their IAM and org policies, under ten folders. It is
served by the same local Cloud Asset Inventory endpoint the tests and `attest demo gcp` use
(attestkit.demo.gcp_demo.AssetServer, in this process), and the unchanged CLI runs against it
in subprocesses, as a user would:

    attest collect gcp --organization ORG --endpoint http://127.0.0.1:PORT
    attest evaluate BUNDLE --fail-on none --format json

Each is measured for wall time and peak RSS (the child's ru_maxrss, read by a small wrapper
process so each figure is one command's own). The endpoint answers in pages of 1,000 assets
(the real maximum) with no network latency: the figures are the collector's own cost, not
Cloud Asset Inventory's (which takes seconds per page in practice).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from attestkit.demo.gcp_demo import AssetInventory, AssetServer, data_file

ORG = "123456789012"
FOLDERS = 10
TEMPLATE_PROJECT = ("carebridge-prod", "482913007215")
PER_PROJECT = {
    "cloudresourcemanager.googleapis.com/Project": 1,
    "compute.googleapis.com/Project": 1,
    "compute.googleapis.com/Instance": 20,
    "compute.googleapis.com/Firewall": 15,
    "compute.googleapis.com/Subnetwork": 10,
    "storage.googleapis.com/Bucket": 15,
    "sqladmin.googleapis.com/Instance": 5,
    "cloudkms.googleapis.com/CryptoKey": 8,
    "iam.googleapis.com/ServiceAccountKey": 10,
    "bigquery.googleapis.com/Dataset": 6,
    "container.googleapis.com/Cluster": 2,
    "logging.googleapis.com/LogSink": 7,
}
"""About 100 assets per project (100 exactly)."""

_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "wall = time.perf_counter() - start\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(f'{code} {wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}', file=sys.stderr)\n"
)


def _templates() -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, Any]]]:
    """Recorded carebridge-prod assets by type (RESOURCE), and the IAM policies by asset name."""
    doc = data_file("carebridge-organization.json")
    project_ref = f"projects/{TEMPLATE_PROJECT[1]}"
    by_type: dict[str, list[dict[str, Any]]] = {}
    for asset in doc["RESOURCE"]:
        if asset["ancestors"][0] == project_ref:
            by_type.setdefault(asset["assetType"], []).append(asset)
    policies = {a["name"]: a for a in doc["IAM_POLICY"]}
    return by_type, policies


def generate(total: int) -> AssetInventory:
    """An organization of about `total` assets (plus its IAM and org policies)."""
    by_type, policies = _templates()
    projects = max(1, total // sum(PER_PROJECT.values()))
    content: dict[str, list[dict[str, Any]]] = {"RESOURCE": [], "IAM_POLICY": [], "ORG_POLICY": []}
    org_ref = f"organizations/{ORG}"
    content["RESOURCE"].append({
        "name": f"//cloudresourcemanager.googleapis.com/{org_ref}", "assetType": "cloudresourcemanager.googleapis.com/Organization",
        "resource": {"version": "v1", "data": {"name": org_ref, "displayName": "scale.example", "lifecycleState": "ACTIVE"}, "location": "global"},
        "ancestors": [org_ref], "updateTime": "2026-11-20T00:00:00Z",
    })  # fmt: skip
    content["ORG_POLICY"].append({
        "name": f"//cloudresourcemanager.googleapis.com/{org_ref}", "assetType": "cloudresourcemanager.googleapis.com/Organization",
        "orgPolicy": [{"constraint": "constraints/storage.publicAccessPrevention", "booleanPolicy": {"enforced": True}}],
        "ancestors": [org_ref], "updateTime": "2026-11-20T00:00:00Z",
    })  # fmt: skip
    for f in range(FOLDERS):
        folder = f"folders/{500000000000 + f}"
        content["RESOURCE"].append({
            "name": f"//cloudresourcemanager.googleapis.com/{folder}", "assetType": "cloudresourcemanager.googleapis.com/Folder",
            "resource": {"version": "v2", "data": {"name": folder, "parent": org_ref, "displayName": f"team-{f}", "lifecycleState": "ACTIVE"}, "location": "global"},
            "ancestors": [folder, org_ref], "updateTime": "2026-11-20T00:00:00Z",
        })  # fmt: skip
    template_id, template_number = TEMPLATE_PROJECT
    for p in range(projects):
        project_id, number = f"scale-project-{p:05d}", str(700000000000 + p)
        folder = f"folders/{500000000000 + p % FOLDERS}"
        ancestors = [f"projects/{number}", folder, org_ref]

        def rewrite(asset: dict[str, Any], name: str, project_id: str = project_id, number: str = number,
                    ancestors: list[str] = ancestors) -> dict[str, Any]:  # fmt: skip
            copy = json.loads(json.dumps(asset).replace(template_id, project_id).replace(template_number, number))
            copy["name"] = name
            copy["ancestors"] = ancestors
            return copy

        for asset_type, count in PER_PROJECT.items():
            pool = by_type[asset_type]
            for i in range(count):
                template = pool[i % len(pool)]
                name = template["name"].replace(template_id, project_id).replace(template_number, number)
                if project_id not in name and number not in name:  # globally named (buckets)
                    name = f"{name}-{p:05d}"
                if i >= len(pool):
                    name = f"{name}-{i}"
                content["RESOURCE"].append(rewrite(template, name))
                policy = policies.get(template["name"])
                if policy is not None:
                    content["IAM_POLICY"].append(rewrite(policy, name))
    return AssetInventory(content)


def measure(argv: list[str], env: dict[str, str]) -> tuple[int, float, float, int]:
    """(exit code, wall seconds, CPU seconds, peak RSS in KiB) of one command, read in isolation."""
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *argv], env=env, capture_output=True, text=True, check=False)
    code, wall, cpu, rss = done.stderr.strip().splitlines()[-1].split()
    return int(code), float(wall), float(cpu), int(rss)


def run(total: int, workdir: Path, env: dict[str, str]) -> dict[str, Any]:
    started = time.perf_counter()
    inventory = generate(total)
    assets = len(inventory.content["RESOURCE"])
    generated = time.perf_counter() - started
    attest = str(Path(sys.executable).parent / "attest")
    out = workdir / f"evidence-{total}"
    with AssetServer(inventory) as server:
        code, collect_wall, collect_cpu, collect_rss = measure(
            [attest, "collect", "gcp", "--organization", ORG, "--endpoint", server.url, "--out", str(out), "--quiet"],
            env,
        )
        requests = len(server.requests)
    if code != 0:
        raise SystemExit(f"attest collect gcp exited {code}")
    (bundle,) = out.iterdir()
    manifest = json.loads((bundle / "manifest.json").read_text())
    resources = sum(manifest["resource_counts"].values())
    if manifest["errors"] or resources != assets:
        raise SystemExit(f"collected {resources} of {assets} assets, errors: {manifest['errors']}")
    code, eval_wall, eval_cpu, eval_rss = measure(
        [attest, "evaluate", str(bundle), "--fail-on", "none", "--format", "json", "--quiet"], env
    )
    if code != 0:
        raise SystemExit(f"attest evaluate exited {code}")
    report = json.loads((bundle / "evaluation" / "results.json").read_text())
    return {
        "assets": assets,
        "generated_s": generated,
        "requests": requests,
        "collect_s": collect_wall,
        "collect_cpu_s": collect_cpu,
        "collect_rss_mib": collect_rss / 1024,
        "evaluate_s": eval_wall,
        "evaluate_cpu_s": eval_cpu,
        "evaluate_rss_mib": eval_rss / 1024,
        "results": len(report["results"]),
        "bundle_mib": (bundle / "resources.jsonl.gz").stat().st_size / 2**20,
    }


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")  # fmt: skip
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load": load,
    }


def render(rows: list[dict[str, Any]], host: dict[str, str]) -> str:
    lines = [
        "# GCP collector and evaluation at scale",
        "",
        "`python benchmarks/gcp_scale.py` generates an organization from the recorded Carebridge",
        "assets (about 100 assets per project, ten folders, with IAM and org policies), serves it from",
        "the local Cloud Asset Inventory endpoint (`attestkit.demo.gcp_demo.AssetServer`, pages of",
        "1,000), and runs the unchanged CLI in subprocesses: `attest collect gcp --organization ORG",
        "--endpoint http://127.0.0.1:PORT`, then `attest evaluate BUNDLE` with every built-in check.",
        "Wall time and peak RSS are each command's own (the child's `ru_maxrss`).",
        "",
        f"Machine: {host['nproc']} CPUs ({host['cpu']}), Python {host['python']}, {host['platform']};",
        f"load average {host['load']} when the run started (wall times depend on it, CPU times much less).",
        "",
        "| assets | ListAssets requests | collect wall (CPU) | collect resources/s | collect peak RSS | evaluate wall (CPU) | evaluate resources/s | evaluate peak RSS | results | bundle (gzip) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['assets']:,} | {r['requests']:,} | {r['collect_s']:.1f} s ({r['collect_cpu_s']:.1f} s) | "
            f"{r['assets'] / r['collect_s']:,.0f} | {r['collect_rss_mib']:.0f} MiB | "
            f"{r['evaluate_s']:.1f} s ({r['evaluate_cpu_s']:.1f} s) | {r['assets'] / r['evaluate_s']:,.0f} | "
            f"{r['evaluate_rss_mib']:.0f} MiB | {r['results']:,} | {r['bundle_mib']:.1f} MiB |"
        )
    largest = max(rows, key=lambda r: r["assets"])
    per_asset_kb = largest["evaluate_rss_mib"] * 1024 / largest["assets"]
    lines += [
        "",
        "What the figures say:",
        "- Collection streams pages into the bundle writer. Its memory grows slowly with the",
        "  estate, not with the inventory: the names already written (overlapping scopes are",
        "  written once), the IAM policies of the listed types until their resources arrive, and",
        "  the writer's 20,000-line buffer. Its CPU goes mostly to the client library parsing each",
        "  JSON page into protobuf (`json_format.Parse`, pure Python in the REST transport), then",
        "  to converting `resource.data` back, redacting secrets on the way.",
        "- The endpoint answers instantly here. Against Cloud Asset Inventory a page of 1,000",
        "  assets takes about a second or more, and ListAssets has a per-minute request quota per",
        "  quota project: real collections are bounded by `requests x latency` and that quota.",
        "- Evaluation is the shared pipeline's (docs/design.md): every resource the checks read",
        "  goes into one engine input, built from the bundle's own JSON lines, so its time and",
        f"  memory grow linearly with the inventory (about {per_asset_kb:.0f} KB of peak memory per asset at",
        f"  {largest['assets']:,}: GCP resources carry the service's full `resource.data`). CPU time above",
        "  wall time is `--jobs` evaluating batches of checks in worker processes.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--output", type=Path, default=REPO / "docs" / "performance-gcp.md")
    parser.add_argument("--no-write", action="store_true", help="Print the figures only.")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.upper().endswith("_PROXY")}
    env["NO_PROXY"] = "127.0.0.1"
    rows = []
    host = machine()
    with tempfile.TemporaryDirectory(prefix="attest-gcp-scale-") as tmp:
        for size in args.sizes:
            row = run(size, Path(tmp), env)
            rows.append(row)
            print(json.dumps(row), flush=True)
    text = render(rows, host)
    print(text)
    if not args.no_write and args.sizes == [10_000, 100_000]:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
