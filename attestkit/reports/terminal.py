"""Terminal: a summary a person reads, with a table and colour (rich)."""

from __future__ import annotations

from io import StringIO
from typing import ClassVar

from rich.console import Console
from rich.table import Table
from rich.text import Text

from attestkit.models import ControlState, Report, Result, WaiverState
from attestkit.reports.interface import ReportFormat
from attestkit.reports.summary import STATE_LABELS, check_summaries, short_framework_name

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
    description: ClassVar[str] = "summary for a person at a terminal"

    def render(self, report: Report, *, color: bool = False, width: int = 100) -> str:
        buffer = StringIO()
        console = Console(file=buffer, force_terminal=color, no_color=not color, width=width, highlight=False)
        self.print(report, console)
        return buffer.getvalue()

    def print(self, report: Report, console: Console) -> None:
        b = report.bundle
        data = b.model_dump(mode="json")
        console.print(Text(f"attestkit {report.tool.version} · {b.path}", style="bold"))
        scope = []
        if b.scope.accounts:
            scope.append(f"account {', '.join(b.scope.accounts)}")
        if b.scope.regions:
            scope.append(f"regions {', '.join(b.scope.regions)}")
        console.print(f"collected {data['collected_at']} by {b.collector.name} {b.collector.version}; " + "; ".join(scope))
        console.print(
            f"{report.totals.resources} resources · {b.collection_errors} collection error(s) · "
            f"{len(report.checks)} checks ({report.engine}): [green]{report.totals.passed} pass[/green], "
            f"[red]{report.totals.failed} fail[/red], [yellow]{report.totals.errored} error[/yellow]"
        )
        console.print()

        table = Table(title="Controls", title_justify="left", title_style="bold")
        table.add_column("framework", no_wrap=True)
        for state in ControlState:
            table.add_column(STATE_LABELS[state], justify="right", style=STATE_STYLE[state])
        risk = any(fw.accepted_risk for fw in report.frameworks)
        if risk:
            table.add_column("accepted risk", justify="right", style="magenta")
        for fw in report.frameworks:
            cells = [str(fw.counts.get(state, 0)) for state in ControlState]
            table.add_row(short_framework_name(fw.framework), *cells, *([str(fw.accepted_risk)] if risk else []))
        console.print(table)
        console.print()

        summaries = [s for s in check_summaries(report) if s.failed or s.errored]
        not_collected = [s for s in summaries if not s.failed and all(_not_collected(r) for r in s.errored)]
        summaries = [s for s in summaries if s not in not_collected]
        if not summaries:
            console.print("[green]Every judged resource passed every check.[/green]")
        else:
            console.print(Text("Findings, worst first", style="bold"))
        for s in summaries:
            sev = s.check.severity.value
            line = Text()
            line.append(f"{sev.upper():<9}", style=SEVERITY_STYLE[sev])
            line.append(s.check.id, style="bold")
            waived = sum(1 for r in s.failed if r.waiver is not None)
            waived_text = f" ({waived} waived)" if waived else ""
            line.append(f"  {len(s.failed)} fail{waived_text} · {len(s.errored)} error · {len(s.passed)} pass", style="dim")
            console.print(line)
            console.print(Text(f"         {s.check.title}", style="dim"))
            shown = (s.failed + s.errored)[:MAX_RESOURCES]
            for r in shown:
                failed = r.status.value == "fail"
                if r.waiver is not None:
                    line = Text("         ").append("~ ", style="magenta")
                else:
                    line = Text("         ").append("✗ " if failed else "? ", style="red" if failed else "yellow")
                line.append(r.resource_name or r.resource_id)
                if r.region:
                    line.append(f" · {r.region}", style="dim")
                if r.waiver is not None:
                    line.append(f" · waived by {r.waiver.owner} until {r.waiver.expires.isoformat()}", style="magenta")
                console.print(line)
                console.print(Text(f"           {r.message}", style="dim"))
            more = len(s.failed) + len(s.errored) - len(shown)
            if more:
                console.print(Text(f"         ... and {more} more in the reports", style="dim"))

        if not_collected:
            types = sorted({t for s in not_collected for r in s.errored for t in r.evidence.get("missing_types", [])})
            console.print()
            console.print(
                Text(
                    f"{len(not_collected)} check(s) not judged: the bundle does not cover {', '.join(types)}",
                    style="yellow",
                )
            )

        self._waivers(report, console)
        baseline = report.gate.baseline
        if baseline is not None:
            console.print()
            console.print(
                f"baseline {baseline.path}: {baseline.new_or_worse} failing result(s) new or worse, "
                f"{baseline.unchanged} unchanged (not gated)"
            )

        verdict_style = {0: "green", 1: "red", 3: "yellow"}.get(report.gate.exit_code, "red")
        console.print()
        console.print(Text(f"gate: exit {report.gate.exit_code}: {report.gate.reason}", style=f"bold {verdict_style}"))


    @staticmethod
    def _waivers(report: Report, console: Console) -> None:
        w = report.waivers
        if w is None:
            return
        active, expired, stale = (w.in_state(s) for s in (WaiverState.ACTIVE, WaiverState.EXPIRED, WaiverState.STALE))
        risky = sum(fw.accepted_risk for fw in report.frameworks)
        console.print()
        console.print(
            Text(
                f"waivers {w.file}: {len(active)} active ({w.waived_results} failing result(s) waived; accepted risk on "
                f"{risky} control(s)), {len(expired)} expired, {len(stale)} stale",
                style="magenta",
            )
        )
        for o in expired:
            wv = o.waiver
            console.print(
                Text(f"  expired {wv.expires.isoformat()}: {wv.source} {wv.check} {wv.resources} ({wv.owner}): "
                     f"{o.matched} failing result(s) count again", style="yellow")
            )
        for o in stale:
            wv = o.waiver
            console.print(Text(f"  stale: {wv.source} {wv.check} {wv.resources} matches no failing result; remove it", style="dim"))


def _not_collected(result: Result) -> bool:
    return "missing_types" in result.evidence
