"""Shared fixtures. AWS: fake credentials and moto, never a real endpoint or socket."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

FAKE_AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": "/nonexistent/attestkit-tests/aws-config",
    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/attestkit-tests/aws-credentials",
    "AWS_EC2_METADATA_DISABLED": "true",
    # Without it every moto EC2 region loads ~1,300 stock AMIs (FACTS.md).
    "MOTO_EC2_LOAD_DEFAULT_AMIS": "false",
}
REAL_AWS_ENV = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "http_proxy",
    "https_proxy",
)


def _guarded_connect(original: Callable[..., Any]) -> Callable[..., Any]:
    def connect(sock: socket.socket, address: Any) -> Any:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]
            try:
                loopback = ipaddress.ip_address(host).is_loopback
            except ValueError:
                loopback = host == "localhost"
            if not loopback:
                raise RuntimeError(f"test tried to open a socket to {address!r}: tests never leave loopback")
        return original(sock, address)

    return connect


@pytest.fixture(scope="module")
def aws_env() -> Iterator[None]:
    """Fake AWS credentials and region, no AWS config files, and no socket beyond loopback."""
    with pytest.MonkeyPatch.context() as mp:
        for name in REAL_AWS_ENV:
            mp.delenv(name, raising=False)
        for name, value in FAKE_AWS_ENV.items():
            mp.setenv(name, value)
        mp.setattr(socket.socket, "connect", _guarded_connect(socket.socket.connect))
        yield


@pytest.fixture
def mocked_aws(aws_env: None) -> Iterator[None]:
    """A fresh, empty moto account (in-process) for one test."""
    from moto import mock_aws

    with mock_aws():
        yield
