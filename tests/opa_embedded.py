"""Real OPA embedded as a library (PyPI `opa-golib-python-bindings`), for tests only.

The wheel embeds OPA 1.x's Go `rego` package; it declares Python >= 3.14 but runs on 3.11 when
installed with `pip install --ignore-requires-python` (the Makefile's `dev` target does it).
It is a test dependency, never a runtime one: its API has no strict-compile switch, no module
removal and no bundle loading, and it is alpha.

`EmbeddedOpaEngine` implements attestkit's `Engine` interface on it the simplest faithful way
(every module loaded, the whole input, one query per check) so the conformance tests can hold
regorus and OPA to identical answers. When the binding is missing the tests fail, never skip:
conformance that silently did not run is worse than none.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any, ClassVar

import pytest

from attestkit.engine.interface import Engine, EvaluationInput, TestOutcome
from attestkit.engine.policy_set import PolicySet, RegoModule

MISSING = (
    "opa-golib-python-bindings (real OPA embedded) is not installed, and the OPA conformance tests need it: "
    "run `make dev`, or `pip install --ignore-requires-python 'opa-golib-python-bindings==0.4.*'`"
)
TEST_RULE = re.compile(r"^(test_\w+)\s", re.MULTILINE)
_PACKAGE = re.compile(r"^package\s+([A-Za-z_][\w.]*)", re.MULTILINE)
_DATA_REF = re.compile(r"\bdata(?:(\.[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)|\s*\[)")
_COMMENT = re.compile(r"#[^\n]*")
_ERROR = re.compile(
    r"(?P<file>[^\s:]+):(?P<row>\d+): (?P<code>(?:rego|eval)_\w+): (?P<message>[^\n]*)(?P<details>(?:\n\t[^\n]*)*)"
)


def opa_bindings() -> Any:
    """The `opa_bindings` module; fails the calling test with how to install it when absent."""
    try:
        import opa_bindings
    except ImportError as exc:  # pragma: no cover - exercised only where it is missing
        pytest.fail(f"{MISSING} ({exc})", pytrace=False)
    return opa_bindings


def parse_errors(message: str) -> list[dict[str, Any]]:
    """The binding's error text as OPA REST API error objects: code, message, location.

    The binding reports `file:row: code: message` and, for parse errors, the line with a caret
    under the column; the column is given only when the caret shows it.
    """
    out: list[dict[str, Any]] = []
    for m in _ERROR.finditer(message):
        location: dict[str, Any] = {"file": m["file"], "row": int(m["row"])}
        details = [line[1:] for line in m["details"].split("\n") if line]
        if len(details) >= 2 and details[-1].strip() == "^":
            location["col"] = details[-1].index("^") + 1
        out.append({"code": m["code"], "message": m["message"].strip(), "location": location})
    return out


def new_engine(modules: list[tuple[str, str]], data: dict[str, Any] | None = None, *, compile: bool = True) -> Any:
    """An embedded OPA holding `modules` (id, text) and `data`; compiled now unless `compile` is
    false (then on the first query). Raises OpaError."""
    engine = opa_bindings().OpaEngine()
    try:
        for module_id, text in modules:
            engine.add_policy(module_id, text)
        if data:
            engine.add_data(data)
        if compile:
            engine.eval_query("true")  # compiles every module now, as OPA's PUT does
    except Exception:
        engine.close()
        raise
    return engine


@lru_cache(maxsize=4096)
def package_of(text: str) -> str:
    match = _PACKAGE.search(text)
    return match.group(1) if match else ""


@lru_cache(maxsize=4096)
def data_refs(text: str) -> frozenset[str] | None:
    """The `data.` paths a module refers to (imports included); None when it refers to `data`
    through a computed key, i.e. may depend on anything."""
    refs: set[str] = set()
    for m in _DATA_REF.finditer(_COMMENT.sub("", text)):
        if not m.group(1):
            return None
        refs.add(m.group(1)[1:])
    return frozenset(refs)


def _related(a: str, b: str) -> bool:
    """Whether documents `a` and `b` (dotted paths under data) overlap: one is a prefix of the other."""
    return a == b or a.startswith(b + ".") or b.startswith(a + ".") or not a or not b


def closure(modules: dict[str, str], start: set[str]) -> set[str]:
    """`start` and every module they refer to through `data.` paths, transitively."""
    packages = {mid: package_of(text) for mid, text in modules.items()}
    done: set[str] = set()
    todo = [m for m in start if m in modules]
    while todo:
        mid = todo.pop()
        if mid in done:
            continue
        done.add(mid)
        found = data_refs(modules[mid])
        if found is None:
            return set(modules)
        refs = found | {packages[mid]}  # other modules of the same package too
        todo.extend(o for o, pkg in packages.items() if o not in done and any(_related(pkg, r) for r in refs))
    return done


def modules_for(modules: dict[str, str], document: str) -> set[str]:
    """The modules evaluating data.<document> needs: those defining it or under it, and their references."""
    return closure(modules, {mid for mid, text in modules.items() if _related(package_of(text), document)})


def dependents(modules: dict[str, str], package: str) -> set[str]:
    """Modules referring to `package` (or to everything)."""
    out = set()
    for mid, text in modules.items():
        refs = data_refs(text)
        if refs is None or any(_related(package, r) for r in refs) or package_of(text) == package:
            out.add(mid)
    return out


def ref(package: str, *rest: str) -> str:
    return "data." + ".".join([package, *rest])


class EmbeddedOpaEngine(Engine):
    """attestkit's Engine on embedded real OPA: every module loaded, the whole input at once."""

    name: ClassVar[str] = "opa-embedded"
    description: ClassVar[str] = "real OPA as a library (tests only)"

    def _engine(self, modules: list[RegoModule]) -> Any:
        return new_engine([(m.path, m.text) for m in modules])

    def compile(self, policies: PolicySet) -> None:
        self._engine(policies.policy_modules).close()

    def evaluate(self, policies: PolicySet, data: EvaluationInput) -> dict[str, list[dict[str, Any]]]:
        engine = self._engine(policies.policy_modules)
        try:
            if not policies.checks:
                return {}
            query = "; ".join(f"r{i} := {ref(c.module.package, 'results')}" for i, c in enumerate(policies.checks))
            (row,) = engine.eval_query(query, json.loads(data.json_text))
            return {c.id: row[f"r{i}"] for i, c in enumerate(policies.checks)}
        finally:
            engine.close()

    def run_tests(self, policies: PolicySet) -> list[TestOutcome]:
        """Every test package in one query over every module. Modules OPA refuses to compile are
        set aside (with every test module that refers to them, which fails with OPA's message),
        so one broken module fails its own tests, not everyone's."""
        bindings = opa_bindings()
        texts = {m.path: m.text for m in policies.modules}
        tests = [m for m in policies.modules if m.kind == "test"]
        refused: dict[str, str] = {}
        while True:
            kept = {p: t for p, t in texts.items() if p not in refused}
            runnable = [m for m in tests if m.path in kept]
            engine = new_engine(sorted(kept.items()), compile=False)
            try:
                # the first query compiles every module: a compile error names its files
                outcomes = self._outcomes(engine, runnable)
                break
            except bindings.OpaError as exc:
                files = {e["location"]["file"] for e in parse_errors(str(exc))} & set(kept)
                if not files:
                    raise
                refused.update({f: " ".join(str(exc).split()) for f in files})
            finally:
                engine.close()
        if refused:
            blocked = {m.path: next((refused[p] for p in sorted(closure(texts, {m.path})) if p in refused), None) for m in tests}
            outcomes = [o for o in outcomes if blocked[o.path] is None]
            for m in tests:
                if blocked[m.path] is not None:
                    names = dict.fromkeys(TEST_RULE.findall(m.text))
                    outcomes += [TestOutcome(m.package, n, m.path, False, blocked[m.path]) for n in names]
        return outcomes

    @staticmethod
    def _outcomes(engine: Any, tests: list[RegoModule]) -> list[TestOutcome]:
        bindings = opa_bindings()
        docs: dict[str, Any] = {}
        try:
            (row,) = engine.eval_query("; ".join(f"p{i} := {ref(m.package)}" for i, m in enumerate(tests)))
            docs = {m.package: row[f"p{i}"] for i, m in enumerate(tests)}
        except bindings.OpaError as exc:
            if parse_errors(str(exc)) and any(e["code"].startswith("rego_") for e in parse_errors(str(exc))):
                raise  # a compile error: the caller sets the modules it names aside
            for m in tests:
                try:
                    docs[m.package] = engine.eval_document(m.package)
                except bindings.OpaError:
                    docs[m.package] = None
        outcomes: list[TestOutcome] = []
        for m in tests:
            doc = docs.get(m.package)
            for name in dict.fromkeys(TEST_RULE.findall(m.text)):
                if isinstance(doc, dict) and doc.get(name) is True:
                    outcomes.append(TestOutcome(m.package, name, m.path, True))
                    continue
                try:
                    value = engine.eval_document(f"{m.package}.{name}")
                except bindings.OpaUndefinedError:
                    outcomes.append(TestOutcome(m.package, name, m.path, False, "undefined"))
                    continue
                except bindings.OpaError as exc:
                    outcomes.append(TestOutcome(m.package, name, m.path, False, " ".join(str(exc).split())))
                    continue
                passed = value is True
                outcomes.append(TestOutcome(m.package, name, m.path, passed, "" if passed else f"evaluated to {value!r}"))
        return outcomes
