"""Demos: the whole pipeline against simulated clouds, no account or network needed.

Each provider's demo is a module with `collect_demo(evidence_dir, progress) -> (bundle path,
manifest)`: it simulates a small telehealth company locally and collects it through the
real collector. `attest demo <provider>` runs one, then evaluates and reports.
"""

from __future__ import annotations

import shutil
from importlib import import_module
from pathlib import Path
from typing import Protocol

from attestkit.collectors.interface import Progress
from attestkit.models import BundleManifest

DEMOS: dict[str, str] = {
    "aws": "attestkit.demo.aws_demo",
    "azure": "attestkit.demo.azure_demo",
    "gcp": "attestkit.demo.gcp_demo",
}
"""provider -> module holding its `collect_demo` (imported only when that demo runs)."""


class CollectDemo(Protocol):
    def __call__(self, evidence_dir: Path, progress: Progress) -> tuple[Path, BundleManifest]: ...


def demo_collector(provider: str) -> CollectDemo:
    collect: CollectDemo = import_module(DEMOS[provider]).collect_demo
    return collect


def prepare_demo_dir(demo_dir: Path, provider: str) -> Path:
    """The demo's evidence directory, emptied of that provider's earlier demo bundles (the demo owns it)."""
    evidence = demo_dir / "evidence"
    if evidence.is_dir():
        for child in evidence.iterdir():
            if child.is_dir() and child.name.startswith(f"{provider}-"):
                shutil.rmtree(child)
    return evidence
