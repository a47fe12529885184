"""The engine plugin axis: evaluate a policy set over an evaluation input.

All engines must give identical results on the project's policy test suite; the embedded
regorus engine is the default (nothing to install or start).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

from attestkit.engine.policy_set import PolicySet


@dataclass(frozen=True)
class EvaluationInput:
    """The Rego `input`, serialised once: see rego/lib/inventory.rego for its shape."""

    json_text: str


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
