"""The report-format plugin axis: render a Report for people or machines.

Formats register through the `attestkit.formats` entry-point group. `file_name` is where
`attest evaluate` writes the format beside the results (None: stdout only).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from attestkit.models import Report


class ReportFormat(ABC):
    name: ClassVar[str]
    description: ClassVar[str]
    file_name: ClassVar[str | None] = None

    @abstractmethod
    def render(self, report: Report, *, color: bool = False, width: int = 100) -> str:
        """The whole report as text."""
