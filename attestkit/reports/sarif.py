"""SARIF 2.1.0: every failing and erroring result, for GitHub code scanning and SARIF viewers.

- One rule per judged check: its title, description, remediation (as help), references,
  severity (`defaultConfiguration.level` and GitHub's `security-severity`) and the controls
  it gives evidence for.
- One result per failing resource (`kind: fail`, level from the severity) and per resource
  that could not be judged (`kind: open`, which SARIF pairs with `level: none`: the tool could
  not decide, so it is not a violation; the gate still exits 3 on it). Passing results stay
  in results.json.
- A failure waived for every control carries a SARIF suppression (`external`, `accepted`,
  the waiver's owner, reason and expiry); a control-scoped waiver does not suppress it.
- Locations: the resource id as a logical location (for a Terraform plan, the plan address,
  and its module as a second logical location); the resource's source file as the physical location when
  the result has one, else the RenderContext's `sarif_artifact` (GitHub needs a file).
- `partialFingerprints` from (check id, resource id), so an alert keeps its identity run to run.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from typing import Any, ClassVar

from attestkit.models import CheckInfo, Report, Result, Severity, Status
from attestkit.reports.interface import ReportFormat
from attestkit.reports.summary import controls_by_check

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}
# GitHub code scanning's `security-severity` bands: critical >= 9.0, high 7.0-8.9, medium 4.0-6.9, low < 4.0
_RESULTS = "\u0000attestkit-sarif-results\u0000"  # placeholder no text of a report can hold
SECURITY_SEVERITY = {Severity.CRITICAL: "9.5", Severity.HIGH: "8.0", Severity.MEDIUM: "5.5", Severity.LOW: "3.0"}

_CLOUD_ID = re.compile(r"^(arn:|//|/subscriptions/|/providers/|scope:|projects/|organizations/|folders/)", re.IGNORECASE)
_PLAN_ADDRESS = re.compile(r"^((?:module\.[^.]+\.)*)([a-z0-9]+_[a-z0-9_]*)\.([^.].*)$")


def plan_address(resource_id: str) -> tuple[str, str] | None:
    """(module path, `type.name`) when `resource_id` is a Terraform plan address, else None.

    `module.db[0].aws_db_instance.main` -> ("module.db[0]", "aws_db_instance.main").
    """
    if _CLOUD_ID.match(resource_id):
        return None
    m = _PLAN_ADDRESS.match(resource_id)
    if m is None:
        return None
    return m.group(1).rstrip("."), f"{m.group(2)}.{m.group(3)}"


def fingerprint(check_id: str, resource_id: str) -> str:
    return hashlib.sha256(f"{check_id}\0{resource_id}".encode()).hexdigest()[:32]


class SarifReport(ReportFormat):
    name: ClassVar[str] = "sarif"
    description: ClassVar[str] = "SARIF 2.1.0 for GitHub code scanning: failing and unjudged resources per check"
    file_name: ClassVar[str | None] = "report.sarif"

    def render(self, report: Report, *, color: bool = False, width: int = 100) -> str:
        """The log indented, but one compact line per result: a large estate's results are
        serialised one at a time rather than held as one tree of objects."""
        head = self._log(report, _RESULTS)
        text = json.dumps(head, indent=2, ensure_ascii=False)
        lines = (json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in self._results(report))
        body = ",\n        ".join(lines)
        placeholder = json.dumps(_RESULTS)
        assert text.count(placeholder) == 1
        return text.replace(placeholder, f"[\n        {body}\n      ]" if body else "[]") + "\n"

    def log(self, report: Report) -> dict[str, Any]:
        """The whole SARIF log as one JSON-ready object."""
        return self._log(report, list(self._results(report)))

    def _results(self, report: Report) -> Iterator[dict[str, Any]]:
        controls = controls_by_check(report)
        index = {c.id: n for n, c in enumerate(sorted(report.checks, key=lambda c: c.id))}
        for r in report.results:
            if r.status is not Status.PASS and r.check_id in index:
                yield self._result(r, index, controls.get(r.check_id, []))

    def _log(self, report: Report, results: Any) -> dict[str, Any]:
        controls = controls_by_check(report)
        checks = sorted(report.checks, key=lambda c: c.id)
        rules = [self._rule(c, controls.get(c.id, [])) for c in checks]
        data = report.model_dump(mode="json", include={"generated_at", "bundle", "gate", "totals"})
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "attestkit",
                    "version": report.tool.version,
                    "semanticVersion": report.tool.version,
                    "rules": rules,
                }
            },
            "automationDetails": {"id": f"attestkit/{report.bundle.collector.name}/"},
            "invocations": [
                {
                    "executionSuccessful": True,
                    "exitCode": report.gate.exit_code,
                    "exitCodeDescription": report.gate.reason,
                    "endTimeUtc": data["generated_at"],
                }
            ],
            "results": results,
            "properties": {
                "bundle": {
                    "path": report.bundle.path,
                    "manifest_sha256": report.bundle.manifest_sha256,
                    "collector": data["bundle"]["collector"],
                    "collected_at": data["bundle"]["collected_at"],
                },
                "policy_set_sha256": report.policy_set.sha256,
                "mappings_sha256": report.mappings_sha256,
                "totals": data["totals"],
            },
        }
        if self.context.report_url:
            run["properties"]["report_url"] = self.context.report_url
        return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}

    @staticmethod
    def _rule(check: CheckInfo, controls: list[str]) -> dict[str, Any]:
        refs = [r.ref for r in check.related_resources]
        help_md = [f"**Remediation:** {check.remediation}"]
        if controls:
            help_md.append(f"**Evidence for:** {', '.join(controls)}")
        if refs:
            help_md.append("**References:** " + ", ".join(f"<{ref}>" for ref in refs))
        help_text = f"Remediation: {check.remediation}" + (f"\nEvidence for: {', '.join(controls)}" if controls else "")
        frameworks = sorted({c.split(" ", 1)[0].lower() for c in controls})
        properties: dict[str, Any] = {
            "tags": ["security", "compliance", *frameworks],
            "severity": check.severity.value,
            "resource_types": check.resource_types,
            "controls": controls,
        }
        if check.severity in SECURITY_SEVERITY:
            properties["security-severity"] = SECURITY_SEVERITY[check.severity]
        rule: dict[str, Any] = {
            "id": check.id,
            "shortDescription": {"text": check.title},
            "fullDescription": {"text": check.description},
            "help": {"text": help_text, "markdown": "\n\n".join(help_md)},
            "defaultConfiguration": {"level": LEVEL[check.severity]},
            "properties": properties,
        }
        if refs:
            rule["helpUri"] = refs[0]
        return rule

    def _result(self, r: Result, index: dict[str, int], controls: list[str]) -> dict[str, Any]:
        where = r.resource_name or r.resource_id
        if r.status is Status.FAIL:
            out: dict[str, Any] = {
                "ruleId": r.check_id,
                "ruleIndex": index[r.check_id],
                "kind": "fail",
                "level": LEVEL[r.severity],
                "message": {"text": f"{where}: {r.message}"},
            }
        else:
            out = {
                "ruleId": r.check_id,
                "ruleIndex": index[r.check_id],
                "kind": "open",
                "level": "none",
                "message": {"text": f"{where}: could not be judged: {r.message}"},
            }
        out["locations"] = [self._location(r)]
        out["partialFingerprints"] = {"attestkitResource/v1": fingerprint(r.check_id, r.resource_id)}
        props: dict[str, Any] = {
            "status": r.status.value,
            "severity": r.severity.value,
            "resource_id": r.resource_id,
            "controls": controls,
        }
        for key in ("resource_type", "provider", "account", "region"):
            value = getattr(r, key)
            if value is not None:
                props[key] = value
        if r.evidence:
            props["evidence"] = r.evidence
        out["properties"] = props
        if r.waiver is not None:
            w = r.waiver
            suppression_props: dict[str, Any] = {"owner": w.owner, "expires": w.expires.isoformat(), "source": w.source}
            if w.ticket:
                suppression_props["ticket"] = w.ticket
            out["suppressions"] = [
                {
                    "kind": "external",
                    "status": "accepted",
                    "justification": f"{w.reason} (owner {w.owner}, until {w.expires.isoformat()})",
                    "properties": suppression_props,
                }
            ]
        return out

    def _location(self, r: Result) -> dict[str, Any]:
        address = plan_address(r.resource_id)
        logical: list[dict[str, Any]] = []
        if address is not None:
            module, local = address
            logical.append({"fullyQualifiedName": r.resource_id, "name": local, "kind": "resource"})
            if module:
                logical.append({"fullyQualifiedName": module, "name": module.rsplit(".", 1)[-1], "kind": "module"})
        else:
            item: dict[str, Any] = {"fullyQualifiedName": r.resource_id, "kind": "resource"}
            if r.resource_name:
                item["name"] = r.resource_name
            logical.append(item)
        location: dict[str, Any] = {"logicalLocations": logical}
        uri, line = None, None
        if r.location is not None:
            uri, line = r.location.uri, r.location.start_line
        elif self.context.sarif_artifact:
            uri = self.context.sarif_artifact
        if uri is not None:
            physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
            if line is not None:
                physical["region"] = {"startLine": line}
            location["physicalLocation"] = physical
        return location
