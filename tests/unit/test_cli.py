"""The CLI surface: help with examples everywhere, documented outputs, and the README kept true."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import click
import pytest

from attestkit import registry
from attestkit.cli.main import cli, main

ROOT = Path(__file__).resolve().parents[2]


def _commands(group: click.Group, ctx: click.Context, prefix: tuple[str, ...] = ()):
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, ctx, (*prefix, name))


ALL_COMMANDS = [path for path, _ in _commands(cli, click.Context(cli))]


def test_command_tree_is_complete() -> None:
    expected = {("collect",), ("collect", "aws"), ("verify",), ("evaluate",), ("demo",), ("policy",),
                ("policy", "list"), ("policy", "test"), ("framework",), ("framework", "list"),
                ("framework", "show"), ("permissions",)}  # fmt: skip
    assert expected <= set(ALL_COMMANDS)


@pytest.mark.parametrize("path", [()] + ALL_COMMANDS, ids=lambda p: " ".join(p) or "attest")
def test_every_command_has_help_with_an_example(path, capsys) -> None:
    assert main([*path, "--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage: attest" in out
    assert re.search(r"Examples?:\n\s+attest ", out), f"attest {' '.join(path)} --help shows no example"


def test_exit_codes_are_in_help(capsys) -> None:
    for path in ([], ["evaluate"]):
        main([*path, "--help"])
        out = capsys.readouterr().out
        for code in ("0 ", "1 ", "2 ", "3 ", "130"):
            assert re.search(rf"\n\s+{code}", out), code


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("attestkit, version ")


def test_bad_flag_is_a_usage_error(capsys) -> None:
    assert main(["evaluate", "--fail-on", "severe"]) == 2
    assert "Invalid value for '--fail-on'" in capsys.readouterr().err
    assert main(["collect", "gcp-nope"]) == 2


def test_policy_list_json(capsys) -> None:
    assert main(["policy", "list", "--format", "json"]) == 0
    checks = json.loads(capsys.readouterr().out)
    assert len(checks) >= 16 and all({"id", "severity", "resource_types"} <= set(c) for c in checks)


def test_policy_test_passes(capsys) -> None:
    assert main(["policy", "test"]) == 0
    out, err = capsys.readouterr()
    assert out.count("PASS ") >= 48 and "FAIL" not in out and " 0 failed" in err


def test_policy_test_reports_a_failing_test(tmp_path: Path, capsys) -> None:
    (tmp_path / "x_test.rego").write_text("package acme.x_test\n\ntest_pass_never if {\n\t1 == 2\n}\n")
    assert main(["policy", "test", "--policies", str(tmp_path), "--failures-only"]) == 1
    out = capsys.readouterr().out
    assert out.strip() == f"FAIL acme.x_test.test_pass_never  ({tmp_path / 'x_test.rego'}: undefined)"


def test_framework_show_json_and_unknown(capsys) -> None:
    assert main(["framework", "show", "hipaa", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["controls"]) == 68
    assert main(["framework", "show", "iso27001"]) == 2
    assert "unknown" in capsys.readouterr().err


def test_permissions_unknown_collector(capsys) -> None:
    assert main(["permissions", "nope"]) == 2
    assert "available: aws" in capsys.readouterr().err


def test_readme_iam_policy_is_generated_from_declared_permissions() -> None:
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"<!-- iam-policy:start -->\n```json\n(.*?)\n```\n<!-- iam-policy:end -->", readme, re.S)
    assert block, "README lost its IAM policy block"
    expected = registry.plugin(registry.COLLECTORS, "aws").permission_document().strip()
    assert block.group(1) == expected, "README IAM policy is stale: paste `attest permissions aws` into it"


def test_readme_quickstart_and_ci_agree() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert ".ci/run" in (ROOT / ".github" / "workflows" / "ci.yml").read_text()


def test_pyproject_lists_every_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    setuptools = project["tool"]["setuptools"]
    dirs = setuptools["package-dir"]
    found = set()
    for package, folder in dirs.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / folder)
            found.add(".".join([package, *rel.parts]) if rel.parts else package)
    assert found == set(setuptools["packages"]), "pyproject.toml [tool.setuptools] packages is out of date"
