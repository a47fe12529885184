"""Mappings: framework control -> the checks that give evidence for it (DESIGN section 4)."""

from __future__ import annotations

from pydantic import Field, model_validator

from attestkit.models.base import StrictModel


class CheckLink(StrictModel):
    check: str = Field(description="A check id.")
    rationale: str = Field(min_length=10, description="One line: why this check is evidence for the control.")


class MappingEntry(StrictModel):
    """One control. Either automated (checks) or manual (a person provides `evidence`).

    An automated control may also name `evidence` a person must add: the checks judge the
    technical part, the report says what else an auditor will ask for.
    """

    control: str
    checks: list[CheckLink] = Field(default_factory=list)
    manual: bool = False
    evidence: str | None = Field(default=None, description="What a person must provide for this control.")

    @model_validator(mode="after")
    def _automated_or_manual(self) -> "MappingEntry":
        if self.manual and self.checks:
            raise ValueError(f"{self.control}: manual: true cannot also list checks")
        if self.manual and not self.evidence:
            raise ValueError(f"{self.control}: a manual control must say what evidence a person provides")
        if not self.manual and not self.checks:
            raise ValueError(f"{self.control}: list checks, or set manual: true with evidence")
        ids = [c.check for c in self.checks]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{self.control}: a check is listed twice")
        return self


class FrameworkMapping(StrictModel):
    framework: str = Field(description="The catalog's framework key.")
    catalog_version: str
    entries: list[MappingEntry] = Field(min_length=1)
