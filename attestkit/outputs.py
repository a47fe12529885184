"""Writing an evaluation's files: results.json, the reports and their own hashed manifest.

The directory is written to a temporary name and renamed into place, so a reader never
sees a half-written evaluation; an earlier evaluation in the same place is replaced only
once the new one is complete. A directory that is not an attestkit evaluation is never
replaced.
"""

from __future__ import annotations

import json
from pathlib import Path

from attestkit import __version__
from attestkit.bundle.files import EVALUATION_DIR, MANIFEST, atomic_directory, digest, write_json_model
from attestkit.errors import InputError
from attestkit.models import EvaluationManifest, Report, ToolInfo, utc_now
from attestkit.reports.interface import ReportFormat


def default_output_dir(bundle_path: Path) -> Path:
    return bundle_path / EVALUATION_DIR


def _is_evaluation_dir(path: Path) -> bool:
    manifest = path / MANIFEST
    if not manifest.is_file():
        return False
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and "policy_set_sha256" in data and "bundle_manifest_sha256" in data


def check_output_dir(path: Path) -> None:
    """Refuse to replace anything but an empty directory or an earlier evaluation."""
    if path.exists() and not path.is_dir():
        raise InputError(f"{path}: --output must be a directory; it is a file. Choose another path")
    if path.is_dir() and any(path.iterdir()) and not _is_evaluation_dir(path):
        raise InputError(
            f"{path}: exists and is not an attestkit evaluation directory; choose a new or empty --output directory"
        )


def write_evaluation(out_dir: Path, report: Report, formats: list[ReportFormat]) -> dict[str, Path]:
    """Write every file-backed format and the evaluation manifest; return name -> final path."""
    check_output_dir(out_dir)
    written: dict[str, Path] = {}
    with atomic_directory(out_dir, replace=True) as tmp:
        digests = {}
        for fmt in formats:
            if fmt.file_name is None:
                continue
            path = tmp / fmt.file_name
            path.write_text(fmt.render(report), encoding="utf-8")
            digests[fmt.file_name] = digest(path)
            written[fmt.name] = out_dir / fmt.file_name
        manifest = EvaluationManifest(
            tool=ToolInfo(version=__version__),
            generated_at=utc_now(),
            bundle_manifest_sha256=report.bundle.manifest_sha256,
            policy_set_sha256=report.policy_set.sha256,
            mappings_sha256=report.mappings_sha256,
            files=dict(sorted(digests.items())),
        )
        write_json_model(tmp / MANIFEST, manifest)
    return written
