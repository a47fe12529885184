"""`attest policy list|test|bundle`: the checks in force, their Rego tests, an OPA bundle of them."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from attestkit.cli.console import info, policies_option, quiet_option, stdout_console
from attestkit.cli.evaluate import engine_options, engine_options_from
from attestkit.engine.opa_bundle import write_bundle
from attestkit.engine.policy_set import load_policy_set
from attestkit.pipeline import engine_named


@click.group(
    epilog="\b\nExamples:\n  attest policy list\n  attest policy test --policies ./my-checks\n"
    "  attest policy bundle -o attestkit-bundle.tar.gz"
)
def policy() -> None:
    """List the checks, run their Rego tests, or package them as an OPA bundle."""


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
    epilog="\b\nExamples:\n  attest policy test\n  attest policy test --policies ./my-checks\n"
    "  attest policy test --engine opa --opa-url http://127.0.0.1:8181\n\n"
    "Exit codes: 0 every test passed, 1 a test failed, 2 a policy does not compile,\n"
    "3 the OPA server is unreachable or refused the policies.",
)
@policies_option
@engine_options
@click.option("--failures-only", is_flag=True, help="Print only the failing tests.")
@quiet_option
def test_policies(
    policy_dirs: tuple[Path, ...],
    engine_name: str,
    opa_url: str | None,
    opa_token: str | None,
    opa_timeout: float | None,
    failures_only: bool,
    quiet: bool,
) -> int:
    """Run every `test_` rule of every Rego test package and report each one.

    With --engine opa the tests run on an OPA server (uploaded with the policies)."""
    options = engine_options_from(engine_name, opa_url, opa_token, opa_timeout)
    policies = load_policy_set(policy_dirs)
    engine = engine_named(engine_name, **options)
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


@policy.command(
    "bundle",
    epilog="\b\nExamples:\n  attest policy bundle -o attestkit-bundle.tar.gz\n"
    "  attest policy bundle --policies ./my-checks -o bundle.tar.gz\n"
    "  opa run --server --bundle attestkit-bundle.tar.gz\n\n"
    "Exit codes: 0 written, 2 a policy does not load or compile, or -o is not writable.",
)
@policies_option
@click.option(
    "--output",
    "-o",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("attestkit-bundle.tar.gz"),
    show_default=True,
    help="The bundle file to write (.tar.gz).",
)
@quiet_option
def bundle_policies(policy_dirs: tuple[Path, ...], output: Path, quiet: bool) -> int:
    """Package the checks and libraries (tests left out) as an OPA bundle, for teams that load
    policies into OPA themselves (`opa run --server --bundle FILE`, or a bundle service).

    The manifest's revision is the policy set's SHA-256 and its roots are `attestkit` plus the
    packages of your --policies; the bundle also carries data.attestkit.meta, so `attest evaluate
    --engine opa` against an OPA serving it uploads nothing. See docs/engines.md.
    """
    policies = load_policy_set(policy_dirs)
    engine_named("regorus").compile(policies)
    written = write_bundle(policies, output)
    click.echo(str(written.path))
    info(
        f"{len(policies.policy_modules)} modules ({len(policies.checks)} checks), revision {written.revision[:12]}, "
        f"roots {', '.join(written.roots)}",
        quiet=quiet,
    )
    return 0
