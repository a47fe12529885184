"""The collector only reads, calls only what it declares, and declares only what it calls."""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Any

import pytest

from attestkit.collectors.aws import AwsCollector
from attestkit.collectors.aws.calls import READ_PREFIXES
from attestkit.collectors.aws.permissions import declared_operations, iam_policy, iam_policy_json
from attestkit.errors import InputError
from tests.collectors.conftest import Seeded, collect, new_session

PACKAGE = Path(__file__).resolve().parents[2] / "collectors" / "aws"


@pytest.fixture(scope="module")
def recorded(telehealth: Seeded) -> set[str]:
    """Every `service:Operation` the collector calls while collecting the demo company,
    region discovery included."""
    calls: set[str] = set()
    lock = threading.Lock()

    def record(model: Any, **_: Any) -> None:
        with lock:
            calls.add(f"{model.service_model.service_name}:{model.name}")

    session = new_session()
    session.events.register("before-call", record)  # the prefix matches every service and operation
    collected = collect(session, regions=None)
    assert collected.errors == []
    return calls


def test_every_call_is_a_read(recorded: set[str]) -> None:
    assert recorded
    assert [op for op in recorded if not op.split(":", 1)[1].startswith(READ_PREFIXES)] == []


def test_every_call_is_declared(recorded: set[str]) -> None:
    assert recorded - set(AwsCollector.operations) == set()


def test_every_declared_operation_is_exercised_by_the_demo_company(recorded: set[str]) -> None:
    assert set(AwsCollector.operations) - recorded == set()


def test_every_call_needs_only_declared_permissions(recorded: set[str]) -> None:
    actions = declared_operations()
    needed = {actions[op] for op in recorded if actions[op] is not None}
    assert needed <= set(AwsCollector.permissions)
    assert set(AwsCollector.permissions) == needed  # nothing declared that no call needs


def test_declarations() -> None:
    assert AwsCollector.operations == tuple(sorted(AwsCollector.operations))
    assert AwsCollector.permissions == tuple(sorted(set(AwsCollector.permissions)))
    for op in AwsCollector.operations:
        assert re.fullmatch(r"[a-z0-9]+:[A-Z][A-Za-z]+", op), op
    for action in AwsCollector.permissions:
        assert re.fullmatch(r"[a-z0-9]+:(Get|List|Describe)[A-Za-z]+", action), action
    actions = declared_operations()
    # S3's IAM actions are not its operation names
    assert actions["s3:ListBuckets"] == "s3:ListAllMyBuckets"
    assert actions["s3:GetBucketEncryption"] == "s3:GetEncryptionConfiguration"
    assert actions["s3:GetPublicAccessBlock"] == "s3:GetBucketPublicAccessBlock"
    assert actions["s3control:GetPublicAccessBlock"] == "s3:GetAccountPublicAccessBlock"
    assert actions["sts:GetCallerIdentity"] is None
    assert not [a for a in AwsCollector.permissions if a.startswith(("sts:", "s3control:"))]


def test_the_iam_policy_is_the_permissions_and_nothing_more() -> None:
    policy = iam_policy()
    assert policy == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AttestkitAwsCollectorReadOnly",
                "Effect": "Allow",
                "Action": list(AwsCollector.permissions),
                "Resource": "*",
            }
        ],
    }
    assert json.loads(iam_policy_json()) == policy
    assert json.loads(AwsCollector.permission_document()) == policy  # `attest permissions aws`


def test_no_module_but_calls_py_talks_to_botocore_and_nothing_writes() -> None:
    sources = {p.relative_to(PACKAGE).as_posix(): p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}
    assert "services/s3.py" in sources
    for name, text in sources.items():
        if name != "calls.py":
            assert "xform_name" not in text and "get_paginator" not in text, name
            # no direct client method calls: clients are only passed to call/paginate/read
            assert not re.search(r"\b(client|s3|ec2|iam|cloudtrail|sts)\.(get|list|describe|head)_\w+\(", text), name
        assert not re.search(r"\b(Put|Create|Delete|Update|Attach|Detach|Start|Stop)[A-Z]\w+", text), name


def test_class_declarations_and_cli() -> None:
    assert (AwsCollector.name, AwsCollector.provider, AwsCollector.source) == ("aws", "aws", "aws")
    assert AwsCollector.version and AwsCollector.description
    assert AwsCollector.resource_types == tuple(sorted(AwsCollector.resource_types))
    names = [p.name for p in AwsCollector.cli_params()]
    assert names == ["region", "profile"]
    assert AwsCollector.cli_params()[0].multiple is True
    assert AwsCollector.cli_example().startswith("attest collect aws")


def test_from_cli_builds_the_session_and_records_the_options(aws_env: None) -> None:
    collector = AwsCollector.from_cli(profile=None, region=("us-west-2", "eu-west-1", "us-west-2"))
    assert collector.regions == ["eu-west-1", "us-west-2"]
    assert collector.profile is None
    assert AwsCollector.from_cli().regions is None


@pytest.mark.parametrize("region", ["useast1", "US-EAST-1", "us-east", "eu-west-1 "])
def test_a_malformed_region_is_a_usage_error(aws_env: None, region: str) -> None:
    with pytest.raises(InputError, match="not an AWS region name") as caught:
        AwsCollector.from_cli(region=("us-east-1", region))
    assert caught.value.exit_code == 2


def test_the_entry_point_finds_the_collector() -> None:
    from attestkit.registry import plugin

    assert plugin("attestkit.collectors", "aws") is AwsCollector
