"""Terminal: a summary a person reads, with tables and colour (rich)."""

from __future__ import annotations

from io import StringIO
from typing import ClassVar

from rich.console import Console
from rich.table import Table
from rich.text import Text

from attestkit.models import ControlState, Report
from attestkit.reports.interface import ReportFormat
from attestkit.reports.summary import STATE_LABELS, check_summaries

MAX_RESOURCES = 5
SEVERITY_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan", "info": "dim"}
STATE_STYLE = {
    ControlState.SATISFIED: "green",
    ControlState.NOT_SATISFIED: "red",
    ControlState.INCOMPLETE: "yellow",
    ControlState.NOT_APPLICABLE: "dim",
    ControlState.MANUAL: "blue",
}


class TerminalReport(ReportFormat):
    name: ClassVar[str] = "terminal"
    description: ClassVar[str] = "summary tables for a person at a terminal"

    def render(self, report: Report, *, color: bool = False, width: int = 100) -> str:
        buffer = StringIO()
        console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False)
        self.print(report, console)
        return buffer.getvalue()

    def print(self, report: Report, console: Console) -> None:
        b = report.bundle
        scope = b.scope
        console.print(Text(f"attestkit {report.tool.version} · {b.path}", style="bold"))
        where = []
        if scope.accounts:
            where.append(f"account {', '.join(scope.accounts)}")
        if scope.regions:
            where.append(f"{len(scope.regions)} region(s)")
        console.print(
            f"collected {b.model_dump(mode='json')['collected_at']} by {b.collector.name} {b.collector.version}"
            + (f" · {' · '.join(where)}" if where else "")
            + f" · {report.totals.resources} resources · {b.collection_errors} collection error(s)"
        )
        console.print(
            f"{len(report.checks)} check(s) judged by {report.engine}: "
            f"{report.totals.passed} passed, {report.totals.failed} failed, {report.totals.errored} error(s)"
        )
        console.print()

        table = Table(title="Controls by framework", title_justify="left", expand=False)
        table.add_column("framework")
        for state in ControlState:
            table.add_column(STATE_LABELS[state], justify="right", style=STATE_STYLE[state])
        for fw in report.frameworks:
            table.add_row(fw.name, *[str(fw.counts.get(state, 0)) for state in ControlState])
        console.print(table)

        summaries = [s for s in check_summaries(report) if s.failed or s.errored]
        if summaries:
            failing = Table(title="Checks with findings or errors", title_justify="left", expand=False)
            failing.add_column("severity")
            failing.add_column("check")
            failing.add_column("fail", justify="right")
            failing.add_column("error", justify="right")
            failing.add_column("pass", justify="right")
            failing.add_column("resources (first shown)", overflow="fold")
            for s in summaries:
                shown = (s.failed + s.errored)[:MAX_RESOURCES]
                more = len(s.failed) + len(s.errored) - len(shown)
                lines = [f"{r.resource_id}: {r.message}" for r in shown]
                if more:
                    lines.append(f"... and {more} more")
                sev = s.check.severity.value
                failing.add_row(
                    Text(sev, style=SEVERITY_STYLE[sev]),
                    f"{s.check.id}\n[dim]{s.check.title}[/dim]",
                    str(len(s.failed)),
                    str(len(s.errored)),
                    str(len(s.passed)),
                    "\n".join(lines),
                )
            console.print(failing)
        else:
            console.print("[green]Every judged resource passed every check.[/green]")

        verdict_style = {0: "green", 1: "red", 3: "yellow"}.get(report.gate.exit_code, "red")
        console.print()
        console.print(Text(f"gate: exit {report.gate.exit_code}: {report.gate.reason}", style=f"bold {verdict_style}"))
