"""The embedded engine in worker processes: the same results as in process, batches balanced."""

from __future__ import annotations

import json

import pytest

from attestkit.bundle import Bundle
from attestkit.engine.interface import EvaluationInput
from attestkit.engine.policy_set import load_policy_set
from attestkit.engine.regorus_engine import RegorusEngine, plan_batches
from attestkit.errors import InputError
from attestkit.evaluation import build_input, evaluate_bundle
from tests.factories import bucket, resource, write_bundle

POLICIES = load_policy_set()
AWS_CHECKS = [c for c in POLICIES.checks if c.id.startswith("aws.")]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    tmp = tmp_path_factory.mktemp("parallel")
    resources = [bucket(f"b{i}", ServerSideEncryptionConfiguration=None if i % 3 else {"Rules": []}) for i in range(40)]
    resources += [
        resource("AWS::EC2::Volume", f"arn:aws:ec2:us-east-1:123456789012:volume/vol-{i}", {"Encrypted": bool(i % 2)})
        for i in range(40)
    ]
    types = sorted({t for c in AWS_CHECKS for t in c.info.resource_types})
    return Bundle.open(write_bundle(tmp, resources, resource_types=types))


def _normalised(evaluation) -> list[str]:
    return [json.dumps(r.model_dump(mode="json"), sort_keys=True) for r in evaluation.results]


def test_workers_give_the_results_of_one_process(bundle: Bundle) -> None:
    one = evaluate_bundle(bundle, POLICIES, RegorusEngine(jobs=1))
    many = evaluate_bundle(bundle, POLICIES, RegorusEngine(jobs=3))
    assert _normalised(one) == _normalised(many)
    assert any(r.status.value == "fail" for r in one.results) and any(r.status.value == "pass" for r in one.results)


def test_batches_cover_every_check_once_and_balance_their_input(bundle: Bundle) -> None:
    data, _, _ = build_input(bundle, {t for c in AWS_CHECKS for t in c.info.resource_types})
    batches = plan_batches(AWS_CHECKS, data, 2)
    assert len(batches) == 2
    assert sorted(c.id for b in batches for c in b) == sorted(c.id for c in AWS_CHECKS)
    sizes = [data.size({t for c in b for t in c.info.resource_types}) for b in batches]
    assert min(sizes) > 0
    assert plan_batches(AWS_CHECKS, data, 1) == [AWS_CHECKS]


def test_input_text_holds_only_the_types_asked_for() -> None:
    data = EvaluationInput(resources={"A": "[1]", "B": "[2]"}, collected_at="2026-11-28T00:00:00Z")
    assert json.loads(data.text(["B", "C"])) == {
        "resources": {"B": [2]},
        "collection_errors": [],
        "collected_at": "2026-11-28T00:00:00Z",
    }
    assert json.loads(data.json_text)["resources"] == {"A": [1], "B": [2]}


def test_jobs_must_be_positive() -> None:
    with pytest.raises(InputError, match="--jobs 0"):
        RegorusEngine(jobs=0)
