"""The policy set: built-in and user Rego modules, their checks' metadata, and its hash.

Module kinds: a *check* defines the public `results` rule and carries package-scoped
METADATA with `custom` (validated by `CheckMetadata`); a *test* lives in a `*_test.rego`
file; everything else is a *library* (rego/lib/). A check without valid METADATA, two
checks with one id, or two modules with one package are input errors (exit 2).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from attestkit.engine.metadata import MetadataSyntaxError, read_header
from attestkit.errors import PolicyError
from attestkit.models import CheckInfo, CheckMetadata

BUILTIN = "builtin"
ModuleKind = Literal["check", "library", "test"]


@dataclass(frozen=True)
class RegoModule:
    path: str
    """How errors name the file: `rego/checks/...` for built-ins, the real path for user files."""
    text: str
    package: str
    kind: ModuleKind
    origin: str


_AFTER_APPLY_HELPERS = re.compile(
    r"\binventory\.(?:known_after_apply|unknown_paths|unknown_until_apply|after_apply|with_unknown)\b"
)


@dataclass(frozen=True)
class Check:
    info: CheckInfo
    module: RegoModule

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def results_rule(self) -> str:
        return f"data.{self.module.package}.results"

    @property
    def tests_values_known_after_apply(self) -> bool:
        """The check tests for values a Terraform plan knows only after apply (it uses the
        inventory helpers for them), so its verdict on a planned resource is its own."""
        return _AFTER_APPLY_HELPERS.search(self.module.text) is not None


@dataclass
class PolicySet:
    modules: list[RegoModule]
    checks: list[Check] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    @property
    def check_ids(self) -> set[str]:
        return {c.id for c in self.checks}

    def check(self, check_id: str) -> Check:
        for c in self.checks:
            if c.id == check_id:
                return c
        raise KeyError(check_id)

    @property
    def policy_modules(self) -> list[RegoModule]:
        """Checks and libraries: what evaluation loads (tests excluded)."""
        return [m for m in self.modules if m.kind != "test"]

    @property
    def sha256(self) -> str:
        """Hash over every check and library module (path and bytes), in path order."""
        h = hashlib.sha256()
        for module in sorted(self.policy_modules, key=lambda m: m.path):
            h.update(module.path.encode() + b"\0" + module.text.encode() + b"\0")
        return h.hexdigest()


def _builtin_files() -> Iterator[tuple[str, str]]:
    root = files("attestkit.rego")

    def walk(node: Traversable, prefix: str) -> Iterator[tuple[str, str]]:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.is_dir():
                yield from walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith(".rego"):
                yield f"rego/{prefix}{child.name}", child.read_text(encoding="utf-8")

    yield from walk(root, "")


def _user_files(directory: Path) -> Iterator[tuple[str, str]]:
    if not directory.is_dir():
        raise PolicyError(f"{directory}: --policies needs a directory of .rego files; it does not exist")
    found = sorted(directory.rglob("*.rego"))
    if not found:
        raise PolicyError(f"{directory}: holds no .rego files; point --policies at your checks' folder")
    for path in found:
        try:
            yield str(path), path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise PolicyError(f"{path}: not UTF-8 text ({exc.reason}); save it as UTF-8") from exc


def _module(path: str, text: str, origin: str) -> tuple[RegoModule, CheckInfo | None]:
    header = read_header(text)
    if header.package is None:
        raise PolicyError(f"{path}:1:1: no `package` declaration; every Rego module starts with one")
    is_test = path.endswith("_test.rego")
    kind: ModuleKind = "test" if is_test else ("check" if header.defines_results else "library")
    module = RegoModule(path=path, text=text, package=header.package, kind=kind, origin=origin)
    if kind != "check":
        return module, None
    if header.metadata is None:
        raise PolicyError(
            f"{path}:{header.package_line}:1: check defines `results` but has no package-scoped `# METADATA` "
            "block above `package`; add title, description and custom: id, severity, resource_types, remediation"
        )
    try:
        meta = CheckMetadata.model_validate(header.metadata)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "METADATA"
        raise PolicyError(
            f"{path}:{header.metadata_line}:1: METADATA {where}: {first['msg']}; see docs/writing-checks.md"
        ) from exc
    info = CheckInfo(
        id=meta.custom.id,
        title=meta.title,
        description=meta.description.strip(),
        severity=meta.custom.severity,
        resource_types=meta.custom.resource_types,
        remediation=meta.custom.remediation.strip(),
        package=header.package,
        origin=origin,
        related_resources=meta.related_resources,
    )
    return module, info


def load_policy_set(policy_dirs: Iterable[Path] = (), *, include_builtin: bool = True) -> PolicySet:
    """Load the built-in policies and every `--policies` directory, validated (not yet compiled)."""
    sources: list[tuple[str, Iterator[tuple[str, str]]]] = []
    if include_builtin:
        sources.append((BUILTIN, _builtin_files()))
    for directory in policy_dirs:
        sources.append((str(directory), _user_files(Path(directory))))
    modules: list[RegoModule] = []
    checks: list[Check] = []
    packages: dict[str, str] = {}
    ids: dict[str, str] = {}
    for origin, entries in sources:
        for path, text in entries:
            try:
                module, info = _module(path, text, origin)
            except MetadataSyntaxError as exc:
                raise PolicyError(f"{path}:{exc.line}:1: {exc}; fix the comment block") from exc
            if module.package in packages and module.kind != "test":
                raise PolicyError(
                    f"{path}: package {module.package} is also declared by {packages[module.package]}; "
                    "give each check its own package"
                )
            if module.kind != "test":
                packages[module.package] = path
            modules.append(module)
            if info is not None:
                if info.id in ids:
                    raise PolicyError(
                        f"{path}: check id {info.id} is already used by {ids[info.id]}; ids are unique and never reused"
                    )
                ids[info.id] = path
                checks.append(Check(info=info, module=module))
    checks.sort(key=lambda c: c.id)
    return PolicySet(modules=modules, checks=checks, sources=[origin for origin, _ in sources])
