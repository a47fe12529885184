"""Loading and compiling policies: METADATA contract, clear errors with file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from attestkit.engine.metadata import read_header
from attestkit.engine.policy_set import load_policy_set
from attestkit.engine.regorus_engine import RegorusEngine
from attestkit.errors import PolicyError

GOOD_CHECK = """\
# METADATA
# title: Demo buckets are tagged
# description: Every bucket carries an owner tag.
# custom:
#   id: acme.s3.bucket_owner_tag
#   severity: low
#   resource_types: [AWS::S3::Bucket]
#   remediation: Tag the bucket with owner.
package acme.s3.bucket_owner_tag

import data.attestkit.lib.inventory
import data.attestkit.lib.result

results contains result.pass(b, "tagged", {}) if {
	some b in inventory.resources("AWS::S3::Bucket")
	b.tags.owner
}

results contains result.fail(b, "no owner tag", {}) if {
	some b in inventory.resources("AWS::S3::Bucket")
	not b.tags.owner
}
"""


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_metadata_block_is_read_from_comments() -> None:
    header = read_header(GOOD_CHECK)
    assert header.package == "acme.s3.bucket_owner_tag"
    assert header.package_line == 9
    assert header.metadata is not None and header.metadata["custom"]["severity"] == "low"
    assert header.defines_results


def test_user_checks_load_beside_builtin(tmp_path: Path) -> None:
    _write(tmp_path, "owner/policy.rego", GOOD_CHECK)
    policies = load_policy_set([tmp_path])
    assert "acme.s3.bucket_owner_tag" in policies.check_ids
    assert "aws.s3.bucket_encryption_at_rest" in policies.check_ids
    assert policies.sources == ["builtin", str(tmp_path)]
    RegorusEngine().compile(policies)


def test_policy_set_hash_changes_with_any_policy(tmp_path: Path) -> None:
    _write(tmp_path, "owner/policy.rego", GOOD_CHECK)
    before = load_policy_set([tmp_path]).sha256
    _write(tmp_path, "owner/policy.rego", GOOD_CHECK.replace("tagged", "has an owner tag"))
    assert load_policy_set([tmp_path]).sha256 != before
    assert load_policy_set().sha256 == load_policy_set().sha256


@pytest.mark.parametrize(
    "text, message",
    [
        (GOOD_CHECK.replace("#   severity: low\n", "#   severity: urgent\n"), "custom.severity"),
        (GOOD_CHECK.replace("#   severity: low\n", "#   severity: low\n#   owner: me\n"), "custom.owner"),
        (GOOD_CHECK.replace("#   id: acme.s3.bucket_owner_tag\n", "#   id: Not An Id\n"), "custom.id"),
        (GOOD_CHECK.replace("# title: Demo buckets are tagged\n", ""), "title"),
        (GOOD_CHECK.split("package ")[0].replace("# METADATA\n", "") + "package " + GOOD_CHECK.split("package ")[1], "no package-scoped"),
        (GOOD_CHECK.replace("#   resource_types: [AWS::S3::Bucket]", "#   resource_types: [AWS::S3::Bucket"), "not valid YAML"),
    ],
    ids=["bad-severity", "unknown-custom-field", "bad-id", "no-title", "no-metadata", "bad-yaml"],
)
def test_invalid_metadata_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, "owner/policy.rego", text)
    with pytest.raises(PolicyError) as err:
        load_policy_set([tmp_path])
    assert str(path) in err.value.message
    assert message in err.value.message
    assert err.value.exit_code == 2


def test_duplicate_check_id_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "a/policy.rego", GOOD_CHECK)
    _write(tmp_path, "b/policy.rego", GOOD_CHECK.replace("package acme.s3.bucket_owner_tag", "package acme.s3.other"))
    with pytest.raises(PolicyError, match="already used"):
        load_policy_set([tmp_path])


def test_duplicate_package_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, "a/policy.rego", GOOD_CHECK)
    _write(tmp_path, "b/lib.rego", "package acme.s3.bucket_owner_tag\n\nx := 1\n")
    with pytest.raises(PolicyError, match="also declared"):
        load_policy_set([tmp_path])


def test_syntax_error_names_file_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "owner/policy.rego", GOOD_CHECK.replace("b.tags.owner\n}", "b.tags.owner ==\n}", 1))
    policies = load_policy_set([tmp_path])
    with pytest.raises(PolicyError) as err:
        RegorusEngine().compile(policies)
    assert err.value.message.startswith(f"{path}:")
    line, col = err.value.message[len(str(path)) + 1 :].split(":")[:2]
    assert line.isdigit() and col.isdigit()
    assert "\n" not in err.value.message


def test_compile_error_found_before_evaluation(tmp_path: Path) -> None:
    # regorus reports unsafe variables only when a rule is evaluated; compile() evaluates
    # every check once, so the error surfaces at load time, not in the middle of a run.
    unsafe = GOOD_CHECK + '\nresults contains result.pass({"id": "x"}, unknown_var, {}) if {\n\ttrue\n}\n'
    path = _write(tmp_path, "owner/policy.rego", unsafe)
    with pytest.raises(PolicyError, match=f"^{path}:[0-9]+:[0-9]+: .*unsafe"):
        RegorusEngine().compile(load_policy_set([tmp_path]))


def test_missing_policy_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="does not exist"):
        load_policy_set([tmp_path / "nope"])
    with pytest.raises(PolicyError, match="no .rego files"):
        load_policy_set([tmp_path])
