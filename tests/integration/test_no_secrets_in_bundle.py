"""No secret value ever reaches an evidence bundle (issue 3, item 4).

Secret strings are seeded where AWS keeps secrets: Lambda environment variables, EC2 user
data, SSM SecureString parameters, Secrets Manager secrets and ECS task definition
environments. The account is collected through the CLI and every byte of the bundle
(decompressed) is searched for them. The resources holding them must have been collected,
or the test would prove nothing.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import zipfile
from pathlib import Path

import pytest

from attestkit.cli.main import main
from tests.collectors.conftest import new_session

REGION = "us-east-1"
SECRETS = {
    "lambda": "lambda-env-s3cr3t-7c1d",
    "userdata": "userdata-db-password-91ab",
    "ssm": "ssm-securestring-5ee2",
    "secretsmanager": "secretsmanager-value-33f0",
    "ecs": "ecs-env-api-token-a81c",
}


def _lambda_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("handler.py", "def handler(event, context):\n    return 'ok'\n")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bundle(aws_env: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from moto import mock_aws

    with mock_aws():
        s = new_session(REGION)
        iam = s.client("iam")
        role = iam.create_role(
            RoleName="intake-fn", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []})
        )["Role"]["Arn"]
        s.client("lambda").create_function(
            FunctionName="patient-intake", Runtime="python3.12", Role=role, Handler="handler.handler",
            Code={"ZipFile": _lambda_zip()}, Environment={"Variables": {"DB_PASSWORD": SECRETS["lambda"]}},
        )  # fmt: skip
        ec2 = s.client("ec2")
        ami = ec2.describe_images(Owners=["amazon"])["Images"]
        image = ami[0]["ImageId"] if ami else "ami-12c6146b"
        ec2.run_instances(
            ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro",
            UserData=base64.b64encode(f"#!/bin/sh\nexport DB_PASSWORD={SECRETS['userdata']}\n".encode()).decode(),
        )  # fmt: skip
        s.client("ssm").put_parameter(Name="/clinic/db/password", Value=SECRETS["ssm"], Type="SecureString")
        s.client("secretsmanager").create_secret(Name="clinic/api-key", SecretString=SECRETS["secretsmanager"])
        s.client("ecs").register_task_definition(
            family="video-bridge",
            containerDefinitions=[{
                "name": "bridge", "image": "nginx", "memory": 256,
                "environment": [{"name": "API_TOKEN", "value": SECRETS["ecs"]}],
            }],
        )  # fmt: skip
        out = tmp_path_factory.mktemp("secrets") / "evidence"
        assert main(["collect", "aws", "--region", REGION, "--out", str(out), "--quiet"]) == 0
    (path,) = out.iterdir()
    return path


def _bundle_text(path: Path) -> str:
    parts = []
    for file in sorted(path.rglob("*")):
        if file.is_file():
            data = file.read_bytes()
            parts.append(gzip.decompress(data).decode() if file.suffix == ".gz" else data.decode())
    return "\n".join(parts)


def _types(path: Path) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    with gzip.open(path / "resources.jsonl.gz", "rt") as f:
        for line in f:
            r = json.loads(line)
            found.setdefault(r["type"], []).append(r)
    return found


def test_the_resources_holding_secrets_were_collected(bundle: Path) -> None:
    types = _types(bundle)
    for rtype in (
        "AWS::Lambda::Function",
        "AWS::EC2::Instance",
        "AWS::SSM::Parameter",
        "AWS::SecretsManager::Secret",
        "AWS::ECS::TaskDefinition",
    ):
        assert types.get(rtype), f"{rtype} was not collected: the secret test would prove nothing"
    text = json.dumps(types)
    assert "DB_PASSWORD" in text and "API_TOKEN" in text, "variable names (not values) are kept as evidence"


@pytest.mark.parametrize("where", sorted(SECRETS))
def test_no_secret_value_in_any_byte_of_the_bundle(bundle: Path, where: str) -> None:
    text = _bundle_text(bundle)
    assert SECRETS[where] not in text
    assert base64.b64encode(SECRETS[where].encode()).decode()[:16] not in text
