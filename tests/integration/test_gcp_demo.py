"""`attest demo gcp`: the recorded organization served on 127.0.0.1 and collected through the
real collector (`GcpCollector.from_cli --organization --endpoint`), then evaluated."""

# ruff: noqa: F811 - the pytest fixtures imported from tests.fixtures.gcp.server are parameters here
from __future__ import annotations

import json
from pathlib import Path

from attestkit.collectors.interface import SilentProgress
from attestkit.demo import DEMOS, demo_collector
from attestkit.demo.gcp_demo import collect_demo, expectations
from attestkit.engine.policy_set import load_policy_set
from attestkit.pipeline import evaluate
from tests.fixtures.gcp.server import gcp_env  # noqa: F401 - pytest fixture
from tests.integration.cli import run


def test_collect_demo_collects_the_whole_organization(gcp_env, tmp_path: Path) -> None:
    bundle, manifest = collect_demo(tmp_path / "evidence", SilentProgress())
    assert bundle.parent == tmp_path / "evidence" and bundle.name.startswith("gcp-")
    assert manifest.collector.name == "gcp" and manifest.errors == []
    assert manifest.scope.accounts == ["organizations/615243789012"]
    assert manifest.resource_counts["cloudresourcemanager.googleapis.com/Folder"] == 1
    assert sum(manifest.resource_counts.values()) == 59
    run_ = evaluate(bundle, output_dir=tmp_path / "report")
    statuses = {(r.check_id, r.resource_id): r.status.value for r in run_.report.results}
    wrong = [
        e
        for e in expectations()
        if statuses.get((e["check"], e["resource"])) != e.get("organization_status", e["status"])
    ]
    assert not wrong
    gcp_checks = {c.id for c in load_policy_set().checks if c.id.startswith("gcp.")}
    assert {r.check_id for r in run_.report.results if r.check_id.startswith("gcp.")} == gcp_checks
    assert run_.report.gate.exit_code == 1  # deliberate findings, complete evidence


def test_attest_demo_gcp(gcp_env, capsys, tmp_path: Path) -> None:
    assert DEMOS["gcp"] == "attestkit.demo.gcp_demo" and demo_collector("gcp") is collect_demo
    code, out, _ = run(capsys, "demo", "gcp", "--dir", str(tmp_path), "--quiet")
    assert code == 0
    assert "`attest evaluate` on this bundle would exit 1" in out
    results = json.loads((tmp_path / "gcp" / "report" / "results.json").read_text())
    assert results["bundle"]["collector"]["name"] == "gcp"
    assert (tmp_path / "gcp" / "report" / "report.md").exists()
