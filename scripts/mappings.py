"""Maintain mappings/<framework>.yaml: canonical formatting, and merging new check links.

    python scripts/mappings.py format                # rewrite every mapping file canonically
    python scripts/mappings.py merge FRAGMENT.yaml   # add check links, then format

A fragment lists new checks with the controls they give evidence for:

    - check: gcp.storage.bucket_not_public
      links:
        hipaa:   [{control: "164.312(a)(1)", rationale: "One line in attestkit's own words."}]
        soc2:    [{control: CC6.1, rationale: "..."}]
        hitrust: [{control: 01.c, rationale: "..."}]

Merging turns a manual control into an automated one; its `evidence` (what a person must
provide) is kept as the part a person must still show. The header comment of each file is
kept; every entry is written in catalog order with the control's title as a comment. The
result is validated by the same loader attestkit uses (tests/unit/test_mappings.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from attestkit.mapping import load_catalogs  # noqa: E402
from attestkit.models import CheckLink, FrameworkMapping  # noqa: E402

MAPPINGS = REPO / "mappings"


def _scalar(value: str) -> str:
    text = yaml.safe_dump(value, default_flow_style=True, width=10**9, allow_unicode=True).strip()
    return text.removesuffix("\n...").removesuffix("...").strip()


def _control_id(value: str) -> str:
    """Ids starting with a digit are quoted: YAML 1.2 parsers would read 08.a or 164.308 oddly."""
    return f"'{value}'" if value[:1].isdigit() else _scalar(value)


def render(header: str, mapping: FrameworkMapping, titles: dict[str, str]) -> str:
    out = [header.rstrip("\n"), f"framework: {mapping.framework}", f"catalog_version: {_scalar(mapping.catalog_version)}", "entries:"]
    for e in mapping.entries:
        out.append(f"- control: {_control_id(e.control)}  # {titles[e.control]}")
        if e.manual:
            out.append("  manual: true")
        else:
            out.append("  checks:")
            for link in e.checks:
                out.append(f"  - check: {link.check}")
                out.append(f"    rationale: {_scalar(link.rationale)}")
        if e.evidence:
            out.append(f"  evidence: {_scalar(e.evidence)}")
    return "\n".join(out) + "\n"


def _split(path: Path) -> tuple[str, FrameworkMapping]:
    text = path.read_text(encoding="utf-8")
    header = text[: text.index("\nframework:") + 1]
    return header, FrameworkMapping.model_validate(yaml.safe_load(text))


def _write(framework: str, header: str, mapping: FrameworkMapping) -> None:
    catalog = load_catalogs()[framework]
    order = {c.id: i for i, c in enumerate(catalog.controls)}
    mapping.entries.sort(key=lambda e: order[e.control])
    titles = {c.id: c.title for c in catalog.controls}
    (MAPPINGS / f"{framework}.yaml").write_text(render(header, mapping, titles), encoding="utf-8")


def format_all() -> None:
    for path in sorted(MAPPINGS.glob("*.yaml")):
        header, mapping = _split(path)
        _write(mapping.framework, header, mapping)


def merge(fragment: Path) -> None:
    items: list[dict[str, Any]] = yaml.safe_load(fragment.read_text(encoding="utf-8")) or []
    files = {p.stem: _split(p) for p in sorted(MAPPINGS.glob("*.yaml"))}
    for item in items:
        for framework, links in item["links"].items():
            _, mapping = files[framework]
            for link in links:
                entry = next((e for e in mapping.entries if e.control == str(link["control"])), None)
                if entry is None:
                    raise SystemExit(f"{fragment}: {item['check']}: {framework} has no control {link['control']!r}")
                if any(c.check == item["check"] for c in entry.checks):
                    continue
                entry.manual = False
                entry.checks.append(CheckLink(check=item["check"], rationale=link["rationale"]))
    for framework, (header, mapping) in files.items():
        _write(framework, header, FrameworkMapping.model_validate(mapping.model_dump()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("format")
    m = sub.add_parser("merge")
    m.add_argument("fragments", nargs="+", type=Path)
    args = parser.parse_args()
    if args.command == "format":
        format_all()
    else:
        for fragment in args.fragments:
            merge(fragment)


if __name__ == "__main__":
    main()
