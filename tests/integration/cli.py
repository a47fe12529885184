"""Running the CLI in-process the way a user does, and reading what it wrote."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from attestkit.cli.main import main
from attestkit.demo.aws_company import REGIONS

REGION_ARGS = [arg for region in REGIONS for arg in ("--region", region)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`attest *argv`: exit code, stdout, stderr."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def results_of(bundle: Path) -> dict[str, Any]:
    return json.loads((bundle / "evaluation" / "results.json").read_text())
