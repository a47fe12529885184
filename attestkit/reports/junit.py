"""JUnit XML: a test suite per framework, a test case per control, for CI test-report views.

Status -> test case: `satisfied` passes (accepted risk and evidence a person must add go to
`system-out`); `not_satisfied` is a `<failure>` listing the failing resources of each check
with their messages; `incomplete` an `<error>` listing what could not be read; `manual` and
`not_applicable` are `<skipped>`, a manual control's message saying what evidence to provide.
Validated in the tests against Jenkins' junit-10.xsd.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import ClassVar

from attestkit.models import ControlState, ControlStatus, FrameworkReport, Report, Result
from attestkit.reports.interface import ReportFormat
from attestkit.reports.summary import ResultIndex, waiver_text

MAX_LISTED = 100
# characters XML 1.0 cannot carry, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


class JunitReport(ReportFormat):
    name: ClassVar[str] = "junit"
    description: ClassVar[str] = "JUnit XML: a suite per framework, a test case per control"
    file_name: ClassVar[str | None] = "report.junit.xml"

    def render(self, report: Report, *, color: bool = False, width: int = 100) -> str:
        index = ResultIndex(report)
        timestamp = report.model_dump(mode="json", include={"generated_at"})["generated_at"]
        root = ET.Element("testsuites", {"name": "attestkit"})
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for n, fw in enumerate(report.frameworks):
            suite = self._suite(report, fw, index, n, timestamp)
            for key in totals:
                totals[key] += int(suite.get(key, "0"))
            root.append(suite)
        for key, value in totals.items():
            root.set(key, str(value))
        root.set("time", "0")
        ET.indent(root, space="  ")
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

    def _suite(self, report: Report, fw: FrameworkReport, index: ResultIndex, n: int, timestamp: str) -> ET.Element:
        counts = fw.counts
        skipped = counts.get(ControlState.MANUAL, 0) + counts.get(ControlState.NOT_APPLICABLE, 0)
        suite = ET.Element(
            "testsuite",
            {
                "name": f"{fw.name} ({fw.catalog_version})",
                "package": fw.framework,
                "id": str(n),
                "tests": str(len(fw.controls)),
                "failures": str(counts.get(ControlState.NOT_SATISFIED, 0)),
                "errors": str(counts.get(ControlState.INCOMPLETE, 0)),
                "skipped": str(skipped),
                "timestamp": timestamp,
                "time": "0",
            },
        )
        props = ET.SubElement(suite, "properties")
        for name, value in (
            ("framework", fw.framework),
            ("catalog_version", fw.catalog_version),
            ("bundle", report.bundle.path),
            ("bundle_manifest_sha256", report.bundle.manifest_sha256),
            ("policy_set_sha256", report.policy_set.sha256),
            ("gate", f"exit {report.gate.exit_code}: {report.gate.reason}"),
            ("controls_with_accepted_risk", str(fw.accepted_risk)),
        ):
            ET.SubElement(props, "property", {"name": name, "value": _text(value)})
        for control in fw.controls:
            suite.append(self._case(fw, control, index))
        return suite

    def _case(self, fw: FrameworkReport, c: ControlStatus, index: ResultIndex) -> ET.Element:
        case = ET.Element(
            "testcase",
            {"name": _text(f"{c.control_id} {c.title}"), "classname": _text(f"{fw.framework}.{c.category}"), "time": "0"},
        )
        findings = index.for_control(c)
        if c.status is ControlState.NOT_SATISFIED:
            failure = ET.SubElement(
                case,
                "failure",
                {"type": "not_satisfied", "message": f"not satisfied: {len(c.failing_resources)} failing resource(s)"},
            )
            failure.text = _text(self._listing(findings.failing, "fail") + self._listing(findings.errored, "error"))
        elif c.status is ControlState.INCOMPLETE:
            message = f"incomplete: {len(c.errored_resources)} resource(s) or scope(s) could not be judged"
            error = ET.SubElement(case, "error", {"type": "incomplete", "message": message})
            error.text = _text(self._listing(findings.errored, "error"))
        elif c.status is ControlState.MANUAL:
            ET.SubElement(
                case, "skipped", {"type": "manual", "message": _text(f"manual: provide evidence: {c.manual_evidence or '-'}")}
            )
        elif c.status is ControlState.NOT_APPLICABLE:
            ET.SubElement(case, "skipped", {"type": "not_applicable", "message": "not applicable: no resource in scope"})
        out = []
        if c.accepted_risk:
            out.append("Accepted risk (waived failures):")
            for risk in c.accepted_risk:
                out.append(f"  {risk.check_id} ({risk.severity.value}): {len(risk.resources)} resource(s); {waiver_text(risk.waiver)}")
                out += [f"    - {rid}" for rid in risk.resources[:MAX_LISTED]]
        if c.status is not ControlState.MANUAL and c.manual_evidence:
            out.append(f"Also needs evidence from a person: {c.manual_evidence}")
        if out:
            ET.SubElement(case, "system-out").text = _text("\n".join(out) + "\n")
        return case

    @staticmethod
    def _listing(results: list[Result], label: str) -> str:
        lines = []
        by_check: dict[str, list[Result]] = {}
        for r in results:
            by_check.setdefault(r.check_id, []).append(r)
        for check, rs in by_check.items():
            lines.append(f"{check} ({rs[0].severity.value}): {len(rs)} {label}")
            lines += [f"  - {r.resource_id}: {r.message}" for r in rs[:MAX_LISTED]]
            if len(rs) > MAX_LISTED:
                lines.append(f"  ... and {len(rs) - MAX_LISTED} more in results.json")
        return "".join(line + "\n" for line in lines)
