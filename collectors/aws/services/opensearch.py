"""OpenSearch Service, per region: every domain (OpenSearch and legacy Elasticsearch engines).

`AWS::OpenSearchService::Domain`: id `arn:<partition>:es:<region>:<account>:domain/<name>`
(the domain's own ARN); config the `ListDomainNames` item (`DomainName`, `EngineType`) and,
under `DomainStatus`, the `DescribeDomain` answer (`EncryptionAtRestOptions`,
`NodeToNodeEncryptionOptions`, `DomainEndpointOptions`, `AccessPolicies` as the JSON string
the API returns, ...). Domains are described concurrently.
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

DOMAIN = "AWS::OpenSearchService::Domain"


def collect(ctx: Context) -> None:
    client = ctx.client("opensearch")
    with ctx.listing(DOMAIN):
        ctx.map(lambda domain: _domain(ctx, client, domain), paginate(client, "ListDomainNames", "DomainNames"))


def _domain(ctx: Context, client: Any, listed: dict[str, Any]) -> None:
    name = listed["DomainName"]
    draft = ctx.item(DOMAIN, ctx.arn("es", f"domain/{name}", region=ctx.region), listed, name=name)
    draft.read("DomainStatus", client, "DescribeDomain", pick=lambda r: r["DomainStatus"], DomainName=name)
    ctx.add(draft)


SERVICE = Service(
    name="opensearch",
    regional=True,
    resource_types=(DOMAIN,),
    operations={
        "opensearch:ListDomainNames": "es:ListDomainNames",
        "opensearch:DescribeDomain": "es:DescribeDomain",
    },
    collect=collect,
)
