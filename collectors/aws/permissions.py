"""What the AWS collector calls and the least-privilege IAM policy that allows exactly that.

Built from the declarations of the service modules (plus region discovery), so the policy
cannot drift from the code; tests/collectors/test_aws_permissions.py holds the code to the
declarations by recording every call it makes under moto.
"""

from __future__ import annotations

import json
from typing import Any

from attestkit.collectors.aws import session
from attestkit.collectors.aws.services import SERVICES


def declared_operations() -> dict[str, str | None]:
    """Every botocore operation the collector may call (`service:Operation`) to its IAM action."""
    declared: dict[str, str | None] = dict(session.OPERATIONS)
    for service in SERVICES:
        declared.update(service.operations)
    return dict(sorted(declared.items()))


def operations() -> tuple[str, ...]:
    return tuple(declared_operations())


def permissions() -> tuple[str, ...]:
    """The IAM actions those operations need, sorted and unique."""
    return tuple(sorted({action for action in declared_operations().values() if action}))


def iam_policy() -> dict[str, Any]:
    """The read-only IAM policy document the collector needs, and nothing more."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AttestkitAwsCollectorReadOnly",
                "Effect": "Allow",
                "Action": list(permissions()),
                "Resource": "*",
            }
        ],
    }


def iam_policy_json(indent: int | None = 2) -> str:
    """`iam_policy()` as JSON text, ready for `aws iam create-policy --policy-document`."""
    return json.dumps(iam_policy(), indent=indent)
