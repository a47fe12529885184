"""JSON: the Report exactly as results.json holds it (stable keys, for machines)."""

from __future__ import annotations

from typing import ClassVar

from attestkit.models import Report
from attestkit.reports.interface import ReportFormat


def report_json(report: Report) -> str:
    """Stable JSON: fields in the model's order (the schema's), two-space indent.

    pydantic's own serialiser writes it in one pass; a re-encode through the json module
    costs more than the whole evaluation for large estates."""
    return report.model_dump_json(indent=2) + "\n"


class JsonReport(ReportFormat):
    name: ClassVar[str] = "json"
    description: ClassVar[str] = "every result and control status as JSON (the results.json contract)"
    file_name: ClassVar[str | None] = "results.json"

    def render(self, report: Report, *, color: bool = False, width: int = 100) -> str:
        return report_json(report)
