"""AwsCollector: one AWS account, every enabled region (or those given), into an EvidenceSink.

Work is split into (service, region) tasks, global services once (`global`), regional ones
once per region, run on a bounded thread pool; per-item reads (buckets, users) fan out on
a second pool of the same size. A failed call is recorded where docs/resources/aws.md says
(on the resource, or as a CollectionError naming the types it left unread) and collection
goes on; only a failed sts:GetCallerIdentity (no usable credentials) stops it.
"""

from __future__ import annotations

import logging
import re
from concurrent.futures import ThreadPoolExecutor, as_completed

import boto3
import click

from attestkit import __version__
from attestkit.collectors.aws import permissions as declared
from attestkit.collectors.aws.calls import redact
from attestkit.collectors.aws.context import GLOBAL, Context, Recorder, Service
from attestkit.collectors.aws.services import SERVICES
from attestkit.collectors.aws.services.account import caller_identity
from attestkit.collectors.aws.session import ClientFactory, discover_regions, make_session
from attestkit.collectors.interface import Collector, EvidenceSink, Progress
from attestkit.errors import InputError
from attestkit.models import CollectionError, CollectionScope

log = logging.getLogger(__name__)

REGION_NAME = re.compile(r"[a-z]{2}(-[a-z]+)+-\d+")


class AwsCollector(Collector):
    """Reads one AWS account's configuration through the AWS APIs, read-only."""

    name = "aws"
    provider = "aws"
    source = "aws"
    version = __version__
    description = (
        "AWS configuration of the services that hold or guard PHI: IAM, S3, EC2, VPC, RDS, DynamoDB, KMS, "
        "CloudTrail, CloudWatch Logs, ELB, CloudFront, SNS, SQS, Secrets Manager, Backup, GuardDuty, Config, "
        "Security Hub, ACM, Lambda, EFS, ECR, ElastiCache, OpenSearch, Redshift, SSM, ECS (read-only API calls)."
    )
    resource_types = tuple(sorted({t for service in SERVICES for t in service.resource_types}))
    operations = declared.operations()
    permissions = declared.permissions()

    def __init__(self, session: boto3.Session, regions: list[str] | None = None, max_workers: int = 8) -> None:
        if max_workers < 1:
            raise ValueError("max_workers must be at least 1")
        self.session = session
        self.regions = sorted(set(regions)) if regions else None
        self.max_workers = max_workers
        self.profile: str | None = None

    # CLI ------------------------------------------------------------------------------------
    @classmethod
    def cli_params(cls) -> list[click.Parameter]:
        return [
            click.Option(
                ["--region"],
                multiple=True,
                metavar="REGION",
                help="Collect only this region (repeatable). Default: every region enabled in the account.",
            ),
            click.Option(
                ["--profile"],
                default=None,
                metavar="PROFILE",
                help="AWS profile from ~/.aws/config. Default: the standard credential chain "
                "(AWS_PROFILE, environment, SSO, instance role).",
            ),
        ]

    @classmethod
    def cli_example(cls) -> str:
        return "attest collect aws --profile audit --region us-east-1 --region eu-west-1"

    @classmethod
    def permission_document(cls) -> str:
        """The least-privilege IAM policy document (`attest permissions aws`)."""
        return declared.iam_policy_json()

    @classmethod
    def from_cli(cls, profile: str | None = None, region: tuple[str, ...] | list[str] = ()) -> "AwsCollector":
        malformed = [r for r in region if not REGION_NAME.fullmatch(r)]
        if malformed:
            raise InputError(f"--region {malformed[0]}: not an AWS region name (e.g. us-east-1, eu-west-1)")
        collector = cls(make_session(profile), regions=list(region) or None)
        collector.profile = profile
        return collector

    # Collection -----------------------------------------------------------------------------
    def collect(self, sink: EvidenceSink, progress: Progress) -> CollectionScope:
        clients = ClientFactory(self.session, max_pool_connections=max(10, 2 * self.max_workers))
        identity = caller_identity(clients)
        recorder = Recorder(sink, identity.account)
        regions = self.regions
        if regions is None:
            regional_types = sorted({t for s in SERVICES if s.regional for t in s.resource_types})
            regions, error = discover_regions(
                clients, account=identity.account, partition=identity.partition, regional_types=regional_types
            )
            if error is not None:
                recorder.error(error)
        tasks = [(s, GLOBAL) for s in SERVICES if not s.regional]
        tasks += [(s, r) for s in SERVICES if s.regional for r in regions]
        log.info("collecting AWS account %s: %d tasks over %d region(s)", identity.account, len(tasks), len(regions))
        progress.add_total(len(tasks))

        task_pool = ThreadPoolExecutor(self.max_workers, thread_name_prefix="aws-task")
        item_pool = ThreadPoolExecutor(self.max_workers, thread_name_prefix="aws-item")
        try:
            futures = {}
            for service, region in tasks:
                ctx = Context(
                    service=service,
                    region=region,
                    account=identity.account,
                    partition=identity.partition,
                    regions=tuple(regions),
                    clients=clients,
                    recorder=recorder,
                    items=item_pool,
                )
                futures[task_pool.submit(_run, ctx)] = (service, region)
            for future in as_completed(futures):
                future.result()
                service, region = futures[future]
                progress.advance(f"aws {service.name} {region}")
        finally:
            # On Ctrl-C, drop what has not started; running calls finish within their timeouts.
            task_pool.shutdown(wait=True, cancel_futures=True)
            item_pool.shutdown(wait=True, cancel_futures=True)
        log.info(
            "AWS account %s: %d resources, %d collection errors", identity.account, recorder.resources, recorder.errors
        )
        return CollectionScope(
            accounts=[identity.account],
            regions=list(regions),
            resource_types=list(self.resource_types),
            options={"region": list(self.regions or []), "profile": [self.profile] if self.profile else []},
        )


def _run(ctx: Context) -> None:
    """One task. AWS failures are recorded by the service; anything else is a bug, recorded too."""
    service: Service = ctx.service
    try:
        service.collect(ctx)
    except Exception as exc:  # keep going past a failing service: record it, never skip silently
        log.exception("aws %s in %s failed unexpectedly", service.name, ctx.region)
        ctx.recorder.error(
            CollectionError(
                service=service.name,
                region=ctx.region,
                account=ctx.account,
                api=f"{service.name}:*",
                code=type(exc).__name__,
                message=redact(str(exc) or type(exc).__name__),
                resource_types=sorted(service.resource_types),
            )
        )
