"""Framework catalogs: the controls a mapping may reference (DESIGN section 4).

The built-in catalogs ship as package data in `attestkit.mappings` (the repository's
`mappings/catalogs/` folder), generated from the shared reference data by
`scripts/build_catalogs.py`. Users replace mappings, never catalogs: a control id is only
meaningful against the catalog attestkit reports on.

Also home of the YAML and validation-error helpers the mapping loader shares, so every
problem in a catalog or mapping file reads the same way: one line naming the file, the
place and the fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

import yaml
from pydantic import ValidationError

from attestkit.errors import AttestError, MappingError
from attestkit.models import Catalog

PACKAGE = "attestkit.mappings"
CATALOG_DIR = "catalogs"
BUILTIN_PREFIX = "mappings"
"""How messages name a built-in file: `mappings/hipaa.yaml`, `mappings/catalogs/...`."""

FRAMEWORK_ORDER: tuple[str, ...] = ("hipaa", "soc2", "hitrust")
"""The order frameworks are listed and reported in; any other framework key sorts after these."""


def framework_sort_key(framework: str) -> tuple[int, str]:
    try:
        return (FRAMEWORK_ORDER.index(framework), framework)
    except ValueError:
        return (len(FRAMEWORK_ORDER), framework)


# --------------------------------------------------------------------------------------------
# YAML and error helpers (shared with attestkit.mapping.loader)
# --------------------------------------------------------------------------------------------


_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class _StrictSafeLoader(_SafeLoader):
    """`yaml.safe_load`'s loader (only plain YAML types), but a key given twice in one mapping is an error.

    PyYAML keeps the last of two equal keys without a word; in a mapping file that silently
    drops a `checks:` list or an `evidence:` text.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (list, dict)):
                continue  # unhashable: let the base class raise its own error
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping",
                    node.start_mark,
                    f"found duplicate key {key!r} (first at line {seen[key].start_mark.line + 1})",
                    key_node.start_mark,
                )
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


@dataclass(frozen=True)
class YamlDoc:
    """A parsed YAML file: its data and its node tree (for line numbers in messages)."""

    label: str
    data: Any
    node: yaml.Node | None

    def line_of(self, loc: Sequence[int | str]) -> int | None:
        """1-based line of the value at `loc` (keys and list indexes), or of its nearest parent."""
        node = self.node
        line = node.start_mark.line + 1 if node is not None else None
        for part in loc:
            child = None
            if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                child = node.value[part]
            elif isinstance(node, yaml.MappingNode):
                child = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(part)), None)
            if child is None:
                break
            node = child
            line = node.start_mark.line + 1
        return line


def parse_yaml(
    text: str | bytes,
    label: str,
    *,
    error: type[AttestError] = MappingError,
    loader_class: type[yaml.SafeLoader] | None = None,
) -> YamlDoc:
    """Parse with PyYAML's safe loader (duplicate keys rejected); errors name the line and
    are raised as `error` (a catalog or mapping file by default; waivers pass their own)."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise error(f"{label}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    try:
        loader = (loader_class or _StrictSafeLoader)(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark is not None else "somewhere"
        problem = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        if exc.problem and exc.context and exc.context_mark is not None and exc.context_mark is not mark:
            problem += f" ({' '.join(exc.context.split())} started at line {exc.context_mark.line + 1})"
        raise error(f"{label}: YAML syntax error at {where}: {problem}; fix the YAML there") from None
    except yaml.YAMLError as exc:
        raise error(f"{label}: YAML syntax error: {' '.join(str(exc).split())}; fix the YAML") from None
    return YamlDoc(label=label, data=data, node=node)


_FIXES = {
    "extra_forbidden": "remove the field or correct its name",
    "missing": "add the field",
    "string_type": "give a text value",
    "bool_type": "use true or false",
    "list_type": "give a list",
    "literal_error": "use one of the allowed values",
    "too_short": "add at least one item",
    "string_too_short": "write a longer value",
    "string_pattern_mismatch": "use the documented id format",
    "model_type": "give a mapping of fields",
    "model_attributes_type": "give a mapping of fields",
}


def _loc_text(loc: Sequence[int | str]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def validation_message(
    doc: YamlDoc,
    exc: ValidationError,
    *,
    schema: str,
    describe: Any = None,
) -> str:
    """One line for a pydantic error: file, place (with line), what, fix; further errors counted.

    `describe(loc) -> (place, rest_of_loc) | None` lets the caller name a place its own way,
    e.g. `entry 12 (164.312(a)(2)(iv))` for `entries[11]`.
    """
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = tuple(first.get("loc", ()))
    place = None
    rest: tuple[int | str, ...] = loc
    if describe is not None:
        described = describe(loc)
        if described is not None:
            place, rest = described
    field = _loc_text(rest)
    if place is None:
        place = f"field {field}" if field else "top level"
    elif field:
        place = f"{place}, field {field}"
    line = doc.line_of(loc)
    if line is not None:
        place += f" (line {line})"
    msg = str(first.get("msg", "invalid value"))
    kind = str(first.get("type"))
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    if kind == "value_error":
        # the models' own rules: their message already says what to do, prefixed by the item's id
        msg = msg.removeprefix("Value error, ")
        ident, sep, rest_msg = msg.partition(": ")
        if sep and f"({ident})" in place:
            msg = rest_msg
        return f"{doc.label}: {place}: {msg}{more}"
    fix = _FIXES.get(kind, f"correct it to match {schema}")
    return f"{doc.label}: {place}: {msg}; {fix}{more}"


# --------------------------------------------------------------------------------------------
# Catalogs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogFile:
    """A catalog and the file it came from."""

    name: str
    """Name inside the mappings package, e.g. `catalogs/hipaa-security-rule-2013.yaml`."""
    label: str
    data: bytes
    catalog: Catalog


def package_root() -> Traversable:
    return files(PACKAGE)


def parse_catalog(data: bytes, label: str) -> Catalog:
    doc = parse_yaml(data, label)
    if not isinstance(doc.data, dict):
        raise MappingError(f"{label}: a catalog must be a YAML mapping (framework, name, version, ..., controls)")
    try:
        return Catalog.model_validate(doc.data)
    except ValidationError as exc:
        def describe(loc: Sequence[int | str]) -> tuple[str, tuple[int | str, ...]] | None:
            if len(loc) >= 2 and loc[0] in ("controls", "groups") and isinstance(loc[1], int):
                items = doc.data.get(loc[0])
                item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
                ident = item.get("id") if isinstance(item, dict) else None
                kind = "control" if loc[0] == "controls" else "group"
                return (f"{kind} {loc[1] + 1}" + (f" ({ident})" if ident else ""), tuple(loc[2:]))
            return None

        raise MappingError(
            validation_message(doc, exc, schema="the catalog model (attestkit/models/catalog.py)", describe=describe)
        ) from None


def builtin_catalog_files() -> list[CatalogFile]:
    """Every built-in catalog, in framework order; one per framework key."""
    folder = package_root() / CATALOG_DIR
    found: dict[str, CatalogFile] = {}
    try:
        entries = sorted(folder.iterdir(), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        raise MappingError(
            f"{BUILTIN_PREFIX}/{CATALOG_DIR}: the built-in catalogs are missing; reinstall attestkit "
            "(or run scripts/build_catalogs.py in a source checkout)"
        ) from None
    for entry in entries:
        if not entry.name.endswith(".yaml") or not entry.is_file():
            continue
        name = f"{CATALOG_DIR}/{entry.name}"
        label = f"{BUILTIN_PREFIX}/{name}"
        data = entry.read_bytes()
        catalog = parse_catalog(data, label)
        if catalog.framework in found:
            raise MappingError(
                f"{label}: framework {catalog.framework!r} already has a catalog "
                f"({found[catalog.framework].label}); keep one catalog per framework"
            )
        found[catalog.framework] = CatalogFile(name=name, label=label, data=data, catalog=catalog)
    if not found:
        raise MappingError(f"{BUILTIN_PREFIX}/{CATALOG_DIR}: no catalog found; reinstall attestkit")
    return [found[k] for k in sorted(found, key=framework_sort_key)]


def load_catalogs() -> dict[str, Catalog]:
    """The built-in catalogs, keyed by framework key (`hipaa`, `soc2`, `hitrust`), in that order."""
    return {f.catalog.framework: f.catalog for f in builtin_catalog_files()}
