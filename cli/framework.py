"""`attest framework list|show`: the catalogs and which checks give evidence for each control."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from attestkit.cli.console import mappings_option, policies_option, stdout_console
from attestkit.engine.policy_set import load_policy_set
from attestkit.errors import InputError
from attestkit.mapping import MappingSet, load_mappings


@click.group(epilog="\b\nExamples:\n  attest framework list\n  attest framework show hipaa")
def framework() -> None:
    """The frameworks (HIPAA Security Rule, SOC 2, HITRUST CSF) and their controls."""


def _load(policy_dirs: tuple[Path, ...], mapping_dirs: tuple[Path, ...]) -> MappingSet:
    policies = load_policy_set(policy_dirs)
    return load_mappings(policies.check_ids, list(mapping_dirs))


@framework.command("list", epilog="\b\nExample:\n  attest framework list")
@policies_option
@mappings_option
def list_frameworks(policy_dirs: tuple[Path, ...], mapping_dirs: tuple[Path, ...]) -> int:
    """List the frameworks with their control counts: automated and manual."""
    mappings = _load(policy_dirs, mapping_dirs)
    table = Table(title="Frameworks", title_justify="left")
    for col in ("key", "framework", "version", "controls", "automated", "manual"):
        table.add_column(col, justify="right" if col in ("controls", "automated", "manual") else "left")
    for key in mappings.frameworks:
        catalog = mappings.catalogs[key]
        entries = mappings.mappings[key].entries
        automated = sum(1 for e in entries if not e.manual)
        table.add_row(key, catalog.name, catalog.version, str(len(catalog.controls)), str(automated), str(len(entries) - automated))
    stdout_console().print(table)
    return 0


@framework.command(
    "show",
    epilog="\b\nExamples:\n  attest framework show hipaa\n  attest framework show soc2 --automated-only\n"
    "  attest framework show hitrust --format json",
)
@click.argument("key")
@policies_option
@mappings_option
@click.option("--automated-only", is_flag=True, help="Only controls that checks give evidence for.")
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
def show_framework(
    key: str, policy_dirs: tuple[Path, ...], mapping_dirs: tuple[Path, ...], automated_only: bool, output_format: str
) -> int:
    """Show every control of a framework: the checks that give evidence for it, with the
    rationale, or the evidence a person must provide."""
    mappings = _load(policy_dirs, mapping_dirs)
    if key not in mappings.frameworks:
        raise InputError(f"framework {key!r} is unknown; choose from {', '.join(mappings.frameworks)}")
    catalog = mappings.catalogs[key]
    entries = {e.control: e for e in mappings.mappings[key].entries}
    rows = []
    for control in catalog.controls:
        entry = entries[control.id]
        if automated_only and entry.manual:
            continue
        rows.append((control, entry))
    if output_format == "json":
        data = [
            {
                "control": c.id,
                "title": c.title,
                "category": c.category,
                "requirement": c.requirement,
                "manual": e.manual,
                "checks": [{"check": link.check, "rationale": link.rationale} for link in e.checks],
                "evidence": e.evidence,
            }
            for c, e in rows
        ]
        click.echo(json.dumps({"framework": key, "name": catalog.name, "version": catalog.version, "controls": data}, indent=2))
        return 0
    table = Table(title=f"{catalog.name} ({catalog.version})", title_justify="left", show_lines=True)
    table.add_column("control", no_wrap=True)
    table.add_column("title", overflow="fold")
    table.add_column("evidence", overflow="fold")
    for control, entry in rows:
        title = control.title + (f" ({control.requirement})" if control.requirement else "")
        if entry.manual:
            evidence = f"[blue]manual:[/blue] {entry.evidence}"
        else:
            evidence = "\n".join(f"[bold]{link.check}[/bold]: {link.rationale}" for link in entry.checks)
            if entry.evidence:
                evidence += f"\n[blue]also manual:[/blue] {entry.evidence}"
        table.add_row(control.id, title, evidence)
    stdout_console().print(table)
    return 0
