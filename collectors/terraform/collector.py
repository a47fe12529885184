"""TerraformCollector: a plan's JSON into an evidence bundle of the resources it creates or updates.

The plan is read and checked in `from_cli`, before any bundle directory exists, so bad input
(missing file, not JSON, not a plan, an unsupported format_version) is one line and exit 2
with nothing written. The bundle's scope is a change set (`inventory=False`): a check whose
resource types the plan does not hold is out of scope, not "not collected".
"""

from __future__ import annotations

import logging
from typing import Any

import click

from attestkit import __version__
from attestkit.collectors.interface import Collector, EvidenceSink, Progress
from attestkit.collectors.terraform import catalog
from attestkit.collectors.terraform.plan import Plan, load_plan
from attestkit.collectors.terraform.translate import translate
from attestkit.models import CollectionScope

log = logging.getLogger(__name__)


class TerraformCollector(Collector):
    """Translates a Terraform plan (`terraform show -json`) into live-twin resources."""

    name = "terraform"
    provider = "terraform"
    source = "terraform-plan"
    version = __version__
    description = (
        "A Terraform plan, as `terraform show -json PLAN` writes it (`-` reads stdin): every aws_*, google_* "
        "and azurerm_* resource it creates or updates, written as its live twin so the same checks judge it "
        "before apply. Reads the file only: no cloud API, no credentials."
    )
    resource_types = catalog.RESOURCE_TYPES
    operations: tuple[str, ...] = ()
    permissions: tuple[str, ...] = ()

    def __init__(self, plan: Plan, *, label: str | None = None) -> None:
        self.plan = plan
        self.label = label or plan.label

    @classmethod
    def cli_params(cls) -> list[click.Parameter]:
        return [click.Argument(["plan"], metavar="PLAN.json")]

    @classmethod
    def cli_example(cls) -> str:
        return "attest collect terraform plan.json   (plan.json: terraform show -json plan.tfplan > plan.json)"

    @classmethod
    def permission_document(cls) -> str:
        return (
            "attest collect terraform reads a plan file (the output of `terraform show -json`); it calls no "
            "cloud API and needs no permissions. Producing the plan needs the read access `terraform plan` needs."
        )

    @classmethod
    def from_cli(cls, plan: str, **_: Any) -> TerraformCollector:
        doc, label = load_plan(plan)
        return cls(Plan(doc, label), label=label)

    def collect(self, sink: EvidenceSink, progress: Progress) -> CollectionScope:
        progress.add_total(1)
        result = translate(self.plan)
        for resource in result.resources:
            sink.add(resource)
        progress.advance(f"terraform {self.label}")
        log.info(
            "terraform: %d resource change(s) in %s, %d judged, %d written",
            len(self.plan.resources),
            self.label,
            result.judged,
            len(result.resources),
        )
        if result.unjoined:
            log.warning(
                "terraform: %d changed resource(s) not judged, their parent is not in the plan: %s",
                len(result.unjoined),
                ", ".join(result.unjoined[:10]) + (" ..." if len(result.unjoined) > 10 else ""),
            )
        if self.plan.skipped:
            log.warning("terraform: addresses attestkit could not read, skipped: %s", ", ".join(self.plan.skipped))
        return CollectionScope(
            accounts=[],
            regions=[],
            resource_types=list(self.resource_types),
            options={"plan": [self.label]},
            inventory=False,
        )
