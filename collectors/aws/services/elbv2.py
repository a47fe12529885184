"""Elastic Load Balancing v2, per region: application, network and gateway load balancers.

Each load balancer is read concurrently: its listeners (`Listeners`), its attributes
(`Attributes`, the API's `[{Key, Value}]` list, e.g. `access_logs.s3.enabled`), and the
definitions of the TLS security policies its HTTPS and TLS listeners use (`SslPolicies`, from
`DescribeSSLPolicies`, so a check reads the protocols a policy allows instead of guessing from
its name). `SslPolicies` is `[]` when no listener terminates TLS.
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

LOAD_BALANCER = "AWS::ElasticLoadBalancingV2::LoadBalancer"

TLS_PROTOCOLS = ("HTTPS", "TLS")
"""Listener protocols that terminate TLS, and so carry an `SslPolicy`."""


def collect(ctx: Context) -> None:
    elbv2 = ctx.client("elbv2")
    with ctx.listing(LOAD_BALANCER):
        ctx.map(lambda lb: _load_balancer(ctx, elbv2, lb), paginate(elbv2, "DescribeLoadBalancers", "LoadBalancers"))


def _load_balancer(ctx: Context, elbv2: Any, listed: dict[str, Any]) -> None:
    arn = listed["LoadBalancerArn"]
    draft = ctx.item(LOAD_BALANCER, arn, listed, name=listed.get("LoadBalancerName"))
    listeners = draft.read_all("Listeners", elbv2, "DescribeListeners", "Listeners", LoadBalancerArn=arn)
    draft.read(
        "Attributes", elbv2, "DescribeLoadBalancerAttributes", pick=lambda r: r["Attributes"], LoadBalancerArn=arn
    )
    if listeners is not None:
        policies = sorted(
            {str(x["SslPolicy"]) for x in listeners if x.get("Protocol") in TLS_PROTOCOLS and x.get("SslPolicy")}
        )
        if policies:
            draft.read_all("SslPolicies", elbv2, "DescribeSSLPolicies", "SslPolicies", Names=policies)
        else:
            draft.config["SslPolicies"] = []
    ctx.add(draft)


SERVICE = Service(
    name="elbv2",
    regional=True,
    resource_types=(LOAD_BALANCER,),
    operations={
        # botocore names the service elbv2; IAM names it elasticloadbalancing
        "elbv2:DescribeLoadBalancers": "elasticloadbalancing:DescribeLoadBalancers",
        "elbv2:DescribeListeners": "elasticloadbalancing:DescribeListeners",
        "elbv2:DescribeLoadBalancerAttributes": "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elbv2:DescribeSSLPolicies": "elasticloadbalancing:DescribeSSLPolicies",
    },
    collect=collect,
)
