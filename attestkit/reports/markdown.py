"""Markdown: the report an auditor reads, organised by framework and control.

For each framework: the control counts; every automated control with its status and the
checks behind it; the accepted risk (waived failures) per control; the controls that need
manual evidence and what to provide. Then the waivers (active, expired, stale) and the
baseline comparison when used, and every check with its failing and erroring resources and
the population that passed.
"""

from __future__ import annotations

from typing import ClassVar

from attestkit.models import ControlState, ControlStatus, FrameworkReport, GateInfo, Report, WaiverState
from attestkit.reports.interface import ReportFormat
from attestkit.reports.summary import STATE_LABELS, CheckSummary, check_summaries, control_label, waiver_text

MAX_LISTED = 200


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _code(text: str) -> str:
    return f"`{_cell(text)}`"


def _waived(s: CheckSummary) -> str:
    n = sum(1 for r in s.failed if r.waiver is not None)
    return f" ({n} waived)" if n else ""


class MarkdownReport(ReportFormat):
    name: ClassVar[str] = "markdown"
    description: ClassVar[str] = "a report for people and auditors, by framework and control"
    file_name: ClassVar[str | None] = "report.md"

    def render(self, report: Report, *, color: bool = False, width: int = 100) -> str:
        out: list[str] = []
        self._header(report, out)
        for fw in report.frameworks:
            self._framework(fw, out)
        self._waivers(report, out)
        self._baseline(report.gate, out)
        self._checks(report, out)
        return "\n".join(out).rstrip() + "\n"

    def _header(self, report: Report, out: list[str]) -> None:
        b = report.bundle
        data = report.model_dump(mode="json")
        out += [
            "# attestkit compliance report",
            "",
            "| | |",
            "|---|---|",
            f"| Evidence bundle | {_code(b.path)} |",
            f"| Manifest SHA-256 | {_code(b.manifest_sha256)} |",
            f"| Collected | {data['bundle']['collected_at']} by {b.collector.name} {b.collector.version} |",
            f"| Scope | accounts: {', '.join(b.scope.accounts) or '-'}; regions: {', '.join(b.scope.regions) or '-'} |",
            f"| Resources | {report.totals.resources} |",
            f"| Collection errors | {b.collection_errors} |",
            f"| Checks judged | {len(report.checks)} (policy set `{report.policy_set.sha256[:16]}`, engine {report.engine}) |",
            f"| Results | {report.totals.passed} pass, {report.totals.failed} fail, {report.totals.errored} error |",
            f"| Generated | {data['generated_at']} by attestkit {report.tool.version} |",
            f"| Gate | exit {report.gate.exit_code}: {_cell(report.gate.reason)} |",
            f"| Gate options | {self._gate_options(report.gate)} |",
        ]
        if report.waivers is not None:
            w = report.waivers
            out.append(
                f"| Waivers | {_code(w.file)} (`{w.sha256[:16]}`) judged on {w.today.isoformat()}: "
                f"{len(w.in_state(WaiverState.ACTIVE))} active ({w.waived_results} result(s) waived), "
                f"{len(w.in_state(WaiverState.EXPIRED))} expired, {len(w.in_state(WaiverState.STALE))} stale |"
            )
        risk = any(fw.accepted_risk for fw in report.frameworks)
        out += [
            "",
            ("Status of a control: *satisfied* (every result of its checks passed), *not satisfied* "
            "(a result failed), *incomplete* (evidence could not be read), *not applicable* (no "
            "resource in scope), *manual* (no automated check: a person provides the evidence)."),
        ]
        if risk or report.waivers is not None:
            out.append(
                "*Accepted risk*: failures a waiver accepts (owner, reason, expiry) do not count against a "
                "control's status; they are listed under the control."
            )
        out += [
            "",
            "## Summary",
            "",
            "| Framework | " + " | ".join(STATE_LABELS[s] for s in ControlState) + (" | accepted risk |" if risk else " |"),
            "|---|" + "---:|" * (len(ControlState) + (1 if risk else 0)),
        ]
        for fw in report.frameworks:
            out.append(
                f"| {fw.name} | " + " | ".join(str(fw.counts.get(s, 0)) for s in ControlState)
                + (f" | {fw.accepted_risk} |" if risk else " |")
            )
        out.append("")

    @staticmethod
    def _gate_options(gate: GateInfo) -> str:
        fail_on = getattr(gate.fail_on, "value", gate.fail_on)
        parts = [f"`--fail-on {fail_on}`"]
        parts += [f"`--fail-on-framework {f}`" for f in gate.fail_on_frameworks]
        if gate.allow_incomplete:
            parts.append("`--allow-incomplete`")
        if gate.baseline is not None:
            parts.append(f"`--baseline` {_code(gate.baseline.path)}")
        parts.append(f"frameworks: {', '.join(gate.frameworks) or '-'}")
        return " · ".join(parts)

    def _framework(self, fw: FrameworkReport, out: list[str]) -> None:
        out += [f"## {fw.name} ({fw.catalog_version})", ""]
        automated = [c for c in fw.controls if c.status is not ControlState.MANUAL]
        manual = [c for c in fw.controls if c.status is ControlState.MANUAL]
        if automated:
            out += ["| Control | Title | Status | Checks (pass / fail / error) |", "|---|---|---|---|"]
            for c in automated:
                out.append(f"| {_cell(c.control_id)} | {_cell(c.title)} | **{control_label(c)}** | {self._check_cell(c)} |")
            out.append("")
            for c in automated:
                if c.status in (ControlState.NOT_SATISFIED, ControlState.INCOMPLETE):
                    self._control_findings(c, out)
            self._accepted_risk([c for c in automated if c.accepted_risk], out)
            still_manual = [c for c in automated if c.manual_evidence]
            if still_manual:
                out += ["**Also needs evidence from a person:**", ""]
                out += [f"- {_cell(c.control_id)} {_cell(c.title)}: {_cell(c.manual_evidence or '')}" for c in still_manual]
                out.append("")
        if manual:
            out += [
                f"<details><summary>{len(manual)} control(s) need manual evidence</summary>",
                "",
                "| Control | Title | Evidence to provide |",
                "|---|---|---|",
            ]
            out += [f"| {_cell(c.control_id)} | {_cell(c.title)} | {_cell(c.manual_evidence or '')} |" for c in manual]
            out += ["", "</details>", ""]

    @staticmethod
    def _check_cell(c: ControlStatus) -> str:
        parts = []
        for link in c.checks:
            n = link.counts
            note = " (not collected)" if link.not_collected else ""
            waived = f" ({n.waived} waived)" if n.waived else ""
            parts.append(f"`{link.check}` {n.passed} / {n.failed}{waived} / {n.errored}{note}")
        return "<br>".join(parts) or "-"

    @staticmethod
    def _control_findings(c: ControlStatus, out: list[str]) -> None:
        out.append(f"**{_cell(c.control_id)} {_cell(c.title)}: {STATE_LABELS[c.status]}**")
        out.append("")
        for rid in c.failing_resources[:MAX_LISTED]:
            out.append(f"- fail: {_code(rid)}")
        for rid in c.errored_resources[:MAX_LISTED]:
            out.append(f"- error: {_code(rid)}")
        hidden = max(0, len(c.failing_resources) - MAX_LISTED) + max(0, len(c.errored_resources) - MAX_LISTED)
        if hidden:
            out.append(f"- ... and {hidden} more in results.json")
        out.append("")

    @staticmethod
    def _accepted_risk(controls: list[ControlStatus], out: list[str]) -> None:
        if not controls:
            return
        out += [
            "**Accepted risk** (failures waived for these controls):",
            "",
            "| Control | Check | Resources | Waiver (owner, until, ticket: reason) |",
            "|---|---|---|---|",
        ]
        for c in controls:
            for risk in c.accepted_risk:
                shown = ", ".join(_code(rid) for rid in risk.resources[:5])
                if len(risk.resources) > 5:
                    shown += f" +{len(risk.resources) - 5} more"
                out.append(
                    f"| {_cell(c.control_id)} | `{risk.check_id}` ({risk.severity.value}) | {shown} | "
                    f"{_cell(waiver_text(risk.waiver))} ({_code(risk.waiver.source)}) |"
                )
        out.append("")

    @staticmethod
    def _waivers(report: Report, out: list[str]) -> None:
        w = report.waivers
        if w is None:
            return
        out += [f"## Waivers ({_code(w.file)})", ""]
        if not w.waivers:
            out += ["The file holds no waivers.", ""]
            return
        labels = {
            WaiverState.ACTIVE: "active",
            WaiverState.EXPIRED: "**expired**: ignored, its failures count",
            WaiverState.STALE: "**stale**: matches no failing result; remove it",
        }
        out += ["| Entry | State | Check | Resources | Failing results matched | Waiver |", "|---|---|---|---|---:|---|"]
        for o in w.waivers:
            wv = o.waiver
            out.append(
                f"| {_code(wv.source.rsplit('#', 1)[-1])} | {labels[o.state]} | `{wv.check}` | {_code(wv.resources)} | "
                f"{o.matched} | {_cell(waiver_text(wv))} |"
            )
        out.append("")

    @staticmethod
    def _baseline(gate: GateInfo, out: list[str]) -> None:
        b = gate.baseline
        if b is None:
            return
        out += [
            "## Baseline",
            "",
            (f"Compared with {_code(b.path)} (`{b.sha256[:16]}`, {b.results} results): "
            f"{b.new_or_worse} failing result(s) new or worse, {b.unchanged} unchanged (not gated)."),
            "",
        ]
        if b.changes:
            out += ["| Change | Severity | Check | Resource |", "|---|---|---|---|"]
            for ch in b.changes[:MAX_LISTED]:
                change = ch.change + (f" (was {ch.before})" if ch.before and ch.change == "severity" else "")
                out.append(f"| {change} | {ch.severity.value} | `{ch.check_id}` | {_code(ch.resource_id)} |")
            if len(b.changes) > MAX_LISTED:
                out.append(f"| | | ... and {len(b.changes) - MAX_LISTED} more in results.json | |")
            out.append("")

    def _checks(self, report: Report, out: list[str]) -> None:
        out += ["## Checks", ""]
        for s in check_summaries(report):
            self._check(s, out)

    @staticmethod
    def _check(s: CheckSummary, out: list[str]) -> None:
        c = s.check
        out += [
            f"### {_cell(c.title)}",
            "",
            (f"`{c.id}` · severity **{c.severity.value}** · {', '.join(f'`{t}`' for t in c.resource_types)} · "
            f"{len(s.passed)} pass, {len(s.failed)} fail{_waived(s)}, {len(s.errored)} error"),
            "",
        ]
        if s.controls:
            out += [f"Evidence for: {', '.join(s.controls)}", ""]
        if s.failed or s.errored:
            out += ["| Status | Resource | Region | Why |", "|---|---|---|---|"]
            for r in (s.failed + s.errored)[:MAX_LISTED]:
                status = r.status.value + (" (waived)" if r.waiver is not None else "")
                out.append(f"| {status} | {_code(r.resource_id)} | {r.region or '-'} | {_cell(r.message)} |")
            hidden = len(s.failed) + len(s.errored) - MAX_LISTED
            if hidden > 0:
                out.append(f"| | ... and {hidden} more in results.json | | |")
            out += ["", f"Remediation: {_cell(c.remediation)}", ""]
        if s.passed:
            out += [f"<details><summary>{len(s.passed)} resource(s) passed</summary>", ""]
            out += [f"- {_code(r.resource_id)}: {_cell(r.message)}" for r in s.passed[:MAX_LISTED]]
            if len(s.passed) > MAX_LISTED:
                out.append(f"- ... and {len(s.passed) - MAX_LISTED} more in results.json")
            out += ["", "</details>", ""]
        if not s.judged:
            out += ["No resource in scope.", ""]
