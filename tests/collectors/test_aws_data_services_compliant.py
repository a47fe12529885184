"""The demo compliant company: every data-service check passes on every resource it has,
moto's default VPCs and every KMS key of the company included."""

from __future__ import annotations

from tests.collectors.conftest import Seeded, collect
from tests.collectors.reference_checks_data_services import checks


def test_every_data_service_check_passes_on_every_resource(compliant: Seeded) -> None:
    collected = collect()
    assert collected.errors == []
    judged = checks(collected)
    mine = [e for e in compliant.expectations if e.check_id in judged]
    assert {e.status for e in mine} == {"pass"}
    assert {e.check_id for e in mine} == set(judged)  # every check has a deliberate compliant resource
    statuses = {}
    for check, (rtype, verdict) in judged.items():
        for resource in collected.of_type(rtype):
            passed = verdict(resource)
            if passed is not None:
                statuses[(check, resource.id)] = "pass" if passed else "fail"
    assert {check for check, _ in statuses} == set(judged)
    assert [pair for pair, status in statuses.items() if status != "pass"] == []
    for e in mine:
        assert statuses[(e.check_id, e.resource_id)] == "pass", e
    # the sweep reached moto's default VPCs too
    vpcs = collected.of_type("AWS::EC2::VPC")
    assert any(v.config["IsDefault"] for v in vpcs) and all(v.config["FlowLogs"] for v in vpcs)
