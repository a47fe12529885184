"""JSON: the Report exactly as results.json holds it (stable keys, for machines)."""

from __future__ import annotations

import json
from typing import ClassVar

from attestkit.models import Report
from attestkit.reports.interface import ReportFormat


def report_json(report: Report) -> str:
    return json.dumps(json.loads(report.model_dump_json()), indent=2, sort_keys=True) + "\n"


class JsonReport(ReportFormat):
    name: ClassVar[str] = "json"
    description: ClassVar[str] = "every result and control status as JSON (the results.json contract)"
    file_name: ClassVar[str | None] = "results.json"

    def render(self, report: Report, *, color: bool = False, width: int = 100) -> str:
        return report_json(report)
