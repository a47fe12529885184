#!/usr/bin/env python3
"""Build attestkit's framework catalogs (mappings/catalogs/*.yaml) from the shared reference data.

    python scripts/build_catalogs.py [REFERENCE_DIR] [--check]

REFERENCE_DIR holds hipaa-security-rule.yaml, soc2-tsc-2017.yaml and
hitrust-csf-control-references.yaml (default: ../shared/reference next to the repository).
The generated catalogs are committed data: nothing at run or test time reads the reference
directory. `--check` writes nothing and exits 1 when a committed catalog differs from what
the reference would build (use it after the reference changes).

Every catalog is validated against `attestkit.models.Catalog` before it is written, and the
counts the reference itself declares (standards, criteria, references ...) are asserted, so
a truncated or edited reference fails here instead of shipping a short catalog.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = REPO.parent / "shared" / "reference"
OUT_DIR = REPO / "mappings" / "catalogs"

sys.path.insert(0, str(REPO))
from attestkit.models.catalog import Catalog


class BuildError(Exception):
    """The reference data is not what this script expects."""


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise BuildError(message)


def _load(path: Path) -> dict[str, Any]:
    _require(path.is_file(), f"{path}: not found (pass the reference directory as the first argument)")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    _require(isinstance(data, dict), f"{path}: expected a YAML mapping at the top level")
    return data


# ---------------------------------------------------------------------------------------------
# HIPAA Security Rule
# ---------------------------------------------------------------------------------------------

HIPAA_SECTIONS = {
    "164.308": "Administrative safeguards",
    "164.310": "Physical safeguards",
    "164.312": "Technical safeguards",
    "164.314": "Organizational requirements",
    "164.316": "Policies and procedures and documentation requirements",
}

# The reference's `safeguard_category` -> the catalog's category. The reference says
# "Organizational" for 164.314; the regulation's heading (and HHS) call that section
# "Organizational requirements", which is what users search for.
HIPAA_CATEGORIES = {
    "Administrative": "Administrative",
    "Physical": "Physical",
    "Technical": "Technical",
    "Organizational": "Organizational requirements",
    "Policies and Procedures and Documentation": "Policies and Procedures and Documentation",
}

HIPAA_SOURCE_URLS = {
    0: "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C",
}


def build_hipaa(ref: dict[str, Any], ref_name: str) -> dict[str, Any]:
    items = ref["items"]
    counts = ref["counts"]
    controls = []
    for item in items:
        section = item["section"]
        _require(section in HIPAA_SECTIONS, f"HIPAA {item['citation']}: unknown section {section!r}")
        _require(item["safeguard_category"] in HIPAA_CATEGORIES,
                 f"HIPAA {item['citation']}: unknown safeguard_category {item['safeguard_category']!r}")
        kind = item["type"]
        _require(kind in ("standard", "implementation_specification"), f"HIPAA {item['citation']}: type {kind!r}")
        if kind == "standard":
            _require(item["parent"] is None, f"HIPAA {item['citation']}: a standard with a parent")
            parent = section
        else:
            parent = item["parent"]
        requirement = item["requirement"].lower()
        _require(requirement in ("required", "addressable"), f"HIPAA {item['citation']}: requirement {requirement!r}")
        controls.append({
            "id": item["citation"],
            "title": item["title"],
            "parent": parent,
            "category": HIPAA_CATEGORIES[item["safeguard_category"]],
            "kind": kind,
            "requirement": requirement,
        })

    # the reference's own counts, asserted
    kinds = Counter(c["kind"] for c in controls)
    _require(kinds["standard"] == counts["standards_total"],
             f"HIPAA: {kinds['standard']} standards, reference says {counts['standards_total']}")
    _require(kinds["implementation_specification"] == counts["implementation_specifications_total"],
             f"HIPAA: {kinds['implementation_specification']} specifications, "
             f"reference says {counts['implementation_specifications_total']}")
    for section, n in counts["by_section"].items():
        got = Counter(c["kind"] for c, i in zip(controls, items) if i["section"] == section)
        _require(got["standard"] == n["standards"] and got["implementation_specification"] == n["implementation_specifications"],
                 f"HIPAA {section}: counts {dict(got)} differ from the reference's {n}")
    appendix_a = [c for c, i in zip(controls, items) if i["section"] in ("164.308", "164.310", "164.312")
                  and c["kind"] == "implementation_specification"]
    ra = Counter(c["requirement"] for c in appendix_a)
    _require(ra["required"] == counts["implementation_specifications_164_308_310_312_required"]
             and ra["addressable"] == counts["implementation_specifications_164_308_310_312_addressable"],
             f"HIPAA: Appendix A required/addressable counts {dict(ra)} differ from the reference")

    paraphrased = [i["citation"] for i in items if i.get("title_paraphrased")]
    own_spec = [i["citation"] for i in items if i["type"] == "standard"
                and not any(j["parent"] == i["citation"] for j in items)]
    sources = []
    for n, s in enumerate(ref["sources"]):
        name = s["name"] + (f" (used for: {s['use']})" if s.get("use") else "")
        sources.append({"name": name, "url": HIPAA_SOURCE_URLS.get(n), "license": s["license"]})
    sources.append({
        "name": f"attestkit project reference compilation shared/reference/{ref_name} (schema_version {ref['schema_version']})",
        "url": None,
        "license": "Public domain regulation text; compilation notes by the attestkit project",
    })
    notes = [
        "Text version: " + ref["text_version"],
        "requirement is lower case: 'required' or 'addressable' as marked in the regulation for implementation "
        "specifications; standards are always mandatory (164.306(c)) and are recorded as 'required'.",
        "Standards with no separate implementation specifications serve as their own specification "
        f"(Appendix A marks them (R)): {', '.join(own_spec)}.",
        "Citations of standards whose text sits in paragraph (i) omit the '(i)' (e.g. 164.308(a)(1)); other tools "
        "sometimes cite 164.308(a)(1)(i), 164.312(a) or 164.314(b)(2) instead. Aliases: "
        + "; ".join(f"{k} -> {', '.join(v) if isinstance(v, list) else v}" for k, v in ref["citation_aliases"].items())
        + ".",
        f"Titles of {', '.join(paraphrased)} are paraphrases: the regulation gives these items no heading.",
        f"Counts: {counts['standards_total']} standards and {counts['implementation_specifications_total']} implementation "
        f"specifications in 164.308-164.316; Appendix A (164.308/310/312 only) has "
        f"{counts['standards_164_308_310_312']} standards and {counts['implementation_specifications_164_308_310_312']} "
        f"specifications ({counts['implementation_specifications_164_308_310_312_required']} required, "
        f"{counts['implementation_specifications_164_308_310_312_addressable']} addressable). All 164.314 and 164.316 "
        "specifications are required.",
        "category is the safeguard category; the reference's 'Organizational' is written 'Organizational requirements' "
        "(the heading of 164.314).",
    ]
    return {
        "framework": "hipaa",
        "name": "HIPAA Security Rule (45 CFR Part 164, Subpart C)",
        "version": "2013",
        "license": "Public domain: US federal regulation (17 U.S.C. 105)",
        "sources": sources,
        "notes": notes,
        "groups": [{"id": k, "title": v, "parent": None} for k, v in HIPAA_SECTIONS.items()],
        "controls": controls,
    }


# ---------------------------------------------------------------------------------------------
# SOC 2 Trust Services Criteria
# ---------------------------------------------------------------------------------------------

SOC2_SOURCE_URLS = {
    "Azure/azure-policy": "https://github.com/Azure/azure-policy",
    "intuitem/ciso-assistant-community": "https://github.com/intuitem/ciso-assistant-community",
    "prowler-cloud/prowler": "https://github.com/prowler-cloud/prowler",
}


# Titles attestkit writes itself instead of the reference's: the reference's CC8.1 title lists
# the criterion's own verbs nearly word for word, too close to AICPA text for STYLE.md's rule.
SOC2_TITLE_OVERRIDES = {
    "CC8.1": "Manages changes to the system from authorization through implementation",
}


def build_soc2(ref: dict[str, Any], ref_name: str) -> dict[str, Any]:
    items = ref["items"]
    groups: dict[str, str] = {}
    controls = []
    for item in items:
        series, title = item["series"], item["series_title"]
        _require(groups.get(series, title) == title, f"SOC 2 {series}: two series titles")
        groups[series] = title
        is_coso = series in ("CC1", "CC2", "CC3", "CC4", "CC5")
        if is_coso:
            _require(item["coso_component"] and isinstance(item["coso_principle"], int),
                     f"SOC 2 {item['id']}: CC1-CC5 need coso_component and coso_principle")
        else:
            _require(item["coso_component"] is None and item["coso_principle"] is None,
                     f"SOC 2 {item['id']}: only CC1-CC5 carry a COSO component")
        controls.append({
            "id": item["id"],
            "title": SOC2_TITLE_OVERRIDES.get(item["id"], item["short_title"]),
            "parent": series,
            "category": item["category"],
            "kind": "criterion",
            "coso_component": item["coso_component"],
            "coso_principle": item["coso_principle"],
        })
    counts = ref["counts"]
    _require(len(controls) == counts["total"], f"SOC 2: {len(controls)} criteria, reference says {counts['total']}")
    by_series = Counter(c["parent"] for c in controls)
    _require(dict(by_series) == counts["by_series"], f"SOC 2: per-series counts {dict(by_series)} differ from the reference")
    principles = sorted(c["coso_principle"] for c in controls if c["coso_principle"] is not None)
    _require(principles == list(range(1, 18)), "SOC 2: CC1-CC5 must map one-to-one to COSO principles 1-17")

    sources = []
    for s in ref["sources"]:
        name = s["name"] + (f" (used for: {s['use']})" if s.get("use") else "")
        url = next((u for k, u in SOC2_SOURCE_URLS.items() if k in s["name"]), None)
        sources.append({"name": name, "url": url, "license": s["license"]})
    sources.append({
        "name": f"attestkit project reference compilation shared/reference/{ref_name} (schema_version {ref['schema_version']})",
        "url": None,
        "license": "Criterion IDs and structure are facts; short titles are paraphrases written for the attestkit project",
    })
    notes = [
        ref["copyright_note"],
        "Read the criterion itself in TSP section 100 before relying on a short title.",
        *(f"{k}: title written by attestkit instead of the reference's, which followed the criterion's wording "
          "too closely." for k in SOC2_TITLE_OVERRIDES),
        *ref["notes"],
        "Prowler's SOC 2 requirement 'cc_a_1_1' is named 'A1.2' in its compliance files (see the crosswalks README): "
        "read other tools' criterion ids from their names, not from the id spelling.",
    ]
    return {
        "framework": "soc2",
        "name": "AICPA Trust Services Criteria (2017, revised points of focus 2022)",
        "version": "2017",
        "license": "Criteria (c) AICPA. This catalog holds only criterion IDs, series structure and short titles "
                   "paraphrased for attestkit; no AICPA text is reproduced.",
        "sources": sources,
        "notes": notes,
        "groups": [{"id": k, "title": v, "parent": None} for k, v in groups.items()],
        "controls": controls,
    }


# ---------------------------------------------------------------------------------------------
# HITRUST CSF
# ---------------------------------------------------------------------------------------------

# The HITRUST reference names its sources by key with a free-text description and no licence
# field; these are the licences of those sources as the reference describes them. A new key
# in the reference fails the build until it is added here.
HITRUST_SOURCES = {
    "xref_v11_2_list": (None, "Unknown: unattributed public page; used only for IDs and short names (facts)"),
    "full_list_00_12": (None, "Unknown: unattributed public file; used only for IDs and short names (facts)"),
    "alertlogic_docs": ("https://github.com/richg-github/docs.github.io",
                        "Unknown: copy of Alert Logic product docs; used only for IDs and short names (facts)"),
    "fluidattacks_v9_6": ("https://db.fluidattacks.com/std/hitrust",
                          "Unknown: public web page; used only for IDs and short names (facts)"),
    "misc_markdown_docs": (None, "Unknown: unattributed public documents; used only for IDs and short names (facts)"),
    "azure_policy_hipaa_hitrust_v9_2": ("https://github.com/Azure/azure-policy", "MIT"),
    "azure_policy_hitrust_csf_v11_3": ("https://github.com/Azure/azure-policy", "MIT"),
    "steampipe_azure_hipaa_hitrust_v92": ("https://github.com/turbot/steampipe-mod-azure-compliance", "Apache-2.0"),
    "third_party_parser_docstring": (None, "Unknown: unattributed public code comment; used only for one objective name"),
}


def build_hitrust(ref: dict[str, Any], ref_name: str) -> dict[str, Any]:
    categories = ref["categories"]
    objectives = ref["objectives"]
    references = ref["control_references"]
    counts = ref["counts"]
    _require(len(categories) == counts["categories"],
             f"HITRUST: {len(categories)} categories, reference says {counts['categories']}")
    _require(len(objectives) == counts["objectives"],
             f"HITRUST: {len(objectives)} objectives, reference says {counts['objectives']}")
    _require(len(references) == counts["control_references"],
             f"HITRUST: {len(references)} references, reference says {counts['control_references']}")

    cat_title = {}
    for c in categories:
        _require(isinstance(c["id"], str), f"HITRUST category {c['id']!r}: id must be a string")
        cat_title[c["id"]] = c["title"]
    objective_of = {}
    for o in objectives:
        _require(o["category"] in cat_title, f"HITRUST objective {o['id']}: unknown category {o['category']!r}")
        _require(o["id"].split(".")[0] == o["category"], f"HITRUST objective {o['id']}: not in category {o['category']}")
        for r in o["control_references"]:
            _require(r not in objective_of, f"HITRUST {r}: listed under two objectives")
            objective_of[r] = o["id"]
    controls = []
    for r in references:
        _require(objective_of.get(r["id"]) == r["objective"],
                 f"HITRUST {r['id']}: objective {r['objective']!r} disagrees with the objectives list")
        _require(r["category"] == r["objective"].split(".")[0] == r["id"].split(".")[0],
                 f"HITRUST {r['id']}: category {r['category']!r} disagrees with its id or objective")
        controls.append({
            "id": r["id"],
            "title": r["title"],
            "parent": r["objective"],
            "category": cat_title[r["category"]],
            "kind": "control_reference",
        })
    _require(len(objective_of) == len(controls), "HITRUST: objectives list a reference that is not in control_references")

    low = [r["id"] for r in references if r["title_confidence"] == "low"]
    medium = [r["id"] for r in references if r["title_confidence"] == "medium"]
    _require(sorted(low) == sorted(ref["low_confidence_titles"]), "HITRUST: low_confidence_titles disagrees with the references")
    _require(sorted(medium) == sorted(ref["medium_confidence_titles"]),
             "HITRUST: medium_confidence_titles disagrees with the references")

    unsourced = [o["id"] for o in objectives
                 if not [t for t in o.get("title_sources", []) if t in ref["sources"]]]
    sources = []
    for key, description in ref["sources"].items():
        _require(key in HITRUST_SOURCES, f"HITRUST: source {key!r} has no licence in HITRUST_SOURCES; add it")
        url, license_ = HITRUST_SOURCES[key]
        sources.append({"name": f"{key}: {' '.join(str(description).split())}", "url": url, "license": license_})
    sources.append({
        "name": f"attestkit project reference compilation shared/reference/{ref_name} (schema_version {ref['schema_version']})",
        "url": None,
        "license": "IDs and short names only (facts); compiled for the attestkit project",
    })
    notes = [
        ref["copyright_note"],
        "Titles are short names only; verify them against a licensed copy of the CSF before relying on them.",
        *ref["version_notes"],
        f"Objective titles: {len(unsourced)} of {len(objectives)} were not found in a retrieved public source "
        f"(from knowledge of CSF v9.x): {', '.join(unsourced)}.",
        "Low-confidence titles (not found in any retrieved public source; from general knowledge of CSF v9.x): "
        + ", ".join(f"{r['id']} {r['title']}" for r in references if r["title_confidence"] == "low") + ".",
        "Medium-confidence titles (seen in exactly one retrieved public source): " + ", ".join(medium) + ".",
        "Groups: the 14 categories (ids '00'-'13') and the 49 objectives (ids like '01.02', parent = category); "
        "a control reference's parent is its objective and its category is the category's title.",
    ]
    groups = [{"id": c["id"], "title": c["title"], "parent": None} for c in categories]
    groups += [{"id": o["id"], "title": o["title"], "parent": o["category"]} for o in objectives]
    return {
        "framework": "hitrust",
        "name": "HITRUST CSF",
        "version": "11",
        "license": "HITRUST CSF (c) HITRUST Alliance. This catalog holds only control-reference, objective and "
                   "category IDs and short names; no CSF text is reproduced.",
        "sources": sources,
        "notes": notes,
        "groups": groups,
        "controls": controls,
    }


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style; strings that start with a digit are always quoted.

    PyYAML reads `08` as a string but YAML 1.2 parsers read it as the integer 8, so ids
    like HITRUST's '08' or HIPAA's '164.308' are quoted for every reader.
    """


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "'" if value[:1].isdigit() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)

TARGETS = [
    # (reference file, output file, builder, header lines)
    ("hipaa-security-rule.yaml", "hipaa-security-rule-2013.yaml", build_hipaa, [
        "HIPAA Security Rule (45 CFR 164.308-164.316): 22 standards and 46 implementation specifications.",
        "Source: 45 CFR 164.308, 164.310, 164.312, 164.314, 164.316 (eCFR/GPO), Appendix A to Subpart C;",
        "cross-checked with NIST SP 800-66 Rev. 2. Text as amended 78 FR 5694 (Jan. 25, 2013); the Jan. 2025 NPRM",
        "is NOT reflected (see notes).",
        "License: US federal regulation, public domain (17 U.S.C. 105).",
    ]),
    ("soc2-tsc-2017.yaml", "soc2-tsc-2017.yaml", build_soc2, [
        "AICPA 2017 Trust Services Criteria (revised points of focus 2022): the 61 criteria of TSP section 100.",
        "Source: AICPA TSP section 100 (IDs and structure), IDs cross-checked with Azure/azure-policy SOC_2.json (MIT).",
        "License: the criteria are (c) AICPA. Only IDs, series structure and short titles paraphrased for attestkit",
        "are stored here, never criterion text or points of focus.",
    ]),
    ("hitrust-csf-control-references.yaml", "hitrust-csf-v11.yaml", build_hitrust, [
        "HITRUST CSF v11: 14 control categories, 49 control objectives, 156 control references (IDs and short names).",
        "Source: public crosswalks and documents listed under `sources` (Azure Policy, MIT; Steampipe, Apache-2.0; ...).",
        "License: HITRUST CSF is (c) HITRUST Alliance. Only identifiers and short names are stored here, never",
        "control specifications or requirement statements. Some titles have low confidence (see notes).",
    ]),
]


def render(reference_dir: Path) -> dict[Path, str]:
    """The catalog files the reference builds: output path -> text."""
    out: dict[Path, str] = {}
    for ref_name, out_name, builder, header in TARGETS:
        data = builder(_load(reference_dir / ref_name), ref_name)
        catalog = Catalog.model_validate(data)  # refuse to write what the loader would refuse
        _require(catalog.framework == data["framework"], f"{out_name}: framework key changed in validation")
        lines = [f"# attestkit framework catalog: {out_name}", "#"]
        lines += [f"# {h}" for h in header]
        lines += [
            "#",
            f"# GENERATED by scripts/build_catalogs.py from shared/reference/{ref_name}; do not edit by hand.",
            "# Validated against attestkit.models.Catalog; control -> check links live in mappings/<framework>.yaml.",
        ]
        body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120, default_flow_style=False)
        out[OUT_DIR / out_name] = "\n".join(lines) + "\n" + body
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference_dir", nargs="?", type=Path, default=DEFAULT_REFERENCE,
                        help=f"directory with the reference YAML files (default: {DEFAULT_REFERENCE})")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a committed catalog is stale")
    args = parser.parse_args(argv)
    try:
        rendered = render(args.reference_dir)
    except (BuildError, KeyError, TypeError) as exc:
        print(f"build_catalogs: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 2
    stale = []
    for path, text in rendered.items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'}: {path.relative_to(REPO)}", file=sys.stderr)
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
