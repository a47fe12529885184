"""session.py: sessions from --profile, one client per (service, region), region discovery."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest

from attestkit.collectors.aws.session import ClientFactory, discover_regions, make_session
from attestkit.errors import InputError
from tests.collectors.conftest import fail_call


def test_an_unknown_profile_is_a_usage_error(aws_env: None) -> None:
    with pytest.raises(InputError, match="'no-such-profile' not found") as caught:
        make_session("no-such-profile")
    assert caught.value.exit_code == 2


def test_one_client_per_service_and_region_even_under_concurrency(aws_env: None) -> None:
    clients = ClientFactory(boto3.Session(region_name="eu-west-1"), max_pool_connections=16)
    keys = [("ec2", "us-east-1"), ("ec2", "us-west-2"), ("s3", None), ("iam", None)] * 8
    with ThreadPoolExecutor(8) as pool:
        made = list(pool.map(lambda k: clients(*k), keys))
    assert len({id(c) for c in made}) == 4
    assert clients("s3").meta.region_name == "eu-west-1"  # the session's region is the home region
    config = clients("ec2", "us-east-1").meta.config
    # botocore stores `max_attempts` (retries) as total attempts: 10 retries + the first call.
    assert config.retries == {"mode": "adaptive", "total_max_attempts": 11}
    assert config.max_pool_connections == 16


def test_home_region_defaults_to_us_east_1(aws_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION")
    assert ClientFactory(boto3.Session()).home_region == "us-east-1"


def test_aws_endpoint_url_is_honoured(aws_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:5999")
    assert ClientFactory(boto3.Session())("ec2", "eu-west-1").meta.endpoint_url == "http://127.0.0.1:5999"


def test_discovery_lists_the_enabled_regions_of_the_account_partition(mocked_aws: None) -> None:
    regions, error = discover_regions(
        ClientFactory(boto3.Session()), account="123456789012", partition="aws", regional_types=["AWS::EC2::Volume"]
    )
    assert error is None
    assert regions == sorted(regions)
    assert {"us-east-1", "us-west-2", "eu-west-1"} <= set(regions)
    assert not [r for r in regions if r.startswith(("cn-", "us-gov-"))]  # moto lists other partitions too


def test_a_failed_discovery_is_recorded_and_falls_back_to_the_session_region(mocked_aws: None) -> None:
    session = boto3.Session(region_name="eu-west-1")
    fail_call(session, "before-call.ec2.DescribeRegions", "UnauthorizedOperation")
    regions, error = discover_regions(
        ClientFactory(session), account="123456789012", partition="aws", regional_types=["AWS::EC2::Volume"]
    )
    assert regions == ["eu-west-1"]
    assert error is not None
    assert (error.service, error.region, error.api, error.code) == (
        "ec2",
        "eu-west-1",
        "ec2:DescribeRegions",
        "UnauthorizedOperation",
    )
    assert error.resource_types == ["AWS::EC2::Volume"]
    assert error.account == "123456789012"
