"""Load and validate the control -> check mappings (DESIGN section 4).

Built-in mappings ship as package data (`attestkit.mappings`: `hipaa.yaml`, `soc2.yaml`,
`hitrust.yaml`). A user mapping directory holds files of the same names; a file there
REPLACES the built-in mapping of that framework as a whole (no merging: a control's
evidence must be judged from one file). Catalogs are always the built-in ones.

Everything is validated when loaded, and every problem is a `MappingError` with one line
naming the file, the place and the fix:

- YAML syntax (with its line), or a field the mapping model rejects (with its location);
- the mapping's `framework` and `catalog_version` against the file name and the catalog;
- a control id not in the catalog, a control listed twice, entries not in catalog order,
  a catalog control with no entry;
- a check id not in the policy set (`known_checks`).

Mappings run in one direction only, control -> checks; a check never names its controls.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from attestkit.errors import MappingError
from attestkit.mapping.catalogs import (
    BUILTIN_PREFIX,
    CatalogFile,
    builtin_catalog_files,
    framework_sort_key,
    package_root,
    parse_yaml,
    validation_message,
)
from attestkit.models import Catalog, FrameworkMapping, MappingEntry

log = logging.getLogger(__name__)

BUILTIN = "builtin"
MAPPING_SUFFIX = ".yaml"


@dataclass
class MappingSet:
    """The catalogs and mappings an evaluation reports against, and their combined hash."""

    catalogs: dict[str, Catalog]
    mappings: dict[str, FrameworkMapping]
    sha256: str
    """SHA-256 over every catalog and mapping file used: name and bytes, in name order."""
    sources: dict[str, str] = field(default_factory=dict)
    """Framework -> the mapping file used: `mappings/hipaa.yaml` or the user file's path."""
    _by_control: dict[tuple[str, str], MappingEntry] = field(default_factory=dict, init=False, repr=False)
    _by_check: dict[str, list[tuple[str, str]]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for framework in self.frameworks:
            for entry in self.mappings[framework].entries:
                self._by_control[(framework, entry.control)] = entry
                for link in entry.checks:
                    self._by_check.setdefault(link.check, []).append((framework, entry.control))

    @property
    def frameworks(self) -> list[str]:
        """Framework keys with a mapping, in report order: hipaa, soc2, hitrust, then any other."""
        return sorted(self.mappings, key=framework_sort_key)

    def entry(self, framework: str, control_id: str) -> MappingEntry:
        """The mapping entry of a control; KeyError for an unknown framework or control."""
        try:
            return self._by_control[(framework, control_id)]
        except KeyError:
            raise KeyError(f"{framework}: no mapping entry for control {control_id!r}") from None

    def checks_for(self, framework: str, control_id: str) -> list[str]:
        """The check ids mapped to a control (empty for a manual control), in file order."""
        return [link.check for link in self.entry(framework, control_id).checks]

    def controls_for_check(self, check_id: str) -> list[tuple[str, str]]:
        """Every (framework, control id) a check gives evidence for, in framework then catalog order."""
        return list(self._by_check.get(check_id, []))

    def mapped_checks(self, framework: str | None = None) -> set[str]:
        """Check ids mapped to at least one control (of one framework, or of any)."""
        return {
            check
            for check, controls in self._by_check.items()
            if framework is None or any(fw == framework for fw, _ in controls)
        }


@dataclass(frozen=True)
class _MappingFile:
    framework: str
    name: str
    """Name used in the hash: `<framework>.yaml`, for built-in and user files alike."""
    label: str
    data: bytes


def _builtin_mapping(framework: str) -> _MappingFile:
    name = f"{framework}{MAPPING_SUFFIX}"
    resource = package_root() / name
    label = f"{BUILTIN_PREFIX}/{name}"
    if not resource.is_file():
        raise MappingError(f"{label}: the built-in mapping of framework {framework!r} is missing; reinstall attestkit")
    return _MappingFile(framework=framework, name=name, label=label, data=resource.read_bytes())


def _user_mappings(mapping_dirs: Iterable[Path | str], frameworks: Sequence[str]) -> dict[str, _MappingFile]:
    found: dict[str, _MappingFile] = {}
    for raw in mapping_dirs:
        directory = Path(raw)
        if not directory.is_dir():
            raise MappingError(f"{directory}: mapping directory not found; pass an existing directory")
        for path in sorted(directory.iterdir()):
            if not path.is_file() or path.suffix not in (".yaml", ".yml"):
                continue
            framework = path.stem
            if framework not in frameworks:
                raise MappingError(
                    f"{path}: no framework {framework!r}; name a mapping file after its framework "
                    f"({', '.join(f + MAPPING_SUFFIX for f in frameworks)}) or move it out of the directory"
                )
            if path.suffix != MAPPING_SUFFIX:
                raise MappingError(f"{path}: mapping files end in {MAPPING_SUFFIX}; rename it to {framework}{MAPPING_SUFFIX}")
            if framework in found:
                raise MappingError(
                    f"{path}: framework {framework!r} is already mapped by {found[framework].label}; "
                    "keep one mapping file per framework across the mapping directories"
                )
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise MappingError(f"{path}: cannot read ({exc.strerror}); fix the file's permissions") from None
            found[framework] = _MappingFile(framework=framework, name=path.name, label=str(path), data=data)
            log.info("mapping for %s replaced by %s", framework, path)
    return found


def _entry_place(raw_entries: object, index: int) -> str:
    control = None
    if isinstance(raw_entries, list) and 0 <= index < len(raw_entries) and isinstance(raw_entries[index], dict):
        control = raw_entries[index].get("control")
    return f"entry {index + 1}" + (f" ({control})" if isinstance(control, str) else "")


def parse_mapping(data: bytes, label: str, catalog: Catalog, known_checks: set[str], framework: str) -> FrameworkMapping:
    """Parse one mapping file and validate it against its catalog and the known checks."""
    doc = parse_yaml(data, label)
    if doc.data is None:
        raise MappingError(
            f"{label}: the file is empty; write framework, catalog_version and entries (see mappings/{framework}.yaml)"
        )
    if not isinstance(doc.data, dict):
        raise MappingError(f"{label}: a mapping must be a YAML mapping with framework, catalog_version and entries")
    raw_entries = doc.data.get("entries")

    def describe(loc: Sequence[int | str]) -> tuple[str, tuple[int | str, ...]] | None:
        if len(loc) >= 2 and loc[0] == "entries" and isinstance(loc[1], int):
            return _entry_place(raw_entries, loc[1]), tuple(loc[2:])
        return None

    try:
        mapping = FrameworkMapping.model_validate(doc.data)
    except ValidationError as exc:
        raise MappingError(
            validation_message(doc, exc, schema="the mapping model (attestkit/models/mapping.py)", describe=describe)
        ) from None

    def at(index: int, *loc: int | str) -> str:
        line = doc.line_of(("entries", index, *loc))
        return f"{label}: {_entry_place(raw_entries, index)}" + (f" (line {line})" if line else "")

    if mapping.framework != framework:
        line = doc.line_of(("framework",))
        raise MappingError(
            f"{label}: framework (line {line}): {mapping.framework!r} in a file for {framework!r}; "
            f"set framework: {framework} or rename the file"
        )
    if mapping.catalog_version != catalog.version:
        line = doc.line_of(("catalog_version",))
        raise MappingError(
            f"{label}: catalog_version (line {line}): {mapping.catalog_version!r}, but the {framework} catalog is "
            f"version {catalog.version!r}; update the mapping to the catalog and set catalog_version: '{catalog.version}'"
        )

    position = {c.id: n for n, c in enumerate(catalog.controls)}
    seen: dict[str, int] = {}
    for i, entry in enumerate(mapping.entries):
        if entry.control not in position:
            raise MappingError(
                f"{at(i, 'control')}: control {entry.control!r} is not in the {framework} catalog "
                f"({catalog.name} {catalog.version}); fix the id (see mappings/catalogs/)"
            )
        if entry.control in seen:
            raise MappingError(
                f"{at(i, 'control')}: control {entry.control!r} is listed twice (first as entry {seen[entry.control] + 1}); "
                "merge the two entries into one"
            )
        seen[entry.control] = i
        for j, link in enumerate(entry.checks):
            if link.check not in known_checks:
                raise MappingError(
                    f"{at(i, 'checks', j, 'check')}: check {link.check!r} is not a known check; fix the id or add the check"
                )
    for i in range(1, len(mapping.entries)):
        before, this = mapping.entries[i - 1].control, mapping.entries[i].control
        if position[this] < position[before]:
            raise MappingError(
                f"{at(i, 'control')}: entries are not in catalog order ({this} comes before {before} in the catalog); "
                "sort the entries in catalog order"
            )
    missing = [c.id for c in catalog.controls if c.id not in seen]
    if missing:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise MappingError(
            f"{label}: {len(missing)} control{'s' if len(missing) > 1 else ''} of the {framework} catalog "
            f"{'have' if len(missing) > 1 else 'has'} no entry: {shown}; add an entry for each "
            "(checks with a rationale, or manual: true with evidence)"
        )
    return mapping


def _digest(files: Iterable[tuple[str, bytes]]) -> str:
    h = hashlib.sha256()
    for name, data in sorted(files):
        h.update(name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()


def load_mappings(known_checks: set[str], mapping_dirs: Sequence[Path | str] = ()) -> MappingSet:
    """The built-in catalogs and mappings, user mapping files replacing built-in ones.

    `known_checks`: the check ids of the policy set; a mapping naming any other check is an
    error. `mapping_dirs`: user directories of `<framework>.yaml` files.
    """
    catalog_files: list[CatalogFile] = builtin_catalog_files()
    catalogs = {f.catalog.framework: f.catalog for f in catalog_files}
    frameworks = list(catalogs)
    files = {fw: _builtin_mapping(fw) for fw in frameworks}
    files.update(_user_mappings(mapping_dirs, frameworks))

    mappings: dict[str, FrameworkMapping] = {}
    for framework in frameworks:
        f = files[framework]
        mappings[framework] = parse_mapping(f.data, f.label, catalogs[framework], set(known_checks), framework)

    digest = _digest([(c.name, c.data) for c in catalog_files] + [(f.name, f.data) for f in files.values()])
    return MappingSet(
        catalogs=catalogs,
        mappings=mappings,
        sha256=digest,
        sources={fw: files[fw].label for fw in frameworks},
    )
