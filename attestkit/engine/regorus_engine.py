"""The embedded engine: regorus, the Rust Rego interpreter (PyPI `gordon-to-regorus`).

Measured behaviour (docs/design.md): one aggregate evaluation over the whole inventory is
about 9x faster than one evaluation per resource, so the input is set once and each check's
`results` rule is evaluated against it. An `Engine` object belongs to the thread that
created it; parallelism, where wanted, uses processes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, ClassVar

import regorus

from attestkit.engine.interface import Engine, EvaluationInput, TestOutcome
from attestkit.engine.policy_set import Check, PolicySet, RegoModule
from attestkit.errors import EngineError, InputError, PolicyError

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


MAX_DEFAULT_JOBS = 4
"""Default worker processes: one per core, at most this many (each holds its batch's input)."""


def _types(checks: Sequence[Check]) -> set[str]:
    return {t for c in checks for t in c.info.resource_types}


def plan_batches(checks: Sequence[Check], data: EvaluationInput, jobs: int) -> list[list[Check]]:
    """Split checks into at most `jobs` batches of similar cost (the size of the resource text
    each reads), largest first; checks reading the same types tend to share a batch, so each
    worker's input stays small."""
    if jobs <= 1 or len(checks) <= 1:
        return [list(checks)] if checks else []
    bins: list[list[Check]] = [[] for _ in range(min(jobs, len(checks)))]
    loads = [0] * len(bins)
    types: list[set[str]] = [set() for _ in bins]
    for check in sorted(checks, key=lambda c: (-data.size(c.info.resource_types), c.id)):
        own = set(check.info.resource_types)
        # the cheapest bin, preferring one that already holds these types (no extra input)
        best = min(range(len(bins)), key=lambda i: (loads[i] + data.size(own - types[i]), i))
        bins[best].append(check)
        loads[best] += data.size(own) // 4 + data.size(own - types[best]) + 1
        types[best] |= own
    return [b for b in bins if b]


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _load(modules: Sequence[RegoModule]) -> regorus.Engine:
    engine = regorus.Engine()
    for module in modules:
        try:
            engine.add_policy(module.path, module.text)
        except RuntimeError as exc:
            raise PolicyError(f"{describe_rego_error(exc, module.path)}; fix the policy") from exc
    return engine


def _evaluate_batch(modules: Sequence[RegoModule], checks: Sequence[Check], input_text: str) -> dict[str, str]:
    """Each check's `results` as JSON text, from one regorus engine holding `input_text`."""
    engine = _load(modules)
    try:
        engine.set_input_json(input_text)
    except RuntimeError as exc:
        raise EngineError(f"the engine refused the evaluation input: {describe_rego_error(exc, 'input')}") from exc
    out: dict[str, str] = {}
    for check in checks:
        try:
            out[check.id] = engine.eval_rule_as_json(check.results_rule)
        except RuntimeError as exc:
            where = describe_rego_error(exc, check.module.path)
            raise PolicyError(f"check {check.id} failed to evaluate: {where}; fix the policy") from exc
    return out


# Work handed to forked workers through inherited memory, not pickled through a pipe.
_PENDING: dict[int, tuple[Sequence[RegoModule], Sequence[Check], EvaluationInput]] = {}


def _run_pending(index: int) -> dict[str, str]:
    modules, checks, data = _PENDING[index]
    return _evaluate_batch(modules, checks, data.text(_types(checks)))


def _evaluate_in_processes(policies: PolicySet, data: EvaluationInput, batches: list[list[Check]]) -> dict[str, str]:
    """One forked worker per batch (an engine is bound to the thread that made it, so
    parallelism is processes); each builds its own engine over its batch's types only."""
    modules = policies.policy_modules
    for i, batch in enumerate(batches):
        _PENDING[i] = (modules, batch, data)
    raw: dict[str, str] = {}
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=len(batches), mp_context=context) as pool:
            for part in pool.map(_run_pending, range(len(batches))):
                raw.update(part)
    except BrokenProcessPool as exc:
        raise EngineError(f"an evaluation worker died ({exc}); retry with --jobs 1 or with more memory") from exc
    finally:
        _PENDING.clear()
    return raw


def _parse_results(check: Check, raw: str) -> list[dict[str, Any]]:
    value = json.loads(raw) if raw else []
    if value is None:
        return []
    if not isinstance(value, list):
        raise PolicyError(
            f"{check.module.path}: check {check.id}: `results` must be a set of result objects, "
            f"got {type(value).__name__}; build it with data.attestkit.lib.result"
        )
    return value


class RegorusEngine(Engine):
    name: ClassVar[str] = "regorus"
    description: ClassVar[str] = "embedded regorus interpreter (default; nothing to install or start)"

    def __init__(self, jobs: int | None = None) -> None:
        """`jobs`: worker processes for evaluation (default: one per core, at most 4; 1: in process)."""
        if jobs is not None and jobs < 1:
            raise InputError(f"--jobs {jobs}: give 1 or more worker processes")
        self.jobs = jobs if jobs is not None else min(os.cpu_count() or 1, MAX_DEFAULT_JOBS)

    def compile(self, policies: PolicySet) -> None:
        engine = _load(policies.policy_modules)
        engine.set_input_json(_EMPTY_INPUT)
        # regorus reports some compile errors (unsafe variables, unknown functions) only on
        # evaluation; evaluating every check once on an empty input surfaces them all now.
        for check in policies.checks:
            try:
                engine.eval_rule_as_json(check.results_rule)
            except RuntimeError as exc:
                raise PolicyError(f"{describe_rego_error(exc, check.module.path)}; fix the policy") from exc

    def evaluate(self, policies: PolicySet, data: EvaluationInput) -> dict[str, list[dict[str, Any]]]:
        batches = plan_batches(policies.checks, data, self.jobs)
        if len(batches) <= 1 or not _can_fork():
            raw = _evaluate_batch(policies.policy_modules, policies.checks, data.text(_types(policies.checks)))
        else:
            raw = _evaluate_in_processes(policies, data, batches)
        return {check.id: _parse_results(check, raw[check.id]) for check in policies.checks}

    def run_tests(self, policies: PolicySet) -> list[TestOutcome]:
        engine = _load(policies.modules)
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
