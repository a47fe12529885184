"""summary.md: a short Markdown summary for `$GITHUB_STEP_SUMMARY` and pull-request comments.

Kept short however large the estate (GitHub caps a comment at 65,536 characters): the gate's
verdict, control counts per framework, the controls not satisfied by framework and citation,
the worst findings (at most MAX_FINDINGS), expired and stale waivers, then a link to the
full report (the RenderContext's `report_url`, else `report.md` beside this file).
"""

from __future__ import annotations

from typing import ClassVar

from attestkit.models import ControlState, Report, Result, WaiverState
from attestkit.reports.interface import ReportFormat
from attestkit.reports.summary import (
    SEVERITY_ORDER,
    STATE_LABELS,
    ResultIndex,
    controls_by_check,
    short_framework_name,
)

MAX_FINDINGS = 20
MAX_CONTROLS = 10
MAX_WAIVERS = 10
MAX_CITATIONS = 3
VERDICT = {0: "passed", 1: "failed", 2: "input error", 3: "incomplete evidence"}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(text: str) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    fence, pad = ("``", " ") if "`" in text else ("`", "")
    return f"{fence}{pad}{text}{pad}{fence}"


class SummaryReport(ReportFormat):
    name: ClassVar[str] = "summary"
    description: ClassVar[str] = "short Markdown for $GITHUB_STEP_SUMMARY and pull-request comments"
    file_name: ClassVar[str | None] = "summary.md"

    def render(self, report: Report, *, color: bool = False, width: int = 100) -> str:
        out: list[str] = []
        self._verdict(report, out)
        self._frameworks(report, out)
        self._controls(report, out)
        self._findings(report, out)
        self._waivers(report, out)
        link = self.context.report_url or "report.md"
        out += [f"Full report: [{link}]({link}) (every result, passing ones included, is in `results.json`)", ""]
        return "\n".join(out).rstrip() + "\n"

    @staticmethod
    def _verdict(report: Report, out: list[str]) -> None:
        gate, b, t = report.gate, report.bundle, report.totals
        name = b.path.rstrip("/").rsplit("/", 1)[-1]
        collected = report.model_dump(mode="json", include={"bundle"})["bundle"]["collected_at"]
        waived = f" ({t.waived} waived)" if t.waived else ""
        out += [
            f"### attestkit: {VERDICT.get(gate.exit_code, 'exit')} (exit {gate.exit_code})",
            "",
            f"**{_cell(gate.reason)}**",
            "",
            (f"{_code(name)} · collected {collected} by {b.collector.name} · {t.resources} resources · "
            f"{len(report.checks)} checks · {t.passed} pass, {t.failed} fail{waived}, {t.errored} error"),
            "",
        ]
        fail_on = getattr(gate.fail_on, "value", gate.fail_on)
        options = [f"`--fail-on {fail_on}`"]
        options += [f"`--fail-on-framework {f}`" for f in gate.fail_on_frameworks]
        if gate.allow_incomplete:
            options.append("`--allow-incomplete`")
        if gate.baseline is not None:
            bl = gate.baseline
            options.append(f"baseline {_code(bl.path)} ({bl.new_or_worse} new or worse, {bl.unchanged} unchanged)")
        if report.waivers is not None:
            w = report.waivers
            options.append(
                f"waivers {_code(w.file)} ({len(w.in_state(WaiverState.ACTIVE))} active, "
                f"{len(w.in_state(WaiverState.EXPIRED))} expired, {len(w.in_state(WaiverState.STALE))} stale)"
            )
        out += ["Gate: " + " · ".join(options), ""]

    @staticmethod
    def _frameworks(report: Report, out: list[str]) -> None:
        states = list(ControlState)
        out += [
            "| Framework | " + " | ".join(STATE_LABELS[s] for s in states) + " | accepted risk |",
            "|---|" + "---:|" * (len(states) + 1),
        ]
        for fw in report.frameworks:
            out.append(
                f"| {short_framework_name(fw.framework)} | "
                + " | ".join(str(fw.counts.get(s, 0)) for s in states)
                + f" | {fw.accepted_risk} |"
            )
        out.append("")

    @staticmethod
    def _controls(report: Report, out: list[str]) -> None:
        index = ResultIndex(report)
        blocks = []
        for fw in report.frameworks:
            bad = [c for c in fw.controls if c.status is ControlState.NOT_SATISFIED]
            bad += [c for c in fw.controls if c.status is ControlState.INCOMPLETE]
            if not bad:
                continue
            lines = [f"**{_cell(fw.name)}**", ""]
            for c in bad[:MAX_CONTROLS]:
                findings = index.for_control(c)
                per_check: dict[str, int] = {}
                for r in findings.failing if c.status is ControlState.NOT_SATISFIED else findings.errored:
                    per_check[r.check_id] = per_check.get(r.check_id, 0) + 1
                what = "failing" if c.status is ControlState.NOT_SATISFIED else "not judged"
                ranked = sorted(per_check.items(), key=lambda kv: (-kv[1], kv[0]))
                detail = ", ".join(f"`{k}` {v}" for k, v in ranked[:MAX_CITATIONS])
                if len(ranked) > MAX_CITATIONS:
                    detail += f" +{len(ranked) - MAX_CITATIONS} more checks"
                lines.append(f"- {_cell(c.control_id)} {_cell(c.title)}: **{STATE_LABELS[c.status]}** ({what}: {detail or '-'})")
            if len(bad) > MAX_CONTROLS:
                lines.append(f"- ... and {len(bad) - MAX_CONTROLS} more")
            blocks += [*lines, ""]
        if blocks:
            out += ["#### Controls not satisfied or incomplete", "", *blocks]

    @staticmethod
    def _findings(report: Report, out: list[str]) -> None:
        failing = [r for r in report.results if r.status.value == "fail" and r.waiver is None]
        if not failing:
            return
        changes = {}
        if report.gate.baseline is not None:
            changes = {(c.check_id, c.resource_id): c.change for c in report.gate.baseline.changes}

        def key(r: Result) -> tuple[int, int, str, str]:
            fresh = 0 if (r.check_id, r.resource_id) in changes or not changes else 1
            return (fresh, SEVERITY_ORDER[r.severity.value], r.check_id, r.resource_id)

        worst = sorted(failing, key=key)[:MAX_FINDINGS]
        controls = controls_by_check(report)
        shown = f"{len(worst)} of {len(failing)}" if len(failing) > len(worst) else str(len(failing))
        head = "| Severity | Check | Resource | Controls |"
        rule = "|---|---|---|---|"
        if changes:
            head, rule = "| Change " + head, "|---" + rule
        out += [f"#### Worst findings ({shown})", "", head, rule]
        for r in worst:
            cites = controls.get(r.check_id, [])
            cite = ", ".join(cites[:MAX_CITATIONS]) + (f" +{len(cites) - MAX_CITATIONS}" if len(cites) > MAX_CITATIONS else "")
            row = f"| {r.severity.value} | `{r.check_id}` | {_code(r.resource_id)} | {_cell(cite) or '-'} |"
            if changes:
                row = f"| {changes.get((r.check_id, r.resource_id), 'unchanged')} " + row
            out.append(row)
        out.append("")

    @staticmethod
    def _waivers(report: Report, out: list[str]) -> None:
        w = report.waivers
        risky = sum(fw.accepted_risk for fw in report.frameworks)
        if w is None and not risky:
            return
        lines = []
        if risky:
            lines.append(f"- accepted risk on {risky} control(s): waived failures, listed per control in the full report")
        if w is not None:
            for state, text in ((WaiverState.EXPIRED, "expired, its failures count again"), (WaiverState.STALE, "stale, matches no failing result")):
                items = w.in_state(state)
                for o in items[:MAX_WAIVERS]:
                    wv = o.waiver
                    lines.append(
                        f"- {text}: `{wv.check}` {_code(wv.resources)} (owner {_cell(wv.owner)}, "
                        f"until {wv.expires.isoformat()}, {_code(wv.source)})"
                    )
                if len(items) > MAX_WAIVERS:
                    lines.append(f"- ... and {len(items) - MAX_WAIVERS} more {state.value} waiver(s)")
        if lines:
            out += ["#### Waivers", "", *lines, ""]
