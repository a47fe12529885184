"""GCP and Azure plans against the live collectors' recorded estates (`attest demo gcp`,
`attest demo azure`: the real collectors on the recorded API responses, on 127.0.0.1).

- Equivalent resources get the same verdict: wherever a planned instance and a live demo
  resource give a check the same evidence (the attribute values it judged), they get the same
  status. The plans are built so that many of their instances have such a live equivalent.
- Same vocabulary: every config path a planned resource has is one the live collector writes
  for that type (label keys aside, and the fields the recorded estate happens not to use).
"""

# ruff: noqa: F811 - the pytest fixtures imported below are parameters here
from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from attestkit.bundle import Bundle
from attestkit.cli.main import main
from attestkit.collectors.terraform.plan import Plan
from attestkit.collectors.terraform.translate import translate
from tests.fixtures.azure.harness import loopback_only_fixture  # noqa: F401 - pytest fixture
from tests.fixtures.gcp.server import gcp_env  # noqa: F401 - pytest fixture

FIXTURES = Path(__file__).parents[1] / "fixtures" / "terraform"
PLAN_OF = {"gcp": "gcp_telehealth", "azure": "azure_telehealth"}
# (matched results, distinct checks) each provider's plan must have live equivalents for
MINIMUM = {"gcp": (15, 10), "azure": (35, 20)}
# API fields the recorded estate does not use (no node pool config recorded, list policies only)
UNUSED_IN_DEMO = {
    "container.googleapis.com/Cluster": {
        "nodePools",
        "nodePools[].name",
        "nodePools[].config",
        "nodePools[].config.workloadMetadataConfig",
        "nodePools[].config.workloadMetadataConfig.mode",
    },
    "cloudresourcemanager.googleapis.com/Project": {"orgPolicy[].booleanPolicy", "orgPolicy[].booleanPolicy.enforced"},
}


@pytest.fixture(scope="module")
def live(gcp_env, loopback_only, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    out = {}
    for provider in PLAN_OF:
        where = tmp_path_factory.mktemp(f"demo-{provider}")
        assert main(["demo", provider, "--dir", str(where), "--quiet"]) == 0
        out[provider] = where / provider
    yield out


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for provider, plan in PLAN_OF.items():
        evidence = tmp_path_factory.mktemp(plan) / "evidence"
        assert main(["collect", "terraform", str(FIXTURES / f"{plan}.json"), "--out", str(evidence), "--quiet"]) == 0
        (bundle,) = evidence.iterdir()
        assert main(["evaluate", str(bundle), "--fail-on", "none", "--quiet"]) == 0
        out[provider] = bundle
    return out


def _key(result: dict[str, Any]) -> tuple[str, str]:
    return result["check_id"], json.dumps(result["evidence"], sort_keys=True)


@pytest.mark.parametrize("provider", sorted(PLAN_OF))
def test_equivalent_live_resources_get_the_same_status(live, planned, provider: str, capsys) -> None:
    capsys.readouterr()
    demo = json.loads((live[provider] / "report" / "results.json").read_text())["results"]
    verdicts: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in demo:
        verdicts[_key(r)].add(r["status"])
    plan = json.loads((planned[provider] / "evaluation" / "results.json").read_text())["results"]
    matched, checks, differ = 0, set(), []
    for r in plan:
        live_statuses = verdicts.get(_key(r))
        if live_statuses is None:
            continue
        matched += 1
        checks.add(r["check_id"])
        if live_statuses != {r["status"]}:
            differ.append((r["resource_id"], r["check_id"], r["status"], sorted(live_statuses)))
    assert not differ
    assert (matched, len(checks)) >= MINIMUM[provider], (matched, sorted(checks))
    assert {s for r in plan if _key(r) in verdicts for s in [r["status"]]} == {"pass", "fail"}


def _paths(value: Any, prefix: str = "") -> set[str]:
    out: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            path = f"{prefix}.{k}" if prefix else k
            out.add(path)
            if k not in ("labels", "tags"):  # keys of these maps are data, not vocabulary
                out |= _paths(v, path)
    elif isinstance(value, list):
        for v in value:
            out |= _paths(v, f"{prefix}[]")
    return out


@pytest.mark.parametrize("provider", sorted(PLAN_OF))
def test_planned_resources_use_the_live_collectors_vocabulary(live, provider: str) -> None:
    (bundle,) = (live[provider] / "evidence").iterdir()
    vocabulary: dict[str, set[str]] = defaultdict(set)
    for _, raw in Bundle.open(bundle).lines():
        vocabulary[raw["type"]] |= _paths(raw["config"])
    foreign: dict[str, list[str]] = {}
    compared = 0
    for name in (PLAN_OF[provider], "scenarios"):
        for r in translate(Plan(json.loads((FIXTURES / f"{name}.json").read_text()), name)).resources:
            if r.provider != provider or r.type not in vocabulary:
                continue
            compared += 1
            config = {k: v for k, v in r.config.items() if k != "_terraform"}
            extra = _paths(config) - vocabulary[r.type] - UNUSED_IN_DEMO.get(r.type, set())
            if extra:
                foreign[r.id] = sorted(extra)
    assert not foreign, json.dumps(foreign, indent=1)
    assert compared >= 20
