"""Demo bundles for the OPA tests: every registered demo (`attestkit.demo.DEMOS`), collected once.

Each demo simulates a company locally (AWS: moto in-process) and collects it through the real
collector, so a bundle costs seconds; the conformance, engine and CLI tests share one per
provider for the whole session. Tests must not write into it: evaluate with `--output`.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import cache
from pathlib import Path

from attestkit.collectors.interface import SilentProgress
from attestkit.demo import DEMOS, demo_collector

PROVIDERS = sorted(DEMOS)


@cache
def demo_bundle(provider: str) -> Path:
    """The bundle of `provider`'s demo, collected on first use."""
    root = Path(tempfile.mkdtemp(prefix=f"attestkit-{provider}-demo-"))
    atexit.register(shutil.rmtree, root, True)
    path, _manifest = demo_collector(provider)(root / "evidence", SilentProgress())
    return path
