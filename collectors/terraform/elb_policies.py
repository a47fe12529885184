"""The TLS protocols of Elastic Load Balancing's predefined security policies.

The live collector reads them with `elbv2:DescribeSSLPolicies`; a plan only names the
policy, so attestkit carries AWS's published table ("Security policies for your Application
Load Balancer" / "... Network Load Balancer"). Names not in the table but following AWS's
naming (`ELBSecurityPolicy-TLS13-1-2-...`, `-TLS-1-1-...`, `-FS-1-2-...`) are read from the
name; anything else is unknown and the listener's load balancer is reported `error`.
"""

from __future__ import annotations

import re

_TLS13 = ["TLSv1.3"]
_TLS12 = ["TLSv1.2"]
_TLS11 = ["TLSv1.1"]
_TLS10 = ["TLSv1"]

POLICIES: dict[str, list[str]] = {
    "ELBSecurityPolicy-TLS13-1-3-2021-06": _TLS13,
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09": _TLS13,
    "ELBSecurityPolicy-TLS13-1-2-2021-06": _TLS13 + _TLS12,
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09": _TLS13 + _TLS12,
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06": _TLS13 + _TLS12,
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09": _TLS13 + _TLS12,
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06": _TLS13 + _TLS12,
    "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09": _TLS13 + _TLS12,
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06": _TLS13 + _TLS12,
    "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09": _TLS13 + _TLS12,
    "ELBSecurityPolicy-TLS13-1-1-2021-06": _TLS13 + _TLS12 + _TLS11,
    "ELBSecurityPolicy-TLS13-1-0-2021-06": _TLS13 + _TLS12 + _TLS11 + _TLS10,
    "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09": _TLS13 + _TLS12 + _TLS11 + _TLS10,
    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06": _TLS12,
    "ELBSecurityPolicy-TLS-1-2-2017-01": _TLS12,
    "ELBSecurityPolicy-TLS-1-1-2017-01": _TLS12 + _TLS11,
    "ELBSecurityPolicy-FS-1-2-Res-2020-10": _TLS12,
    "ELBSecurityPolicy-FS-1-2-Res-2019-08": _TLS12,
    "ELBSecurityPolicy-FS-1-2-2019-08": _TLS12,
    "ELBSecurityPolicy-FS-1-1-2019-08": _TLS12 + _TLS11,
    "ELBSecurityPolicy-FS-2018-06": _TLS12 + _TLS11 + _TLS10,
    "ELBSecurityPolicy-2016-08": _TLS12 + _TLS11 + _TLS10,
    "ELBSecurityPolicy-2015-05": _TLS12 + _TLS11 + _TLS10,
    "ELBSecurityPolicy-TLS-1-0-2015-04": _TLS12 + _TLS11 + _TLS10,
}

_TLS13_NAME = re.compile(r"^ELBSecurityPolicy-TLS13-1-([0-3])-")
_TLS12_NAME = re.compile(r"^ELBSecurityPolicy-(?:FS-|TLS-)+1-([0-2])-")


def protocols(name: str) -> list[str] | None:
    """The protocols a predefined policy allows, newest first; None when unknown."""
    if name in POLICIES:
        return list(POLICIES[name])
    m = _TLS13_NAME.match(name)
    if m:
        return (_TLS13 + _TLS12 + _TLS11 + _TLS10)[: 4 - int(m.group(1))]
    m = _TLS12_NAME.match(name)
    if m:
        return (_TLS12 + _TLS11 + _TLS10)[: 3 - int(m.group(1))]
    return None
