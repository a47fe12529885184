"""Every shipped check means the same on real OPA as on the embedded regorus engine.

- every `test_` rule of every Rego test module (all providers under rego/) passes on real OPA
  (opa-golib-python-bindings, OPA 1.x embedded), and OPA finds exactly the test rules attestkit
  runs;
- every registered demo bundle (`attestkit.demo.DEMOS`) gives identical results on both;
- a best-effort stand-in for OPA's strict mode (the binding has no switch for it): no unused or
  duplicate imports and no unused `:=` locals, read from OPA's own parse of each module; where an
  `opa` executable is on PATH, `opa check --strict` itself runs over every module.

A policy only one engine accepts is a bug in the policy. Without the binding these tests fail
with how to install it (`make dev`); they never skip.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from attestkit.bundle import Bundle
from attestkit.engine.policy_set import PolicySet, RegoModule, load_policy_set
from attestkit.engine.regorus_engine import RegorusEngine
from attestkit.evaluation import evaluate_bundle
from tests.opa_demo_bundles import PROVIDERS, demo_bundle
from tests.opa_embedded import TEST_RULE, EmbeddedOpaEngine, new_engine, opa_bindings

POLICIES = load_policy_set()
TEST_MODULES = [m for m in POLICIES.modules if m.kind == "test"]
TEST_RULES = [(m, name) for m in TEST_MODULES for name in dict.fromkeys(TEST_RULE.findall(m.text))]


@pytest.fixture(scope="module")
def opa_outcomes() -> dict[tuple[str, str], Any]:
    outcomes = EmbeddedOpaEngine().run_tests(POLICIES)
    return {(o.path, o.name): o for o in outcomes}


@pytest.fixture(scope="module")
def asts() -> dict[str, dict[str, Any]]:
    """OPA's own parse of every module (rego.parse_module), by path."""
    engine = new_engine([])
    try:
        out = {}
        for m in POLICIES.modules:
            (row,) = engine.eval_query("ast := rego.parse_module(input.path, input.text)", {"path": m.path, "text": m.text})
            out[m.path] = row["ast"]
        return out
    finally:
        engine.close()


def test_the_binding_is_real_opa() -> None:
    bindings = opa_bindings()
    engine = bindings.OpaEngine()
    try:
        # OPA has what regorus lacks (FACTS.md): proof that this is not regorus under another name
        (row,) = engine.eval_query('x := net.cidr_intersects("10.0.0.0/8", "10.1.0.0/16"); y := crypto.sha256("a")')
        assert row == {"x": True, "y": "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"}
    finally:
        engine.close()


def test_every_provider_in_rego_has_checks_and_tests() -> None:
    """The guard against a silently empty run: every provider folder under rego/checks is here."""
    providers = {c.id.split(".")[0] for c in POLICIES.checks}
    tested = {m.package.split(".")[2] for m in TEST_MODULES if m.package.startswith("attestkit.checks.")}
    assert "aws" in providers and providers <= tested
    assert len(TEST_RULES) >= 3 * len(POLICIES.checks)


@pytest.mark.parametrize(("module", "name"), TEST_RULES, ids=[f"{m.package}.{n}" for m, n in TEST_RULES])
def test_rego_test_passes_on_real_opa(module: RegoModule, name: str, opa_outcomes) -> None:
    outcome = opa_outcomes[(module.path, name)]
    assert outcome.passed, f"{module.path}: {name} fails on OPA: {outcome.detail}"


def test_opa_finds_the_test_rules_attestkit_runs(asts) -> None:
    """attestkit finds tests by a regex; OPA's parse must see the same `test_` rules, so no test
    is written in a form one engine runs and the other skips."""
    for m in TEST_MODULES:
        heads = {r["head"]["ref"][0]["value"] for r in asts[m.path]["rules"] if r["head"].get("ref")}
        assert {h for h in heads if h.startswith("test_")} == set(TEST_RULE.findall(m.text)), m.path


def _vars(node: Any) -> list[str]:
    if isinstance(node, dict):
        if node.get("type") == "var" and isinstance(node.get("value"), str):
            return [node["value"]]
        return [v for value in node.values() for v in _vars(value)]
    if isinstance(node, list):
        return [v for value in node for v in _vars(value)]
    return []


def _strict_findings(path: str, ast: dict[str, Any]) -> list[str]:
    findings: list[str] = []
    names = []
    for imp in ast.get("imports", []):
        ref = imp["path"]["value"]
        name = imp.get("alias") or ref[-1]["value"]
        names.append(name)
        if ref[0]["value"] == "data" and name not in _vars(ast.get("rules", [])):
            findings.append(f"{path}: import {name} unused")
    findings += [f"{path}: import {n} twice" for n in set(names) if names.count(n) > 1]
    for rule in ast.get("rules", []):
        used = _vars(rule)
        for expr in rule.get("body", []):
            terms = expr.get("terms")
            if isinstance(terms, list) and terms and terms[0].get("value") == [{"type": "var", "value": "assign"}]:
                target = terms[1]
                if target.get("type") == "var" and used.count(target["value"]) < 2 and not target["value"].startswith("_"):
                    findings.append(f"{path}: rule {rule['head'].get('name')}: local {target['value']} assigned, never used")
    return findings


def test_no_strict_mode_findings(asts) -> None:
    findings = [f for m in POLICIES.modules for f in _strict_findings(m.path, asts[m.path])]
    assert not findings, "\n".join(findings)


def test_the_strict_stand_in_can_fail() -> None:
    engine = new_engine([])
    try:
        src = "package x\n\nimport data.a\nimport data.b\n\np if {\n\tv := 1\n\tb.q\n}\n"
        (row,) = engine.eval_query("ast := rego.parse_module(input.path, input.text)", {"path": "x.rego", "text": src})
    finally:
        engine.close()
    assert _strict_findings("x.rego", row["ast"]) == ["x.rego: import a unused", "x.rego: rule p: local v assigned, never used"]


if shutil.which("opa"):  # defined only where the executable exists (GitHub Actions installs one)

    def test_opa_check_strict(tmp_path: Path) -> None:
        for m in POLICIES.modules:
            target = tmp_path / m.path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(m.text)
        done = subprocess.run(["opa", "check", "--strict", str(tmp_path)], capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stdout + done.stderr


def _results(policies: PolicySet, engine: Any, provider: str) -> list[dict[str, Any]]:
    evaluation = evaluate_bundle(Bundle.open(demo_bundle(provider)), policies, engine)
    return [json.loads(r.model_dump_json()) for r in evaluation.results]


@pytest.mark.parametrize("provider", PROVIDERS)
def test_demo_bundle_gives_identical_results_on_both_engines(provider: str) -> None:
    regorus = _results(POLICIES, RegorusEngine(), provider)
    opa = _results(POLICIES, EmbeddedOpaEngine(), provider)
    assert {r["status"] for r in regorus} >= {"pass", "fail"}, "the demo must exercise passing and failing checks"
    assert opa == regorus


def test_the_opa_test_runner_reports_each_kind_of_failure(tmp_path: Path) -> None:
    """The runner above can fail, per test: false, undefined, an evaluation error, and a module
    OPA refuses to compile (which fails only its own tests). The last is a real difference
    between the engines: regorus accepts a function calling itself through another clause."""
    own = tmp_path / "own"
    own.mkdir()
    (own / "lib.rego").write_text("package acme.t\n\nx := 1\n")
    (own / "lib_test.rego").write_text(
        "package acme.t_test\n\nimport data.acme.t\n\n"
        "test_pass_one if t.x == 1\n\ntest_fail_two if t.x == 2\n\ntest_fail_value := 3\n\n"
        "test_fail_conflict := 1 if true\n\ntest_fail_conflict := 2 if true\n"
    )
    (own / "recursive_test.rego").write_text(
        "package acme.recursive_test\n\n_f(null) := 1\n\n_f(v) := _f(null) + 1 if v != null\n\n"
        "test_pass_recursion if _f(1) == 2\n"
    )
    policies = load_policy_set([own], include_builtin=False)
    outcomes = {o.name: o for o in EmbeddedOpaEngine().run_tests(policies)}
    assert {n: o.passed for n, o in outcomes.items()} == {
        "test_pass_one": True, "test_fail_two": False, "test_fail_value": False, "test_fail_conflict": False,
        "test_pass_recursion": False,
    }
    assert outcomes["test_fail_two"].detail == "undefined"
    assert outcomes["test_fail_value"].detail == "evaluated to 3"
    assert "eval_conflict_error" in outcomes["test_fail_conflict"].detail
    assert "rego_recursion_error" in outcomes["test_pass_recursion"].detail
    regorus = {o.name: o.passed for o in RegorusEngine().run_tests(policies)}
    assert regorus["test_pass_recursion"] is True
