"""One module per AWS service, each declaring a `SERVICE` (see `attestkit.collectors.aws.context`)."""

from attestkit.collectors.aws.context import Service
from attestkit.collectors.aws.services import account, cloudtrail, ec2, iam, s3

SERVICES: tuple[Service, ...] = (account.SERVICE, iam.SERVICE, s3.SERVICE, ec2.SERVICE, cloudtrail.SERVICE)
"""Every service the collector reads, global ones first."""

__all__ = ["SERVICES", "Service"]
