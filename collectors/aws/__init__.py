"""The AWS collector: account, IAM, S3, EC2 and CloudTrail configuration into a bundle.

What it writes, type by type, is docs/resources/aws.md; the IAM policy it needs is
`attestkit.collectors.aws.permissions.iam_policy()`.
"""

from attestkit.collectors.aws.collector import AwsCollector

__all__ = ["AwsCollector"]
