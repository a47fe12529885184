"""Benchmark `attest evaluate` against the raw engine, at 1,000 / 10,000 / 100,000 resources.

    python benchmarks/evaluate_scale.py [--sizes 1000 10000 100000]

For each size: a synthetic bundle of realistic AWS resources (benchmarks/synthetic.py) is
evaluated by `attest evaluate` in a subprocess (every built-in check, mapping, reports,
hashes: the whole command), and by the raw regorus engine evaluating the same policies on
the same input in one query, also in a subprocess. Prints wall time and peak memory of both
and their ratio. Targets (issue 3): 100,000 resources in at most 15 s and 1.5 GB;
`attest evaluate` at most 1.5x the raw engine.
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

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

RAW_ENGINE = r"""
import gzip, json, sys, time
from collections import defaultdict
import regorus
from attestkit.engine.policy_set import load_policy_set
bundle = sys.argv[1]
policies = load_policy_set()
by_type = defaultdict(list)
with gzip.open(bundle + "/resources.jsonl.gz", "rt") as f:
    for line in f:
        r = json.loads(line)
        by_type[r["type"]].append(r)
manifest = json.load(open(bundle + "/manifest.json"))
data = json.dumps({"resources": by_type, "collection_errors": manifest["errors"], "collected_at": manifest["finished_at"]})
del by_type
engine = regorus.Engine()
for m in policies.policy_modules:
    engine.add_policy(m.path, m.text)
engine.set_input_json(data)
out = engine.eval_query_as_json("data.attestkit.checks")  # every check package, one query
print(len(out), file=sys.stderr)
"""


def _measure(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB (of the child), exit code."""
    started = time.perf_counter()
    proc = subprocess.run(
        ["/usr/bin/env", "python3", "-c", "import resource,subprocess,sys;"
         "p=subprocess.run(sys.argv[1:]);"
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
         "sys.exit(p.returncode)", *argv],
        capture_output=True, text=True, env=env,
    )
    wall = time.perf_counter() - started
    peak_kb = int(proc.stderr.strip().splitlines()[-1])
    return wall, peak_kb / 1024, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
    from benchmarks.synthetic import demo_templates, write_synthetic_bundle

    attest = str(Path(sys.executable).parent / "attest")
    print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    templates = demo_templates()
    print(f"templates: {len(templates)} demo resources of {len({t['type'] for t in templates})} types")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            bundle = write_synthetic_bundle(Path(tmp), size, templates)
            out = Path(tmp) / f"eval-{size}"
            wall, peak, code = _measure([attest, "evaluate", str(bundle), "--output", str(out), "--quiet",
                                         "--format", "json", "--fail-on", "none"])  # fmt: skip
            assert code in (0, 3), f"attest evaluate exited {code}"
            results = json.loads((out / "results.json").read_text())["totals"]
            raw_wall, raw_peak, raw_code = _measure([sys.executable, "-c", RAW_ENGINE, str(bundle)])
            assert raw_code == 0
            rows.append((size, wall, peak, raw_wall, raw_peak, results))
            print(
                f"{size:>7} resources: attest evaluate {wall:6.2f} s {peak:7.0f} MB | raw engine {raw_wall:6.2f} s "
                f"{raw_peak:7.0f} MB | ratio {wall / raw_wall:4.2f}x | results {results}"
            )


if __name__ == "__main__":
    main()
