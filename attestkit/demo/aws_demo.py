"""`attest demo aws`: a simulated AWS account in moto, collected by the real AWS collector.

moto runs in-process; the demo seeds a small telehealth company (attestkit.demo.aws_company),
collects it through the real AWS collector (real boto3 calls, answered by moto), evaluates
it with the built-in checks and writes the reports. Real credentials and endpoints in the
environment are hidden for the duration, so the demo can never reach a real account.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from attestkit.collectors.interface import Progress
from attestkit.models import BundleManifest

FAKE_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SECURITY_TOKEN": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "MOTO_EC2_LOAD_DEFAULT_AMIS": "false",
}
_HIDDEN_PREFIXES = ("AWS_",)
_HIDDEN = ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")


@contextmanager
def simulated_aws_environment() -> Iterator[None]:
    """Fake credentials, no profile, no endpoint override, no proxy; restored afterwards."""
    saved = dict(os.environ)
    try:
        for key in list(os.environ):
            if key.startswith(_HIDDEN_PREFIXES) or key in _HIDDEN:
                del os.environ[key]
        os.environ.update(FAKE_CREDENTIALS)
        os.environ["AWS_CONFIG_FILE"] = os.devnull
        os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def collect_demo(evidence_dir: Path, progress: Progress) -> tuple[Path, BundleManifest]:
    """Seed the demo company in moto and collect it into a new bundle under `evidence_dir`."""
    with simulated_aws_environment():
        import boto3
        from moto import mock_aws

        from attestkit.collectors.aws import AwsCollector
        from attestkit.demo.aws_company import REGIONS, seed_telehealth_company
        from attestkit.pipeline import collect

        with mock_aws():
            session = boto3.Session(region_name=REGIONS[0])
            seed_telehealth_company(session)
            collector = AwsCollector(session, regions=list(REGIONS))
            path, manifest = collect(collector, evidence_dir, progress)
    return path, manifest
