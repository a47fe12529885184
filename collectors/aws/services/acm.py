"""ACM, per region: every certificate, with its validity period and what uses it.

`AWS::CertificateManager::Certificate`: id the certificate ARN; config is the
`ListCertificates` summary (every key type is asked for: by default the API lists only RSA
certificates) and, under `Certificate`, the `DescribeCertificate` answer (`Status`,
`NotBefore`, `NotAfter`, `InUseBy`, `Type`, `RenewalEligibility`, ...). Certificates are
described concurrently.
"""

from __future__ import annotations

from typing import Any

from attestkit.collectors.aws.calls import paginate
from attestkit.collectors.aws.context import Context, Service

CERTIFICATE = "AWS::CertificateManager::Certificate"

KEY_TYPES = (
    "RSA_1024",
    "RSA_2048",
    "RSA_3072",
    "RSA_4096",
    "EC_prime256v1",
    "EC_secp384r1",
    "EC_secp521r1",
)
"""Every key type ListCertificates can filter on (its default is RSA only)."""


def collect(ctx: Context) -> None:
    acm = ctx.client("acm")
    with ctx.listing(CERTIFICATE):
        listed = paginate(acm, "ListCertificates", "CertificateSummaryList", Includes={"keyTypes": list(KEY_TYPES)})
        ctx.map(lambda certificate: _certificate(ctx, acm, certificate), listed)


def _certificate(ctx: Context, acm: Any, listed: dict[str, Any]) -> None:
    arn = listed["CertificateArn"]
    draft = ctx.item(CERTIFICATE, arn, listed, name=listed.get("DomainName"))
    draft.read("Certificate", acm, "DescribeCertificate", pick=lambda r: r["Certificate"], CertificateArn=arn)
    ctx.add(draft)


SERVICE = Service(
    name="acm",
    regional=True,
    resource_types=(CERTIFICATE,),
    operations={
        "acm:ListCertificates": "acm:ListCertificates",
        "acm:DescribeCertificate": "acm:DescribeCertificate",
    },
    collect=collect,
)
