"""Benchmark `attest collect aws` against a moto server at scale factors 1, 10 and 100.

    python benchmarks/collect_scale.py [--scales 1 10 100]

A moto server runs in a separate process on 127.0.0.1 (benchmarks/moto_server.py, which also
counts the API requests it answers). For each scale factor the server is reset and seeded
with the demo telehealth company plus (factor - 1) units of about 100 more resources of
realistic shape (buckets, security groups, volumes, users with keys, log groups, queues,
topics, tables, secrets, parameters, keys) spread over three regions, so factor 1 is about
100 resources and 100 about 10,000. Then the unchanged CLI collects it in a subprocess, as
against a real account (AWS_ENDPOINT_URL, and the server as HTTP proxy for S3 Control).
Prints resources, API calls, wall time, resources per second and peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
REGIONS = ("us-east-1", "us-west-2", "eu-west-1")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(port: int, home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") and k.lower() not in ("http_proxy", "https_proxy", "no_proxy")}
    env.update(
        AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_DEFAULT_REGION="us-east-1",
        AWS_ENDPOINT_URL=f"http://127.0.0.1:{port}", HTTP_PROXY=f"http://127.0.0.1:{port}", NO_PROXY="",
        AWS_CONFIG_FILE=os.devnull, AWS_SHARED_CREDENTIALS_FILE=os.devnull, AWS_EC2_METADATA_DISABLED="true",
        HOME=home,
    )  # fmt: skip
    return env


def _seed(port: int, factor: int) -> None:
    import boto3

    from attestkit.demo.aws_company import seed_telehealth_company

    session = boto3.Session(region_name="us-east-1")
    seed_telehealth_company(session)
    for unit in range(1, factor):
        region = REGIONS[unit % len(REGIONS)]
        _seed_unit(session, region, unit)


def _seed_unit(session, region: str, unit: int) -> None:  # about 100 resources
    s3 = session.client("s3", region_name=region)
    ec2 = session.client("ec2", region_name=region)
    iam = session.client("iam")
    logs = session.client("logs", region_name=region)
    sqs = session.client("sqs", region_name=region)
    sns = session.client("sns", region_name=region)
    ddb = session.client("dynamodb", region_name=region)
    sm = session.client("secretsmanager", region_name=region)
    ssm = session.client("ssm", region_name=region)
    kms = session.client("kms", region_name=region)
    location = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    for i in range(10):
        name = f"bench-{unit:03d}-bucket-{i}"
        s3.create_bucket(Bucket=name, **location)
        if i % 2:
            s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
            s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    vpc = ec2.create_vpc(CidrBlock=f"10.{unit % 250}.0.0/16")["Vpc"]["VpcId"]
    for i in range(15):
        sg = ec2.create_security_group(GroupName=f"bench-{unit}-sg-{i}", Description="bench", VpcId=vpc)["GroupId"]
        cidr = "0.0.0.0/0" if i % 5 == 0 else "10.0.0.0/8"
        ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": cidr}]}])
    for i in range(15):
        ec2.create_volume(AvailabilityZone=f"{region}a", Size=8, Encrypted=bool(i % 3))
    for i in range(10):
        user = f"bench-{unit:03d}-user-{i}"
        iam.create_user(UserName=user)
        iam.create_access_key(UserName=user)
    for i in range(10):
        logs.create_log_group(logGroupName=f"/bench/{unit}/{i}")
        if i % 2:
            logs.put_retention_policy(logGroupName=f"/bench/{unit}/{i}", retentionInDays=400)
    for i in range(10):
        sqs.create_queue(QueueName=f"bench-{unit}-q-{i}", Attributes={"SqsManagedSseEnabled": "true"} if i % 2 else {})
        sns.create_topic(Name=f"bench-{unit}-t-{i}")
    for i in range(5):
        ddb.create_table(TableName=f"bench-{unit}-table-{i}", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                         AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")  # fmt: skip
        sm.create_secret(Name=f"bench/{unit}/secret-{i}", SecretString="not-a-real-secret")
        ssm.put_parameter(Name=f"/bench/{unit}/param-{i}", Value="v", Type="String")
        kms.create_key(Description=f"bench {unit} {i}")


def _measure(argv: list[str], env: dict[str, str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", "import resource,subprocess,sys;"
         "p=subprocess.run(sys.argv[1:]);"
         "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
         "sys.exit(p.returncode)", *argv],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    wall = time.perf_counter() - started
    return wall, int(proc.stderr.strip().splitlines()[-1]) / 1024, proc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    args = parser.parse_args()
    port = _free_port()
    server = subprocess.Popen([sys.executable, str(HERE / "moto_server.py"), str(port)], stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None and server.stdout.readline().strip() == "ready"
    attest = str(Path(sys.executable).parent / "attest")
    print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, Python {platform.python_version()}")
    try:
        with tempfile.TemporaryDirectory() as home:
            env = _env(port, home)
            os.environ.update({k: v for k, v in env.items() if k.startswith("AWS_") or k in ("HTTP_PROXY", "NO_PROXY")})
            for factor in args.scales:
                urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/moto-api/reset", method="POST"))
                t0 = time.perf_counter()
                _seed(port, factor)
                seeded = time.perf_counter() - t0
                urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/__attestkit/reset-count", method="POST"))
                out = Path(home) / f"evidence-{factor}"
                region_args = [a for r in REGIONS for a in ("--region", r)]
                wall, peak, proc = _measure([attest, "collect", "aws", *region_args, "--out", str(out), "--quiet"], env)
                assert proc.returncode == 0, proc.stderr
                calls = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/__attestkit/requests"))["requests"]
                (bundle,) = out.iterdir()
                manifest = json.loads((bundle / "manifest.json").read_text())
                resources = sum(manifest["resource_counts"].values())
                size = (bundle / "resources.jsonl.gz").stat().st_size
                print(
                    f"scale {factor:>3}: {resources:>6} resources, {calls:>6} API calls, collect {wall:6.1f} s, "
                    f"{resources / wall:6.0f} resources/s, peak {peak:5.0f} MB, bundle {size / 1024:7.0f} KiB, "
                    f"errors {len(manifest['errors'])} (seeding took {seeded:.0f} s)",
                    flush=True,
                )
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
