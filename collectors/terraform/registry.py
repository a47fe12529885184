"""How each provider's translators declare themselves.

A translator turns one Terraform resource (a "parent") into one or more Drafts of a judged
type; the Terraform resources it joins onto that parent are its "children". The table
judged type -> Terraform resources is built from these declarations, so docs/terraform.md
and the collector's `resource_types` cannot drift from the code (a test compares them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from attestkit.collectors.terraform.draft import Context, Draft
from attestkit.collectors.terraform.plan import Planned

Translator = Callable[[Context, Planned], list[Draft]]


class Registry:
    def __init__(self) -> None:
        self.translators: dict[str, Translator] = {}
        self.children: set[str] = set()
        self.table: dict[str, list[str]] = defaultdict(list)
        """Judged (or context) type -> the Terraform resource types it is built from."""
        self.context: set[str] = set()

    def translator(
        self, *tf_types: str, produces: str | tuple[str, ...], children: tuple[str, ...] = (), context: bool = False
    ) -> Callable[[Translator], Translator]:
        produced = (produces,) if isinstance(produces, str) else produces

        def register(fn: Translator) -> Translator:
            for t in tf_types:
                if t in self.translators:
                    raise ValueError(f"two translators for {t}")
                self.translators[t] = fn
            self.children.update(children)
            for p in produced:
                for t in (*tf_types, *children):
                    if t not in self.table[p]:
                        self.table[p].append(t)
                if context:
                    self.context.add(p)
            return fn

        return register

    def also(self, produces: str, *tf_types: str, context: bool = False) -> None:
        """Types built by an aggregate (no single parent resource)."""
        for t in tf_types:
            self.children.add(t)
            if t not in self.table[produces]:
                self.table[produces].append(t)
        if context:
            self.context.add(produces)
