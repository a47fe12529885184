"""Reading a Rego module's package and its package-scoped `# METADATA` block in Python.

regorus has no `rego.metadata.*`, so attestkit parses OPA's annotation format itself: a
comment block starting with `# METADATA`, YAML in the comments, directly above `package`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_PACKAGE = re.compile(r"^package\s+([A-Za-z_][\w.]*)\s*$", re.M)
_RESULTS_RULE = re.compile(r"^results\s+(contains\b|:=|=|\[)", re.M)


@dataclass(frozen=True)
class ModuleHeader:
    package: str | None
    package_line: int | None
    metadata: dict[str, Any] | None
    metadata_line: int | None
    defines_results: bool


class MetadataSyntaxError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


def read_header(text: str) -> ModuleHeader:
    """The module's package and its package-scoped METADATA (None when absent)."""
    lines = text.splitlines()
    match = _PACKAGE.search(text)
    package = match.group(1) if match else None
    package_line = text.count("\n", 0, match.start()) + 1 if match else None
    metadata: dict[str, Any] | None = None
    metadata_line: int | None = None
    if package_line is not None:
        # walk up from the package line over the contiguous comment block
        start = package_line - 1
        while start > 0 and lines[start - 1].lstrip().startswith("#"):
            start -= 1
        block = lines[start : package_line - 1]
        for offset, line in enumerate(block):
            if line.strip() == "# METADATA":
                metadata_line = start + offset + 1
                body = [_uncomment(raw) for raw in block[offset + 1 :]]
                metadata = _parse_yaml("\n".join(body), metadata_line)
                break
    return ModuleHeader(
        package=package,
        package_line=package_line,
        metadata=metadata,
        metadata_line=metadata_line,
        defines_results=bool(_RESULTS_RULE.search(text)),
    )


def _uncomment(line: str) -> str:
    stripped = line.lstrip()[1:]
    return stripped[1:] if stripped.startswith(" ") else stripped


def _parse_yaml(body: str, first_line: int) -> dict[str, Any]:
    try:
        data = yaml.safe_load(body) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + 1 + (mark.line if mark is not None else 0)
        problem = getattr(exc, "problem", None) or str(exc)
        raise MetadataSyntaxError(line, f"METADATA is not valid YAML: {problem}") from exc
    if not isinstance(data, dict):
        raise MetadataSyntaxError(first_line, "METADATA must be a YAML mapping")
    return data
