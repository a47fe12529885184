"""The compliant demo company passes every platform-service check (issue 3, part B) on every resource.

A module of its own: each module seeds one company in its own moto account.
"""

from __future__ import annotations

from tests.collectors.conftest import Seeded, collect
from tests.collectors.test_aws_platform_services_reference import (
    PLATFORM_CHECKS,
    assert_platform_expectations,
    everything,
)


def test_the_compliant_company_passes_every_platform_check(compliant: Seeded) -> None:
    collected = collect()
    assert collected.errors == []
    assert_platform_expectations(compliant.expectations, collected)
    assert {e.status for e in compliant.expectations if e.check_id in PLATFORM_CHECKS} == {"pass"}
    statuses = everything(collected)
    assert {check for check, _ in statuses} == PLATFORM_CHECKS
    assert [pair for pair, status in statuses.items() if status != "pass"] == []
