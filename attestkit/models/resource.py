"""Resource: one configured thing, as its provider describes it (DESIGN section 1)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from attestkit.models.base import StrictModel

KNOWN_AFTER_APPLY = "(known after apply)"
"""The value a plan collector writes where Terraform will know a value only after apply (the
words `terraform plan` prints): distinct from absent and from any real value. Rego checks
test it with `inventory.unknown_until_apply` (rego/lib/inventory.rego)."""


class ReadError(StrictModel):
    """A read that failed for one resource. A policy that needs it yields `error`."""

    api: str = Field(description="The failed call as `service:Operation`, e.g. `s3:GetBucketEncryption`.")
    code: str = Field(description="The provider's error code, e.g. `AccessDenied`.")
    message: str = Field(description="The provider's error message, secrets never included.")


class Resource(StrictModel):
    """One configured thing in the provider's own vocabulary."""

    provider: str = Field(description="The cloud the thing lives in: `aws`, `gcp`, `azure`, ...")
    source: str = Field(description="The collector that produced it: `aws`, `gcp-asset`, `terraform-plan`, ...")
    type: str = Field(description="The provider's inventory type name, e.g. `AWS::S3::Bucket`.")
    id: str = Field(min_length=1, description="Globally unique: ARN, full resource name, resource ID or plan address.")
    name: str | None = Field(default=None, description="Display name.")
    account: str | None = Field(default=None, description="AWS account, GCP project or Azure subscription.")
    region: str = Field(default="global", description="Region, or `global`.")
    tags: dict[str, str] = Field(default_factory=dict, description="Tags or labels.")
    config: dict[str, Any] = Field(
        default_factory=dict,
        description="The provider's API vocabulary; 'the API says there is none' is an explicit null.",
    )
    errors: list[ReadError] = Field(default_factory=list, description="Reads that failed for this resource.")

    def error_for(self, api: str) -> ReadError | None:
        return next((e for e in self.errors if e.api == api), None)
