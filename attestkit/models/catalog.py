"""Framework catalogs: the controls a mapping may reference (DESIGN section 4)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from attestkit.models.base import StrictModel


class CatalogSource(StrictModel):
    name: str
    url: str | None = None
    license: str


class CatalogGroup(StrictModel):
    """A heading above controls: a HIPAA section, a SOC 2 series, a HITRUST category or objective."""

    id: str
    title: str
    parent: str | None = None


class CatalogControl(StrictModel):
    """One control a result can be mapped to."""

    id: str
    title: str
    parent: str | None = Field(default=None, description="A group id, or a control id (HIPAA spec -> standard).")
    category: str = Field(description="HIPAA safeguard category, SOC 2 category, HITRUST category.")
    kind: Literal["standard", "implementation_specification", "criterion", "control_reference"]
    requirement: Literal["required", "addressable"] | None = Field(default=None, description="HIPAA only.")
    coso_component: str | None = Field(default=None, description="SOC 2 CC1-CC5 only.")
    coso_principle: int | None = Field(default=None, description="SOC 2 CC1-CC5 only.")


class Catalog(StrictModel):
    framework: str = Field(pattern=r"^[a-z0-9]+$", description="Short key used on the command line: hipaa, soc2, hitrust.")
    name: str
    version: str
    license: str
    sources: list[CatalogSource] = Field(min_length=1)
    notes: list[str] = Field(default_factory=list)
    groups: list[CatalogGroup] = Field(default_factory=list)
    controls: list[CatalogControl] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_unique_and_parents_known(self) -> "Catalog":
        ids = [c.id for c in self.controls] + [g.id for g in self.groups]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate ids: {', '.join(dupes)}")
        known = set(ids)
        for item in [*self.groups, *self.controls]:
            if item.parent is not None and item.parent not in known:
                raise ValueError(f"{item.id}: parent {item.parent!r} is not in the catalog")
        return self

    def control(self, control_id: str) -> CatalogControl | None:
        return next((c for c in self.controls if c.id == control_id), None)
