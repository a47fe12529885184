"""The Terraform plan collector: `attest collect terraform PLAN.json`.

It reads the JSON of `terraform show -json PLAN` and writes every resource the plan creates or
updates as its live twin (same type, same config vocabulary), so the same checks judge a change
before it is applied. docs/terraform.md describes the translation.
"""

from attestkit.collectors.terraform.collector import TerraformCollector

__all__ = ["TerraformCollector"]
