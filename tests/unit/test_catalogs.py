"""Data-integrity tests over the shipped framework catalogs (mappings/catalogs/).

The expected lists below are written out literally from the sources (45 CFR 164 Subpart C
and its Appendix A, TSP section 100, the HITRUST CSF structure), not derived from the
catalog files, so a catalog that loses, gains or re-parents a control fails here.
"""

from __future__ import annotations

import re
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest
import yaml

from attestkit.mapping import load_catalogs
from attestkit.models import Catalog

REPO = Path(__file__).resolve().parents[2]

CATALOG_FILES = {
    "hipaa": "hipaa-security-rule-2013.yaml",
    "soc2": "soc2-tsc-2017.yaml",
    "hitrust": "hitrust-csf-v11.yaml",
}

# (citation, S = standard | R = required specification | A = addressable specification)
HIPAA_EXPECTED = [
    ("164.308(a)(1)", "S"), ("164.308(a)(1)(ii)(A)", "R"), ("164.308(a)(1)(ii)(B)", "R"),
    ("164.308(a)(1)(ii)(C)", "R"), ("164.308(a)(1)(ii)(D)", "R"),
    ("164.308(a)(2)", "S"),
    ("164.308(a)(3)", "S"), ("164.308(a)(3)(ii)(A)", "A"), ("164.308(a)(3)(ii)(B)", "A"), ("164.308(a)(3)(ii)(C)", "A"),
    ("164.308(a)(4)", "S"), ("164.308(a)(4)(ii)(A)", "R"), ("164.308(a)(4)(ii)(B)", "A"), ("164.308(a)(4)(ii)(C)", "A"),
    ("164.308(a)(5)", "S"), ("164.308(a)(5)(ii)(A)", "A"), ("164.308(a)(5)(ii)(B)", "A"),
    ("164.308(a)(5)(ii)(C)", "A"), ("164.308(a)(5)(ii)(D)", "A"),
    ("164.308(a)(6)", "S"), ("164.308(a)(6)(ii)", "R"),
    ("164.308(a)(7)", "S"), ("164.308(a)(7)(ii)(A)", "R"), ("164.308(a)(7)(ii)(B)", "R"), ("164.308(a)(7)(ii)(C)", "R"),
    ("164.308(a)(7)(ii)(D)", "A"), ("164.308(a)(7)(ii)(E)", "A"),
    ("164.308(a)(8)", "S"),
    ("164.308(b)(1)", "S"), ("164.308(b)(3)", "R"),
    ("164.310(a)(1)", "S"), ("164.310(a)(2)(i)", "A"), ("164.310(a)(2)(ii)", "A"), ("164.310(a)(2)(iii)", "A"),
    ("164.310(a)(2)(iv)", "A"),
    ("164.310(b)", "S"),
    ("164.310(c)", "S"),
    ("164.310(d)(1)", "S"), ("164.310(d)(2)(i)", "R"), ("164.310(d)(2)(ii)", "R"), ("164.310(d)(2)(iii)", "A"),
    ("164.310(d)(2)(iv)", "A"),
    ("164.312(a)(1)", "S"), ("164.312(a)(2)(i)", "R"), ("164.312(a)(2)(ii)", "R"), ("164.312(a)(2)(iii)", "A"),
    ("164.312(a)(2)(iv)", "A"),
    ("164.312(b)", "S"),
    ("164.312(c)(1)", "S"), ("164.312(c)(2)", "A"),
    ("164.312(d)", "S"),
    ("164.312(e)(1)", "S"), ("164.312(e)(2)(i)", "A"), ("164.312(e)(2)(ii)", "A"),
    ("164.314(a)(1)", "S"), ("164.314(a)(2)(i)", "R"), ("164.314(a)(2)(ii)", "R"), ("164.314(a)(2)(iii)", "R"),
    ("164.314(b)(1)", "S"), ("164.314(b)(2)(i)", "R"), ("164.314(b)(2)(ii)", "R"), ("164.314(b)(2)(iii)", "R"),
    ("164.314(b)(2)(iv)", "R"),
    ("164.316(a)", "S"),
    ("164.316(b)(1)", "S"), ("164.316(b)(2)(i)", "R"), ("164.316(b)(2)(ii)", "R"), ("164.316(b)(2)(iii)", "R"),
]

HIPAA_SECTIONS = {
    "164.308": ("Administrative safeguards", "Administrative"),
    "164.310": ("Physical safeguards", "Physical"),
    "164.312": ("Technical safeguards", "Technical"),
    "164.314": ("Organizational requirements", "Organizational requirements"),
    "164.316": ("Policies and procedures and documentation requirements", "Policies and Procedures and Documentation"),
}

SOC2_EXPECTED = (
    "CC1.1 CC1.2 CC1.3 CC1.4 CC1.5 CC2.1 CC2.2 CC2.3 CC3.1 CC3.2 CC3.3 CC3.4 CC4.1 CC4.2 CC5.1 CC5.2 CC5.3 "
    "CC6.1 CC6.2 CC6.3 CC6.4 CC6.5 CC6.6 CC6.7 CC6.8 CC7.1 CC7.2 CC7.3 CC7.4 CC7.5 CC8.1 CC9.1 CC9.2 "
    "A1.1 A1.2 A1.3 C1.1 C1.2 PI1.1 PI1.2 PI1.3 PI1.4 PI1.5 "
    "P1.1 P2.1 P3.1 P3.2 P4.1 P4.2 P4.3 P5.1 P5.2 P6.1 P6.2 P6.3 P6.4 P6.5 P6.6 P6.7 P7.1 P8.1"
).split()

SOC2_CATEGORIES = {
    "CC": "Security (Common Criteria)",
    "A": "Availability",
    "C": "Confidentiality",
    "PI": "Processing Integrity",
    "P": "Privacy",
}

# COSO 2013 principle of each CC1-CC5 criterion (CC2 = principles 13-15, CC3 = 6-9, CC5 = 10-12)
SOC2_COSO = {
    "CC1.1": ("Control Environment", 1), "CC1.2": ("Control Environment", 2), "CC1.3": ("Control Environment", 3),
    "CC1.4": ("Control Environment", 4), "CC1.5": ("Control Environment", 5),
    "CC2.1": ("Communication and Information", 13), "CC2.2": ("Communication and Information", 14),
    "CC2.3": ("Communication and Information", 15),
    "CC3.1": ("Risk Assessment", 6), "CC3.2": ("Risk Assessment", 7), "CC3.3": ("Risk Assessment", 8),
    "CC3.4": ("Risk Assessment", 9),
    "CC4.1": ("Monitoring Activities", 16), "CC4.2": ("Monitoring Activities", 17),
    "CC5.1": ("Control Activities", 10), "CC5.2": ("Control Activities", 11), "CC5.3": ("Control Activities", 12),
}

# objective -> the letters of its control references
HITRUST_EXPECTED = {
    "00.01": "a",
    "01.01": "a", "01.02": "b c d e", "01.03": "f g h", "01.04": "i j k l m n o", "01.05": "p q r s t u",
    "01.06": "v w", "01.07": "x y",
    "02.01": "a b", "02.02": "c", "02.03": "d e f", "02.04": "g h i",
    "03.01": "a b c d",
    "04.01": "a b",
    "05.01": "a b c d e f g h", "05.02": "i j k",
    "06.01": "a b c d e f", "06.02": "g h", "06.03": "i j",
    "07.01": "a b c", "07.02": "d e",
    "08.01": "a b c d e f", "08.02": "g h i j k l m",
    "09.01": "a b c d", "09.02": "e f g", "09.03": "h i", "09.04": "j k", "09.05": "l", "09.06": "m n",
    "09.07": "o p q r", "09.08": "s t u v w", "09.09": "x y z", "09.10": "aa ab ac ad ae af",
    "10.01": "a", "10.02": "b c d e", "10.03": "f g", "10.04": "h i j", "10.05": "k l", "10.06": "m",
    "11.01": "a b", "11.02": "c d e",
    "12.01": "a b c d e",
    "13.01": "a b c", "13.02": "d e f", "13.03": "g h", "13.04": "i j", "13.05": "k l", "13.06": "m n",
    "13.07": "o p q r s t u",
}

HITRUST_CATEGORIES = {
    "00": "Information Security Management Program",
    "01": "Access Control",
    "02": "Human Resources Security",
    "03": "Risk Management",
    "04": "Security Policy",
    "05": "Organization of Information Security",
    "06": "Compliance",
    "07": "Asset Management",
    "08": "Physical and Environmental Security",
    "09": "Communications and Operations Management",
    "10": "Information Systems Acquisition, Development, and Maintenance",
    "11": "Information Security Incident Management",
    "12": "Business Continuity Management",
    "13": "Privacy Practices",
}
HITRUST_LOW_CONFIDENCE = ["13.g", "13.h", "13.i", "13.m", "13.s"]


@pytest.fixture(scope="module")
def catalogs() -> dict[str, Catalog]:
    return load_catalogs()


def _raw(name: str) -> str:
    return (files("attestkit.mappings") / "catalogs" / name).read_text(encoding="utf-8")


# --- every catalog ----------------------------------------------------------------------------


def test_guard_catalogs_are_not_empty(catalogs):
    assert list(catalogs) == ["hipaa", "soc2", "hitrust"]
    assert all(len(c.controls) > 0 for c in catalogs.values())


def test_every_catalog_file_validates_on_its_own():
    folder = files("attestkit.mappings") / "catalogs"
    names = sorted(e.name for e in folder.iterdir() if e.name.endswith(".yaml"))
    assert names == sorted(CATALOG_FILES.values())
    for name in names:
        catalog = Catalog.model_validate(yaml.safe_load(_raw(name)))
        assert CATALOG_FILES[catalog.framework] == name


@pytest.mark.parametrize("framework", list(CATALOG_FILES))
def test_ids_unique_and_parents_resolve(catalogs, framework):
    catalog = catalogs[framework]
    ids = [c.id for c in catalog.controls] + [g.id for g in catalog.groups]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    groups = {g.id: g for g in catalog.groups}
    controls = {c.id: c for c in catalog.controls}
    for group in catalog.groups:
        assert group.parent is None or group.parent in groups, group
    for control in catalog.controls:
        assert control.parent in groups or control.parent in controls, control
        assert control.title.strip() and control.category.strip()
        assert "\n" not in control.title


@pytest.mark.parametrize("framework", list(CATALOG_FILES))
def test_header_cites_sources_and_licence(catalogs, framework):
    text = _raw(CATALOG_FILES[framework])
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    header_text = "\n".join(header)
    assert re.search(r"^# Source", header_text, re.M), header_text
    assert re.search(r"^# License", header_text, re.M), header_text
    assert "GENERATED by scripts/build_catalogs.py" in header_text
    catalog = catalogs[framework]
    assert catalog.license.strip()
    assert catalog.sources
    for source in catalog.sources:
        assert source.name.strip() and source.license.strip(), source
    assert catalog.notes


# --- HIPAA ------------------------------------------------------------------------------------


def test_hipaa_has_exactly_the_standards_and_specifications(catalogs):
    catalog = catalogs["hipaa"]
    assert [c.id for c in catalog.controls] == [cid for cid, _ in HIPAA_EXPECTED]
    for control, (cid, mark) in zip(catalog.controls, HIPAA_EXPECTED, strict=True):
        if mark == "S":
            assert (control.kind, control.requirement) == ("standard", "required"), cid
        else:
            want = "required" if mark == "R" else "addressable"
            assert (control.kind, control.requirement) == ("implementation_specification", want), cid


def test_hipaa_counts(catalogs):
    controls = catalogs["hipaa"].controls
    kinds = Counter(c.kind for c in controls)
    assert kinds == {"standard": 22, "implementation_specification": 46}
    appendix_a = [c for c in controls if c.id.startswith(("164.308", "164.310", "164.312"))]
    assert sum(c.kind == "standard" for c in appendix_a) == 18
    specs = [c for c in appendix_a if c.kind == "implementation_specification"]
    assert len(specs) == 36
    assert Counter(c.requirement for c in specs) == {"required": 14, "addressable": 22}
    # 164.314 and 164.316 specifications are all required
    rest = [c for c in controls if c.id.startswith(("164.314", "164.316")) and c.kind == "implementation_specification"]
    assert len(rest) == 10 and {c.requirement for c in rest} == {"required"}


def test_hipaa_parents_groups_and_categories(catalogs):
    catalog = catalogs["hipaa"]
    assert {g.id: g.title for g in catalog.groups} == {k: v[0] for k, v in HIPAA_SECTIONS.items()}
    assert all(g.parent is None for g in catalog.groups)
    standard = None
    for c in catalog.controls:
        section = c.id[:7]
        assert c.category == HIPAA_SECTIONS[section][1], c.id
        if c.kind == "standard":
            assert c.parent == section, c.id
            standard = c.id
        else:
            # a specification belongs to the standard listed just before it (e.g. 164.308(b)(3) -> (b)(1))
            assert c.parent == standard, c.id
        assert c.coso_component is None and c.coso_principle is None


def test_hipaa_notes_carry_the_nprm_caveat(catalogs):
    notes = " ".join(catalogs["hipaa"].notes)
    assert "NPRM" in notes and "2025" in notes


# --- SOC 2 ------------------------------------------------------------------------------------


def test_soc2_has_exactly_the_61_criteria(catalogs):
    catalog = catalogs["soc2"]
    assert [c.id for c in catalog.controls] == SOC2_EXPECTED
    assert len(SOC2_EXPECTED) == 61
    assert {c.kind for c in catalog.controls} == {"criterion"}


def test_soc2_series_categories_and_coso(catalogs):
    catalog = catalogs["soc2"]
    series = {c.id.split(".")[0] for c in catalog.controls}
    assert {g.id for g in catalog.groups} == series
    assert len(series) == 20
    assert all(g.title.strip() for g in catalog.groups)
    for c in catalog.controls:
        prefix = c.id.split(".")[0]
        assert c.parent == prefix
        assert c.category == SOC2_CATEGORIES[prefix.rstrip("0123456789")], c.id
        assert c.requirement is None
        if c.id in SOC2_COSO:
            assert (c.coso_component, c.coso_principle) == SOC2_COSO[c.id], c.id
        else:
            assert c.coso_component is None and c.coso_principle is None, c.id
    assert Counter(c.category for c in catalog.controls) == {
        "Security (Common Criteria)": 33, "Availability": 3, "Confidentiality": 2,
        "Processing Integrity": 5, "Privacy": 18,
    }


def test_soc2_titles_are_short_paraphrases(catalogs):
    # criterion text is (c) AICPA: the catalog keeps titles short (a full criterion runs to sentences)
    for c in catalogs["soc2"].controls:
        assert len(c.title) <= 100, c.id
        assert not c.title.startswith("The entity"), c.id


# --- HITRUST ----------------------------------------------------------------------------------


def test_hitrust_structure_is_156_references_49_objectives_14_categories(catalogs):
    catalog = catalogs["hitrust"]
    expected_refs = [f"{obj[:2]}.{letter}" for obj, letters in HITRUST_EXPECTED.items() for letter in letters.split()]
    assert len(expected_refs) == 156 and len(HITRUST_EXPECTED) == 49
    assert [c.id for c in catalog.controls] == expected_refs
    categories = [g for g in catalog.groups if g.parent is None]
    objectives = [g for g in catalog.groups if g.parent is not None]
    assert {g.id: g.title for g in categories} == HITRUST_CATEGORIES
    assert [g.id for g in objectives] == list(HITRUST_EXPECTED)
    for g in objectives:
        assert g.parent == g.id[:2], g.id
    parent_of = {f"{obj[:2]}.{letter}": obj for obj, letters in HITRUST_EXPECTED.items() for letter in letters.split()}
    for c in catalog.controls:
        assert c.kind == "control_reference"
        assert c.parent == parent_of[c.id], c.id
        assert c.category == HITRUST_CATEGORIES[c.id[:2]], c.id
        assert c.requirement is None and c.coso_component is None


def test_hitrust_notes_list_the_low_confidence_titles(catalogs):
    notes = " ".join(catalogs["hitrust"].notes)
    for ref in HITRUST_LOW_CONFIDENCE:
        assert ref in notes
    assert "short names" in notes


def test_hitrust_ids_are_quoted_for_yaml_1_2_readers():
    # `08` is a string to PyYAML but the integer 8 to YAML 1.2 parsers: ids must be quoted
    text = _raw(CATALOG_FILES["hitrust"])
    assert re.search(r"^- id: 0\d\b", text, re.M) is None
    assert "- id: '08'" in text
