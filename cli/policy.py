"""`attest policy list|test`: the checks in force and their Rego tests."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from attestkit.cli.console import info, policies_option, quiet_option, stdout_console
from attestkit.engine.policy_set import load_policy_set
from attestkit.pipeline import engine_named



@click.group(epilog="\b\nExamples:\n  attest policy list\n  attest policy test --policies ./my-checks")
def policy() -> None:
    """List the checks and run their Rego tests."""


@policy.command("list", epilog="\b\nExamples:\n  attest policy list\n  attest policy list --policies ./my-checks --format json")
@policies_option
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
def list_checks(policy_dirs: tuple[Path, ...], output_format: str) -> int:
    """List every check: id, severity, resource types, title, where it came from."""
    policies = load_policy_set(policy_dirs)
    if output_format == "json":
        data = [json.loads(c.info.model_dump_json()) for c in policies.checks]
        click.echo(json.dumps(data, indent=2, sort_keys=True))
        return 0
    table = Table(title=f"{len(policies.checks)} checks", title_justify="left")
    for col in ("id", "severity", "resource types", "title", "origin"):
        table.add_column(col, overflow="fold")
    for c in policies.checks:
        table.add_row(c.id, c.info.severity.value, "\n".join(c.info.resource_types), c.info.title, c.info.origin)
    stdout_console().print(table)
    return 0


@policy.command(
    "test",
    epilog="\b\nExamples:\n  attest policy test\n  attest policy test --policies ./my-checks\n\n"
    "Exit codes: 0 every test passed, 1 a test failed, 2 a policy does not compile.",
)
@policies_option
@click.option("--engine", "engine_name", default="regorus", show_default=True, help="Rego engine plugin.")
@click.option("--failures-only", is_flag=True, help="Print only the failing tests.")
@quiet_option
def test_policies(policy_dirs: tuple[Path, ...], engine_name: str, failures_only: bool, quiet: bool) -> int:
    """Run every `test_` rule of every Rego test package and report each one."""
    policies = load_policy_set(policy_dirs)
    engine = engine_named(engine_name)
    engine.compile(policies)
    outcomes = engine.run_tests(policies)
    failed = [o for o in outcomes if not o.passed]
    for o in outcomes:
        if o.passed and failures_only:
            continue
        mark = "PASS" if o.passed else "FAIL"
        line = f"{mark} {o.package}.{o.name}"
        if not o.passed:
            line += f"  ({o.path}: {o.detail})"
        click.echo(line)
    info(
        f"{len(outcomes) - len(failed)} passed, {len(failed)} failed, in "
        f"{sum(1 for m in policies.modules if m.kind == 'test')} test module(s) for {len(policies.checks)} check(s)",
        quiet=quiet,
    )
    if not outcomes:
        info("no tests found", quiet=quiet)
        return 1
    return 1 if failed else 0
