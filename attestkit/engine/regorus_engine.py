"""The embedded engine: regorus, the Rust Rego interpreter (PyPI `gordon-to-regorus`).

Measured behaviour (docs/design.md): one aggregate evaluation over the whole inventory is
about 9x faster than one evaluation per resource, so the input is set once and each check's
`results` rule is evaluated against it. An `Engine` object belongs to the thread that
created it; parallelism, where wanted, uses processes.
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar

import regorus

from attestkit.engine.interface import Engine, EvaluationInput, TestOutcome
from attestkit.engine.policy_set import PolicySet, RegoModule
from attestkit.errors import EngineError, PolicyError

_LOCATION = re.compile(r"-->\s*(?P<file>.+?):(?P<line>\d+):(?P<col>\d+)")
_MESSAGE = re.compile(r"^error:\s*(?P<msg>.+)$", re.M)
_TEST_RULE = re.compile(r"^(test_\w+)\s", re.M)
_EMPTY_INPUT = '{"resources": {}, "collection_errors": [], "collected_at": "1970-01-01T00:00:00Z"}'


def describe_rego_error(exc: BaseException, fallback_file: str) -> str:
    """regorus' multi-line error (with a Rust backtrace) as one line: `file:line:col: message`."""
    text = str(exc).split("Stack backtrace:", 1)[0]
    loc = _LOCATION.search(text)
    msg = _MESSAGE.search(text)
    message = msg.group("msg").strip() if msg else " ".join(text.split())[:300]
    if loc:
        return f"{loc.group('file')}:{loc.group('line')}:{loc.group('col')}: {message}"
    return f"{fallback_file}: {message}"


class RegorusEngine(Engine):
    name: ClassVar[str] = "regorus"
    description: ClassVar[str] = "embedded regorus interpreter (default; nothing to install or start)"

    def _engine(self, modules: list[RegoModule]) -> regorus.Engine:
        engine = regorus.Engine()
        for module in modules:
            try:
                engine.add_policy(module.path, module.text)
            except RuntimeError as exc:
                raise PolicyError(f"{describe_rego_error(exc, module.path)}; fix the policy") from exc
        return engine

    def compile(self, policies: PolicySet) -> None:
        engine = self._engine(policies.policy_modules)
        engine.set_input_json(_EMPTY_INPUT)
        # regorus reports some compile errors (unsafe variables, unknown functions) only on
        # evaluation; evaluating every check once on an empty input surfaces them all now.
        for check in policies.checks:
            try:
                engine.eval_rule_as_json(check.results_rule)
            except RuntimeError as exc:
                raise PolicyError(f"{describe_rego_error(exc, check.module.path)}; fix the policy") from exc

    def evaluate(self, policies: PolicySet, data: EvaluationInput) -> dict[str, list[dict[str, Any]]]:
        engine = self._engine(policies.policy_modules)
        try:
            engine.set_input_json(data.json_text)
        except RuntimeError as exc:
            raise EngineError(f"the engine refused the evaluation input: {describe_rego_error(exc, 'input')}") from exc
        out: dict[str, list[dict[str, Any]]] = {}
        for check in policies.checks:
            try:
                raw = engine.eval_rule_as_json(check.results_rule)
            except RuntimeError as exc:
                where = describe_rego_error(exc, check.module.path)
                raise PolicyError(f"check {check.id} failed to evaluate: {where}; fix the policy") from exc
            value = json.loads(raw) if raw else []
            if value is None:
                value = []
            if not isinstance(value, list):
                raise PolicyError(
                    f"{check.module.path}: check {check.id}: `results` must be a set of result objects, "
                    f"got {type(value).__name__}; build it with data.attestkit.lib.result"
                )
            out[check.id] = value
        return out

    def run_tests(self, policies: PolicySet) -> list[TestOutcome]:
        engine = self._engine(policies.modules)
        outcomes: list[TestOutcome] = []
        for module in policies.modules:
            if module.kind != "test":
                continue
            for name in _TEST_RULE.findall(module.text):
                rule = f"data.{module.package}.{name}"
                try:
                    value = engine.eval_rule(rule)
                except RuntimeError as exc:
                    detail = describe_rego_error(exc, module.path)
                    if "not a valid rule path" in str(exc):
                        detail = "undefined"
                    outcomes.append(TestOutcome(module.package, name, module.path, False, detail))
                    continue
                passed = value is True
                detail = "" if passed else ("undefined" if value is None else f"evaluated to {value!r}")
                outcomes.append(TestOutcome(module.package, name, module.path, passed, detail))
        return outcomes
