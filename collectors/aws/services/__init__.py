"""One module per AWS service, each declaring a `SERVICE` (see `attestkit.collectors.aws.context`)."""

from attestkit.collectors.aws.context import Service
from attestkit.collectors.aws.services import account, cloudtrail, ec2, iam, s3
from attestkit.collectors.aws.services import (
    backup, cloudfront, dynamodb, elbv2, kms, logs, rds, secretsmanager, sns, sqs, vpc,
)  # fmt: skip
from attestkit.collectors.aws.services import (
    acm, awsconfig, awslambda, ec2_compute, ecr, ecs, efs, elasticache, guardduty, iam_policies, opensearch,
    redshift, securityhub, ssm,
)  # fmt: skip

SERVICES: tuple[Service, ...] = (account.SERVICE, iam.SERVICE, s3.SERVICE, ec2.SERVICE, cloudtrail.SERVICE) + (
    cloudfront.SERVICE, rds.SERVICE, dynamodb.SERVICE, kms.SERVICE, logs.SERVICE, vpc.SERVICE,
    elbv2.SERVICE, sns.SERVICE, sqs.SERVICE, secretsmanager.SERVICE, backup.SERVICE,
) + (
    iam_policies.SERVICE, guardduty.SERVICE, awsconfig.SERVICE, securityhub.SERVICE, acm.SERVICE, awslambda.SERVICE,
    efs.SERVICE, ecr.SERVICE, elasticache.SERVICE, opensearch.SERVICE, redshift.SERVICE, ec2_compute.SERVICE,
    ssm.SERVICE, ecs.SERVICE,
)  # fmt: skip
"""Every service the collector reads, global ones first."""

__all__ = ["SERVICES", "Service"]
