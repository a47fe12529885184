"""The report-format plugin axis: render a Report for people or machines.

Formats register through the `attestkit.formats` entry-point group. `file_name` is where
`attest evaluate` writes the format beside the results (None: stdout only). A format is
constructed with a `RenderContext` (what the CI around it knows, e.g. where the full report
will be readable); a format that takes no arguments is constructed without one.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import ClassVar

from attestkit.models import Report


@dataclass(frozen=True)
class RenderContext:
    """What a format may use beyond the Report; every field optional.

    `report_url`: where a reader finds the full report (a CI run or artifact page); formats
    link to it, else to `report.md` beside them. `sarif_artifact`: a repository-relative file
    SARIF results without a source location point at (GitHub code scanning refuses a result
    without a physical location): the workflow file for live evidence, the plan for a plan.
    """

    report_url: str | None = None
    sarif_artifact: str | None = None


class ReportFormat(ABC):
    name: ClassVar[str]
    description: ClassVar[str]
    file_name: ClassVar[str | None] = None

    def __init__(self, context: RenderContext | None = None) -> None:
        self.context = context or RenderContext()

    @abstractmethod
    def render(self, report: Report, *, color: bool = False, width: int = 100) -> str:
        """The whole report as text."""


def construct(format_cls: type[ReportFormat], context: RenderContext | None) -> ReportFormat:
    """An instance of a format plugin, with the context when its constructor takes one."""
    try:
        takes_context = "context" in inspect.signature(format_cls).parameters
    except (TypeError, ValueError):
        takes_context = False
    return format_cls(context=context) if takes_context else format_cls()
