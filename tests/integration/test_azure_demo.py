"""`attest demo azure`: the recorded estate served on 127.0.0.1 and collected by the real
collector through `--endpoint`, evaluated and reported; no account, credential or network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from attestkit.cli.main import main
from attestkit.demo import DEMOS
from tests.fixtures.azure.harness import (
    DEV,
    PROD,
    loopback_only_fixture,  # noqa: F401 - registers the loopback_only fixture
)

pytestmark = pytest.mark.usefixtures("loopback_only")


def test_attest_demo_azure(capsys, tmp_path: Path) -> None:
    assert DEMOS["azure"] == "attestkit.demo.azure_demo"
    code = main(["demo", "azure", "--dir", str(tmp_path), "--quiet"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "`attest evaluate` on this bundle would exit 3 (evidence incomplete" in out
    (bundle,) = (tmp_path / "azure" / "evidence").iterdir()
    assert bundle.name.startswith("azure-")
    manifest = json.loads((bundle / "manifest.json").read_text())
    assert manifest["collector"]["name"] == "azure"
    assert manifest["scope"]["accounts"] == sorted([PROD, DEV])
    assert manifest["scope"]["options"]["endpoint"][0].startswith("http://127.0.0.1:")
    assert sum(manifest["resource_counts"].values()) == 81
    report = json.loads((tmp_path / "azure" / "report" / "results.json").read_text())
    assert report["totals"]["failed"] > 0 and report["totals"]["passed"] > 0 and report["totals"]["errored"] == 3
    assert (tmp_path / "azure" / "report" / "report.md").read_text().startswith("# attestkit compliance report")
    assert main(["verify", str(bundle), "--quiet"]) == 0
