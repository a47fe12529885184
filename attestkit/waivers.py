"""Waivers: load and validate a waiver file, then mark the failing results it accepts.

A waiver accepts the failures of one check on the resources its pattern matches, until its
expiry date (inclusive, judged against the evaluation date in UTC). Rules (docs/ci.md):

- only `fail` results are ever waived: a passing result needs no waiver and an `error` result
  (unreadable evidence) is never hidden by one;
- a waived result keeps its status (`fail`) and carries the waiver (`Result.waiver`); nothing
  is ever removed from the results;
- without `control`, the waiver applies everywhere: every control's status, the `--fail-on`
  gate and the baseline comparison. With `control`, it applies to that one control's status
  only (and so to `--fail-on-framework` for that framework); everywhere else the result is an
  ordinary failure;
- several waivers may match one result: the first active one in file order is recorded;
- an expired waiver is ignored (its results count as usual) and reported as `expired`; a
  waiver in force that matches no failing result is reported as `stale`.

Every problem in the file is a `WaiverError` (exit 2) with one line naming the file, the entry
(number, check, line) and the fix; it is raised before anything is evaluated or written.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from attestkit.errors import InputError
from attestkit.mapping.catalogs import YamlDoc, _StrictSafeLoader, parse_yaml, validation_message
from attestkit.models import (
    AppliedWaiver,
    Result,
    Status,
    WaiverFile,
    WaiverOutcome,
    WaiverReport,
    WaiverState,
)

DEFAULT_WAIVERS = Path(".attest") / "waivers.yaml"
"""Read by `attest evaluate` when it exists in the current directory and --waivers is not given."""

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class WaiverError(InputError):
    """A waiver file is unreadable or invalid (exit 2)."""


class _WaiverLoader(_StrictSafeLoader):
    """The mapping files' strict loader, but a date stays text: the Waiver model parses it.

    PyYAML turns `2027-02-30` into a ValueError outside its own error types (no line), and
    `2027-03-31T10:00:00Z` into a datetime; as text both get a message with file, entry and line.
    """


_WaiverLoader.add_constructor(_TIMESTAMP_TAG, lambda loader, node: loader.construct_scalar(node))


def today_utc() -> date:
    """The evaluation date expiry is judged against."""
    return datetime.now(UTC).date()


def _parse_yaml(text: bytes, label: str) -> YamlDoc:
    return parse_yaml(text, label, error=WaiverError, loader_class=_WaiverLoader)


@dataclass(frozen=True)
class WaiverSet:
    """A validated waiver file."""

    path: Path
    sha256: str
    waivers: tuple[AppliedWaiver, ...]

    @property
    def label(self) -> str:
        return str(self.path)


def _entry_place(raw: Any, index: int) -> str:
    check = None
    if isinstance(raw, list) and 0 <= index < len(raw) and isinstance(raw[index], dict):
        check = raw[index].get("check")
    return f"waiver {index + 1}" + (f" ({check})" if isinstance(check, str) else "")


def load_waivers(path: Path, *, known_checks: Iterable[str], mappings: Any) -> WaiverSet:
    """Read, parse and validate `path` against the policy set and the mappings (a MappingSet)."""
    label = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise WaiverError(f"{label}: waiver file not found; pass an existing file to --waivers") from None
    except IsADirectoryError:
        raise WaiverError(f"{label}: is a directory; pass the waiver file (e.g. .attest/waivers.yaml)") from None
    except OSError as exc:
        raise WaiverError(f"{label}: cannot read ({exc.strerror}); fix the file's permissions") from None
    doc = _parse_yaml(data, label)
    if doc.data is None:
        parsed = WaiverFile()
        raw_entries: Any = []
    else:
        if not isinstance(doc.data, dict):
            raise WaiverError(
                f"{label}: a waiver file is a YAML mapping with a `waivers:` list; see docs/ci.md (Waivers)"
            )
        raw_entries = doc.data.get("waivers")

        def describe(loc: Sequence[int | str]) -> tuple[str, tuple[int | str, ...]] | None:
            if len(loc) >= 2 and loc[0] == "waivers" and isinstance(loc[1], int):
                return _entry_place(raw_entries, loc[1]), tuple(loc[2:])
            return None

        try:
            parsed = WaiverFile.model_validate(doc.data)
        except ValidationError as exc:
            first = exc.errors(include_url=False)[0]
            loc = tuple(first.get("loc", ()))
            if first.get("type") == "missing" and loc[-1:] == ("expires",) and len(loc) == 3:
                line = doc.line_of(loc[:2])
                raise WaiverError(
                    f"{label}: {_entry_place(raw_entries, int(loc[1]))} (line {line}): no expiry; every waiver "
                    "must end: add `expires: YYYY-MM-DD` (the last day it applies)"
                ) from None
            raise WaiverError(
                validation_message(doc, exc, schema="the waiver model (attestkit/models/waiver.py)", describe=describe)
            ) from None

    checks = set(known_checks)
    applied: list[AppliedWaiver] = []
    for i, waiver in enumerate(parsed.waivers):

        def at(*loc: int | str, i: int = i) -> str:
            line = doc.line_of(("waivers", i, *loc))
            return f"{label}: {_entry_place(raw_entries, i)}" + (f" (line {line})" if line else "")

        if waiver.check not in checks:
            close = difflib.get_close_matches(waiver.check, sorted(checks), n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            raise WaiverError(
                f"{at('check')}: no check {waiver.check!r} in the policy set; {hint}use an id from `attest policy list`"
            )
        if not waiver.resources.strip():
            raise WaiverError(f"{at('resources')}: empty resource pattern; give ids or a pattern such as arn:aws:s3:::legacy-*")
        if waiver.control is not None:
            fw, cid = waiver.control.framework, waiver.control.id
            if fw not in mappings.catalogs:
                raise WaiverError(
                    f"{at('control', 'framework')}: no framework {fw!r}; use one of {', '.join(mappings.frameworks)}"
                )
            if mappings.catalogs[fw].control(cid) is None:
                raise WaiverError(
                    f"{at('control', 'id')}: control {cid!r} is not in the {fw} catalog; "
                    f"use an id from `attest framework show {fw}`"
                )
            mapped = [c for f, c in mappings.controls_for_check(waiver.check) if f == fw]
            if cid not in mapped:
                where = f"its {fw} controls: {', '.join(mapped)}" if mapped else f"it maps to no {fw} control"
                raise WaiverError(
                    f"{at('control')}: check {waiver.check} gives no evidence for {fw} {cid} ({where}); "
                    "name a control the check maps to, or drop `control` to waive it everywhere"
                )
        applied.append(AppliedWaiver(**waiver.model_dump(), source=f"{label}#{i + 1}"))
    return WaiverSet(path=path, sha256=hashlib.sha256(data).hexdigest(), waivers=tuple(applied))


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """`*` any run of characters (`/` and `:` included), `?` one character, anything else itself.

    Not fnmatch: its `[...]` classes would make a plan address like `module.db[0].aws_db_instance.x`
    match `module.db0...` and never itself.
    """
    parts = [".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern]
    return re.compile("".join(parts), re.DOTALL)


@dataclass
class WaiverApplication:
    """The results with waived failures marked, and what each waiver did."""

    results: list[Result]
    report: WaiverReport
    control_waived: dict[tuple[str, str], dict[tuple[str, str], AppliedWaiver]] = field(default_factory=dict)
    """(framework, control id) -> (check id, resource id) -> the control-scoped waiver accepting it."""


def apply_waivers(results: Sequence[Result], waivers: WaiverSet, today: date) -> WaiverApplication:
    """Mark every failing result a waiver in force accepts; never drop, reorder or restate a result."""
    by_check: dict[str, list[tuple[int, AppliedWaiver, re.Pattern[str]]]] = defaultdict(list)
    for n, w in enumerate(waivers.waivers):
        by_check[w.check].append((n, w, compile_pattern(w.resources)))
    matched = [0] * len(waivers.waivers)
    control_waived: dict[tuple[str, str], dict[tuple[str, str], AppliedWaiver]] = defaultdict(dict)
    out: list[Result] = []
    waived = 0
    for r in results:
        candidates = by_check.get(r.check_id) if r.status is Status.FAIL else None
        if not candidates:
            out.append(r)
            continue
        chosen: AppliedWaiver | None = None
        for n, w, pattern in candidates:
            if not pattern.fullmatch(r.resource_id):
                continue
            matched[n] += 1
            if w.expires < today:
                continue
            if w.control is None:
                chosen = chosen or w
            else:
                control_waived[(w.control.framework, w.control.id)].setdefault((r.check_id, r.resource_id), w)
        if chosen is not None:
            waived += 1
            out.append(r.model_copy(update={"waiver": chosen}))
        else:
            out.append(r)
    outcomes = []
    for n, w in enumerate(waivers.waivers):
        if w.expires < today:
            state = WaiverState.EXPIRED
        elif matched[n] == 0:
            state = WaiverState.STALE
        else:
            state = WaiverState.ACTIVE
        outcomes.append(WaiverOutcome(waiver=w, state=state, matched=matched[n]))
    report = WaiverReport(
        file=waivers.label, sha256=waivers.sha256, today=today, waived_results=waived, waivers=outcomes
    )
    return WaiverApplication(results=out, report=report, control_waived=dict(control_waived))
