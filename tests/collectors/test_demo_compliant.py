"""The demo compliant company: every check passes on every resource it has."""

from __future__ import annotations

from tests.collectors.conftest import Seeded, collect
from tests.collectors.reference_checks import Judge, assert_expectations


def test_the_compliant_company_passes_every_check_on_every_resource(compliant: Seeded) -> None:
    collected = collect()
    assert_expectations(compliant.expectations, collected)
    assert {e.status for e in compliant.expectations} == {"pass"}
    statuses = Judge(collected).everything()
    assert {check for check, _ in statuses} == set(Judge(collected).checks)
    assert [pair for pair, status in statuses.items() if status != "pass"] == []
