"""Shared by the tests of values known only after apply: translate a small plan, and judge the
translated resources with one real check on the embedded engine."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from attestkit.collectors.terraform.plan import Plan
from attestkit.collectors.terraform.translate import translate
from attestkit.engine.interface import EvaluationInput
from attestkit.engine.policy_set import load_policy_set
from attestkit.engine.regorus_engine import RegorusEngine
from attestkit.models import Resource
from tests.fixtures.terraform.planjson import Plan as PlanBuilder

POLICIES = load_policy_set()


def built(plan: PlanBuilder | dict[str, Any]) -> dict[str, Resource]:
    doc = plan if isinstance(plan, dict) else plan.build()
    return {r.id: r for r in translate(Plan(doc, "test")).resources}


def judged(resources: dict[str, Resource], check_id: str) -> dict[str, dict[str, Any]]:
    """The check's results on the translated resources: resource id -> {status, message, evidence}."""
    check = POLICIES.check(check_id)
    by_type: dict[str, list[Any]] = {}
    for r in resources.values():
        by_type.setdefault(r.type, []).append(r.model_dump(mode="json"))
    data = EvaluationInput(resources={t: json.dumps(rs) for t, rs in by_type.items()})
    raw = RegorusEngine().evaluate(dataclasses.replace(POLICIES, checks=[check]), data)
    return {item["resource"]: item for item in raw.get(check_id, [])}


def status(resources: dict[str, Resource], check_id: str) -> dict[str, str]:
    return {rid: r["status"] for rid, r in judged(resources, check_id).items()}


def unknown_paths(r: Resource) -> list[str]:
    return r.config["_terraform"].get("unknown", [])


def errors(r: Resource) -> set[tuple[str, str]]:
    return {(e.api, e.code) for e in r.errors}
