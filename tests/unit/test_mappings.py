"""Data-integrity tests over the shipped mappings, and the loader's validation errors.

Check ids come from the METADATA of the built-in Rego checks (rego/checks/**/policy.rego),
read straight from the package data, plus the literal list of the checks attestkit ships:
every one of them must be mapped in every framework.
"""

from __future__ import annotations

import copy
import re
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import pytest
import yaml

from attestkit.errors import ExitCode, MappingError
from attestkit.mapping import MappingSet, load_catalogs, load_mappings

BUILTIN_CHECKS = {
    "aws.s3.bucket_encryption_at_rest",
    "aws.s3.bucket_public_access_blocked",
    "aws.s3.account_public_access_blocked",
    "aws.s3.bucket_acl_and_policy_not_public",
    "aws.s3.bucket_versioning_enabled",
    "aws.s3.bucket_access_logging_enabled",
    "aws.ec2.ebs_volume_encrypted",
    "aws.ec2.ebs_encryption_by_default",
    "aws.ec2.security_group_no_public_admin_ports",
    "aws.iam.password_policy_strong",
    "aws.iam.console_user_mfa",
    "aws.iam.root_mfa_enabled",
    "aws.iam.root_no_access_keys",
    "aws.iam.access_keys_rotated_90_days",
    "aws.cloudtrail.multi_region_trail_logging",
    "aws.cloudtrail.trail_encrypted_with_kms",
}
FRAMEWORKS = ["hipaa", "soc2", "hitrust"]

_ID_LINE = re.compile(r"^#\s+id:\s*([A-Za-z0-9_.\-]+)\s*$")


def _policy_files(node: Traversable) -> list[Traversable]:
    found = []
    for child in node.iterdir():
        if child.is_dir():
            found += _policy_files(child)
        elif child.name == "policy.rego":
            found.append(child)
    return found


def _metadata_id(text: str) -> str | None:
    """The `id:` of the package METADATA block (the comment block opened by `# METADATA`)."""
    lines = text.splitlines()
    try:
        start = next(i for i, line in enumerate(lines) if line.strip() == "# METADATA")
    except StopIteration:
        return None
    for line in lines[start + 1:]:
        if not line.startswith("#"):
            break
        match = _ID_LINE.match(line)
        if match:
            return match.group(1)
    return None


def discovered_check_ids() -> dict[str, str]:
    """check id -> policy file, for every built-in check."""
    ids: dict[str, str] = {}
    for policy in _policy_files(files("attestkit.rego") / "checks"):
        check_id = _metadata_id(policy.read_text(encoding="utf-8"))
        assert check_id, f"{policy}: no `id:` in its METADATA"
        assert check_id not in ids, f"{check_id}: in {ids.get(check_id)} and {policy}"
        ids[check_id] = str(policy)
    return ids


@pytest.fixture(scope="module")
def known_checks() -> set[str]:
    return BUILTIN_CHECKS | set(discovered_check_ids())


@pytest.fixture(scope="module")
def mappings(known_checks) -> MappingSet:
    return load_mappings(known_checks)


def _builtin_data(framework: str) -> dict:
    return yaml.safe_load((files("attestkit.mappings") / f"{framework}.yaml").read_text(encoding="utf-8"))


def _builtin_text(framework: str) -> str:
    return (files("attestkit.mappings") / f"{framework}.yaml").read_text(encoding="utf-8")


def _write(tmp_path: Path, framework: str, data: dict | str) -> Path:
    path = tmp_path / f"{framework}.yaml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _load_error(tmp_path: Path, known: set[str]) -> str:
    with pytest.raises(MappingError) as info:
        load_mappings(known, [tmp_path])
    message = info.value.message
    assert "\n" not in message, message
    assert info.value.exit_code is ExitCode.USAGE
    return message


# --- the shipped data -------------------------------------------------------------------------


def test_guard_sets_are_not_empty(known_checks, mappings):
    discovered = discovered_check_ids()
    assert discovered, "no built-in check found under rego/checks"
    assert len(known_checks) >= len(BUILTIN_CHECKS)
    assert mappings.frameworks == FRAMEWORKS
    for framework in FRAMEWORKS:
        assert mappings.mappings[framework].entries
        assert mappings.mapped_checks(framework)


def test_discovered_check_ids_are_well_formed():
    for check_id in discovered_check_ids():
        assert re.fullmatch(r"[a-z][a-z0-9]*(\.[a-z0-9_]+){2,}", check_id), check_id


def test_builtin_mappings_load_against_the_policy_set():
    from attestkit.engine.policy_set import load_policy_set

    policies = load_policy_set()
    assert BUILTIN_CHECKS <= policies.check_ids
    assert load_mappings(policies.check_ids).frameworks == FRAMEWORKS


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_catalog_control_has_one_entry_in_catalog_order(mappings, framework):
    catalog = mappings.catalogs[framework]
    mapping = mappings.mappings[framework]
    assert [e.control for e in mapping.entries] == [c.id for c in catalog.controls]
    assert mapping.framework == catalog.framework == framework
    assert mapping.catalog_version == catalog.version


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_check_of_the_policy_set_is_mapped_in_every_framework(mappings, known_checks, framework):
    assert known_checks - mappings.mapped_checks(framework) == set()


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_every_link_has_a_one_line_rationale_and_every_manual_control_its_evidence(mappings, framework):
    for entry in mappings.mappings[framework].entries:
        if entry.manual:
            assert entry.evidence and entry.evidence.strip(), entry.control
            assert not entry.checks
        else:
            assert entry.checks, entry.control
        for link in entry.checks:
            assert link.rationale.strip(), (entry.control, link.check)
            assert "\n" not in link.rationale and len(link.rationale) <= 200, (entry.control, link.check)
        if entry.evidence is not None:
            assert "\n" not in entry.evidence, entry.control


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_mapped_ids_exist(mappings, known_checks, framework):
    catalog_ids = {c.id for c in mappings.catalogs[framework].controls}
    for entry in mappings.mappings[framework].entries:
        assert entry.control in catalog_ids
        for link in entry.checks:
            assert link.check in known_checks


def test_key_controls_are_mapped_as_expected(mappings):
    # a few links whose loss would be a real regression
    assert "aws.s3.bucket_encryption_at_rest" in mappings.checks_for("hipaa", "164.312(a)(2)(iv)")
    assert "aws.cloudtrail.multi_region_trail_logging" in mappings.checks_for("hipaa", "164.312(b)")
    assert "aws.iam.console_user_mfa" in mappings.checks_for("hipaa", "164.312(d)")
    assert mappings.entry("hipaa", "164.308(a)(1)(ii)(A)").manual
    assert "aws.ec2.security_group_no_public_admin_ports" in mappings.checks_for("soc2", "CC6.6")
    assert "aws.ec2.security_group_no_public_admin_ports" in mappings.checks_for("hitrust", "01.l")
    assert mappings.checks_for("soc2", "CC1.1") == []


def test_controls_for_check_and_checks_for_agree(mappings, known_checks):
    for check in known_checks:
        pairs = mappings.controls_for_check(check)
        assert pairs, check
        assert {fw for fw, _ in pairs} == set(FRAMEWORKS), check
        for framework, control in pairs:
            assert check in mappings.checks_for(framework, control)
    assert mappings.controls_for_check("aws.nothing.like_this") == []
    with pytest.raises(KeyError):
        mappings.checks_for("hipaa", "164.999(z)")


def test_load_catalogs_matches_the_mapping_set(mappings):
    catalogs = load_catalogs()
    assert list(catalogs) == FRAMEWORKS
    assert {k: v.version for k, v in catalogs.items()} == {k: v.version for k, v in mappings.catalogs.items()}


def test_sha256_is_stable_and_covers_user_files(mappings, known_checks, tmp_path):
    again = load_mappings(known_checks)
    assert again.sha256 == mappings.sha256
    assert re.fullmatch(r"[0-9a-f]{64}", mappings.sha256)
    # the same bytes from a user directory hash the same; other bytes do not
    _write(tmp_path, "soc2", _builtin_text("soc2"))
    assert load_mappings(known_checks, [tmp_path]).sha256 == mappings.sha256
    _write(tmp_path, "soc2", _builtin_text("soc2") + "# changed\n")
    assert load_mappings(known_checks, [tmp_path]).sha256 != mappings.sha256


def test_a_user_mapping_replaces_the_builtin_one(known_checks, tmp_path):
    data = _builtin_data("hipaa")
    for entry in data["entries"]:
        if entry["control"] == "164.312(d)":
            entry.pop("checks")
            entry["manual"] = True
            entry["evidence"] = "Our SSO MFA report"
    path = _write(tmp_path, "hipaa", data)
    mappings = load_mappings(known_checks, [tmp_path])
    assert mappings.checks_for("hipaa", "164.312(d)") == []
    assert mappings.entry("hipaa", "164.312(d)").evidence == "Our SSO MFA report"
    assert mappings.sources["hipaa"] == str(path)
    assert mappings.sources["soc2"] == "mappings/soc2.yaml"
    assert ("hipaa", "164.312(d)") not in mappings.controls_for_check("aws.iam.console_user_mfa")


def test_builtin_errors_name_the_builtin_file(known_checks):
    with pytest.raises(MappingError) as info:
        load_mappings(known_checks - {"aws.iam.root_mfa_enabled"})
    message = info.value.message
    assert message.startswith("mappings/hipaa.yaml: entry ")
    assert "check 'aws.iam.root_mfa_enabled' is not a known check; fix the id or add the check" in message


# --- one test per validation error --------------------------------------------------------------


def test_error_unknown_check(known_checks, tmp_path):
    text = _builtin_text("hipaa").replace("check: aws.iam.root_mfa_enabled", "check: aws.s3.nope", 1)
    path = _write(tmp_path, "hipaa", text)
    message = _load_error(tmp_path, known_checks)
    assert message.startswith(f"{path}: entry 51 (164.312(d)) (line ")
    assert "check 'aws.s3.nope' is not a known check; fix the id or add the check" in message


def test_error_unknown_control(known_checks, tmp_path):
    data = _builtin_data("soc2")
    data["entries"][3]["control"] = "CC1.9"
    path = _write(tmp_path, "soc2", data)
    message = _load_error(tmp_path, known_checks)
    assert message.startswith(f"{path}: entry 4 (CC1.9)")
    assert "control 'CC1.9' is not in the soc2 catalog" in message and "fix the id" in message


def test_error_control_listed_twice(known_checks, tmp_path):
    data = _builtin_data("hitrust")
    data["entries"].insert(3, copy.deepcopy(data["entries"][2]))
    path = _write(tmp_path, "hitrust", data)
    message = _load_error(tmp_path, known_checks)
    assert message.startswith(f"{path}: entry 4 (01.b)")
    assert "listed twice (first as entry 3)" in message and "merge" in message


def test_error_catalog_control_missing(known_checks, tmp_path):
    data = _builtin_data("hipaa")
    data["entries"] = [e for e in data["entries"] if e["control"] != "164.310(c)"]
    path = _write(tmp_path, "hipaa", data)
    message = _load_error(tmp_path, known_checks)
    assert message.startswith(f"{path}: 1 control of the hipaa catalog has no entry: 164.310(c)")
    assert "add an entry" in message


def test_error_entries_not_in_catalog_order(known_checks, tmp_path):
    data = _builtin_data("soc2")
    entries = data["entries"]
    entries[0], entries[1] = entries[1], entries[0]
    path = _write(tmp_path, "soc2", data)
    message = _load_error(tmp_path, known_checks)
    assert message.startswith(f"{path}: entry 2 (CC1.1)")
    assert "not in catalog order" in message and "sort the entries" in message


def test_error_bad_yaml_names_the_line(known_checks, tmp_path):
    text = "framework: hipaa\ncatalog_version: '2013'\nentries:\n- control: [unclosed\n  manual: true\n"
    path = _write(tmp_path, "hipaa", text)
    message = _load_error(tmp_path, known_checks)
    assert message.startswith(f"{path}: YAML syntax error at line ")
    assert re.search(r"line [4-6], column \d+", message), message


def test_error_duplicate_yaml_key(known_checks, tmp_path):
    text = _builtin_text("hipaa").replace("  manual: true\n", "  manual: true\n  manual: false\n", 1)
    path = _write(tmp_path, "hipaa", text)
    message = _load_error(tmp_path, known_checks)
    assert message.startswith(f"{path}: YAML syntax error at line ")
    assert "duplicate key 'manual'" in message


def test_error_extra_field(known_checks, tmp_path):
    data = _builtin_data("hitrust")
    data["entries"][1]["owner"] = "alice"
    path = _write(tmp_path, "hitrust", data)
    message = _load_error(tmp_path, known_checks)
    assert message.startswith(f"{path}: entry 2 (01.a), field owner (line ")
    assert "Extra inputs are not permitted; remove the field or correct its name" in message


def test_error_model_rule_manual_with_checks(known_checks, tmp_path):
    data = _builtin_data("hipaa")
    entry = next(e for e in data["entries"] if e["control"] == "164.312(b)")
    entry["manual"] = True
    path = _write(tmp_path, "hipaa", data)
    message = _load_error(tmp_path, known_checks)
    assert message.startswith(f"{path}: entry 48 (164.312(b)) (line ")
    assert "manual: true cannot also list checks" in message


def test_error_framework_and_catalog_version(known_checks, tmp_path):
    data = _builtin_data("soc2")
    data["framework"] = "hipaa"
    path = _write(tmp_path, "soc2", data)
    message = _load_error(tmp_path, known_checks)
    assert message.startswith(f"{path}: framework (line 1): 'hipaa' in a file for 'soc2'")
    data["framework"] = "soc2"
    data["catalog_version"] = "2022"
    _write(tmp_path, "soc2", data)
    message = _load_error(tmp_path, known_checks)
    assert message.startswith(f"{path}: catalog_version (line 2): '2022'")


def test_error_unknown_file_and_missing_directory(known_checks, tmp_path):
    (tmp_path / "pci.yaml").write_text("framework: pci\n", encoding="utf-8")
    message = _load_error(tmp_path, known_checks)
    assert message.startswith(f"{tmp_path / 'pci.yaml'}: no framework 'pci'")
    with pytest.raises(MappingError, match="mapping directory not found"):
        load_mappings(known_checks, [tmp_path / "nope"])


def test_error_same_framework_in_two_directories(known_checks, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    _write(first, "hipaa", _builtin_text("hipaa"))
    path = _write(second, "hipaa", _builtin_text("hipaa"))
    with pytest.raises(MappingError) as info:
        load_mappings(known_checks, [first, second])
    assert info.value.message.startswith(f"{path}: framework 'hipaa' is already mapped by {first / 'hipaa.yaml'}")
