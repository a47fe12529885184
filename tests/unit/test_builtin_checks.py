"""Data-integrity tests over every shipped check, and every Rego test run from pytest."""

from __future__ import annotations

import re

import pytest

from attestkit.engine.policy_set import load_policy_set
from attestkit.engine.regorus_engine import RegorusEngine

POLICIES = load_policy_set()
CHECKS = POLICIES.checks
OUTCOMES = RegorusEngine().run_tests(POLICIES)


def test_the_policy_set_is_not_empty() -> None:
    assert len(CHECKS) >= 16
    assert len(OUTCOMES) >= 3 * len(CHECKS)


@pytest.mark.parametrize("outcome", OUTCOMES, ids=lambda o: f"{o.package}.{o.name}")
def test_rego_test_passes(outcome) -> None:
    assert outcome.passed, f"{outcome.path}: {outcome.name}: {outcome.detail}"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_package_matches_folder(check) -> None:
    folder = check.module.path.removeprefix("rego/").rsplit("/", 1)[0]
    assert check.module.path.endswith("/policy.rego")
    assert check.info.package == "attestkit." + folder.replace("/", ".")


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_check_has_tests_for_pass_fail_and_error(check) -> None:
    """pass and fail always; error wherever the check reads per-resource results of calls
    that can fail. Checks judging only what the listing call returns have no per-resource
    read to fail: a failed listing is a scope error, added by attestkit for every such
    check (tests/unit/test_evaluation.py)."""
    test_path = check.module.path.replace("/policy.rego", "/policy_test.rego")
    names = {o.name for o in OUTCOMES if o.path == test_path}
    reads_can_fail = "read_failed(" in check.module.text or "scope_unreadable(" in check.module.text
    statuses = ("pass", "fail", "error") if reads_can_fail else ("pass", "fail")
    for status in statuses:
        assert any(n.startswith(f"test_{status}_") for n in names), f"{test_path} has no test_{status}_* rule"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.id)
def test_check_metadata_is_complete(check) -> None:
    info = check.info
    assert info.related_resources, f"{check.id}: add vendor documentation under related_resources"
    assert all(r.ref.startswith("https://") for r in info.related_resources)
    assert info.id.split(".")[0] in {"aws", "gcp", "azure"}
    assert all(t.startswith("AWS::") for t in info.resource_types) == (info.id.split(".")[0] == "aws")


_CONTROL_ID = re.compile(r"164\.3\d\d|\bCC\d\.\d|\b\d\d\.[a-z]{1,2}\b")


@pytest.mark.parametrize("module", POLICIES.modules, ids=lambda m: m.path)
def test_no_framework_control_ids_in_rego(module) -> None:
    """Control ids live only in mappings/, in one direction; two copies drift."""
    code = "\n".join(line for line in module.text.splitlines() if "https://" not in line)
    assert not _CONTROL_ID.search(code), f"{module.path}: framework control id in Rego"


def test_check_ids_and_packages_are_unique() -> None:
    ids = [c.id for c in CHECKS]
    packages = [c.info.package for c in CHECKS]
    assert len(ids) == len(set(ids)) and len(packages) == len(set(packages))


def test_every_check_compiles() -> None:
    RegorusEngine().compile(POLICIES)
