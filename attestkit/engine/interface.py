"""The engine plugin axis: evaluate a policy set over an evaluation input.

All engines must give identical results on the project's policy test suite; the embedded
regorus engine is the default (nothing to install or start).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from attestkit.engine.policy_set import PolicySet


@dataclass(frozen=True)
class EvaluationInput:
    """The Rego `input` (rego/lib/inventory.rego gives its shape), kept as JSON text per part
    so an engine can send each batch of checks only the resource types it reads."""

    resources: Mapping[str, str]
    """resource type -> the JSON array text of its resources"""
    collection_errors: str = "[]"
    """JSON array text of the bundle's collection errors"""
    collected_at: str = "1970-01-01T00:00:00Z"

    def text(self, types: Iterable[str] | None = None) -> str:
        """The input as JSON text, holding only `types` (every type when None)."""
        keys = sorted(self.resources if types is None else set(types) & set(self.resources))
        resources = ",".join(f"{json.dumps(t)}:{self.resources[t]}" for t in keys)
        return (
            f'{{"resources":{{{resources}}},"collection_errors":{self.collection_errors},'
            f'"collected_at":{json.dumps(self.collected_at)}}}'
        )

    @property
    def json_text(self) -> str:
        return self.text()

    def size(self, types: Iterable[str]) -> int:
        """Bytes of resource text of `types`: the engines' cost estimate."""
        return sum(len(self.resources.get(t, "")) for t in set(types))


@dataclass(frozen=True)
class TestOutcome:
    package: str
    name: str
    path: str
    passed: bool
    detail: str = ""


class Engine(ABC):
    name: ClassVar[str]
    description: ClassVar[str]

    @abstractmethod
    def evaluate(self, policies: PolicySet, data: EvaluationInput) -> dict[str, list[dict[str, Any]]]:
        """Each check's raw `results` (check id -> list of result objects).

        Raises `PolicyError` (exit 2) for a module that does not compile and
        `EngineError` (exit 3) when evaluation itself fails.
        """

    @abstractmethod
    def compile(self, policies: PolicySet) -> None:
        """Load every module and fail with file:line:col on a syntax or compile error."""

    @abstractmethod
    def run_tests(self, policies: PolicySet) -> list[TestOutcome]:
        """Run every `test_` rule of every test module."""
