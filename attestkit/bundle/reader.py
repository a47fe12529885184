"""Reading and verifying evidence bundles. Nothing is read from a bundle that does not verify."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from attestkit.bundle.files import EVALUATION_DIR, MANIFEST, RESOURCES, digest, sha256_bytes
from attestkit.errors import BundleError
from attestkit.models import BundleManifest, Resource


@dataclass
class Verification:
    path: Path
    problems: list[str] = field(default_factory=list)
    manifest: BundleManifest | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_bundle(path: Path) -> Verification:
    """Check the manifest and the SHA-256 and size of every file it lists; list every problem."""
    result = Verification(path=path)
    if not path.is_dir():
        result.problems.append(f"{path}: not a bundle directory (run `attest collect` first)")
        return result
    manifest_path = path / MANIFEST
    if not manifest_path.is_file():
        result.problems.append(f"{manifest_path}: missing; this directory is not an evidence bundle")
        return result
    try:
        manifest = BundleManifest.model_validate_json(manifest_path.read_bytes())
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        result.problems.append(f"{manifest_path}: {where}: {first['msg']}; the manifest was altered or is not attestkit's")
        return result
    result.manifest = manifest
    if RESOURCES not in manifest.files:
        result.problems.append(f"{manifest_path}: lists no {RESOURCES}")
    for name, expected in sorted(manifest.files.items()):
        file = path / name
        if "/" in name or name.startswith("."):
            result.problems.append(f"{manifest_path}: file name {name!r} is not allowed")
            continue
        if not file.is_file():
            result.problems.append(f"{file}: missing (listed in the manifest)")
            continue
        actual = digest(file)
        if actual != expected:
            result.problems.append(
                f"{file}: SHA-256 {actual.sha256[:12]}... ({actual.bytes} bytes) does not match the manifest's "
                f"{expected.sha256[:12]}... ({expected.bytes} bytes); the evidence was changed after collection"
            )
    allowed = {MANIFEST, EVALUATION_DIR, *manifest.files}
    for child in sorted(path.iterdir()):
        if child.name not in allowed:
            result.problems.append(f"{child}: not part of the bundle (not in the manifest); remove it or re-collect")
    return result


class Bundle:
    """A verified bundle. Open with `Bundle.open(path)`."""

    def __init__(self, path: Path, manifest: BundleManifest) -> None:
        self.path = path
        self.manifest = manifest

    @classmethod
    def open(cls, path: Path) -> "Bundle":
        verification = verify_bundle(path)
        if not verification.ok:
            raise BundleError(f"bundle refused: {verification.problems[0]}")
        assert verification.manifest is not None
        return cls(path, verification.manifest)

    @property
    def manifest_sha256(self) -> str:
        return sha256_bytes((self.path / MANIFEST).read_bytes())

    def raw_resources(self) -> Iterator[dict[str, Any]]:
        """Each resource as a plain dict, streamed."""
        for _line, resource in self.lines():
            yield resource

    def lines(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Each resource as its canonical JSON line and that line parsed (the engine's fast path:
        the line can go to the engine as it is, the dict be dropped once read)."""
        file = self.path / RESOURCES
        with gzip.open(file, "rt", encoding="utf-8") as f:
            for number, line in enumerate(f, start=1):
                try:
                    yield line.rstrip("\n"), json.loads(line)
                except json.JSONDecodeError as exc:
                    raise BundleError(f"{file}: line {number}: not JSON ({exc.msg}); re-collect the bundle") from exc

    def resources(self) -> Iterator[Resource]:
        """Each resource validated against the Resource model."""
        file = self.path / RESOURCES
        for number, raw in enumerate(self.raw_resources(), start=1):
            try:
                yield Resource.model_validate(raw)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"])
                raise BundleError(f"{file}: line {number}: {where}: {first['msg']}; re-collect the bundle") from exc


def newest_bundle(evidence_dir: Path) -> Path:
    """The most recently finished bundle under `evidence_dir` (by the manifest's finish time)."""
    if not evidence_dir.is_dir():
        raise BundleError(
            f"{evidence_dir}: no evidence directory; run `attest collect aws` first or pass a bundle path"
        )
    candidates: list[tuple[str, str, Path]] = []
    for child in evidence_dir.iterdir():
        manifest = child / MANIFEST
        if child.name.startswith(".") or not manifest.is_file():
            continue
        try:
            finished = json.loads(manifest.read_text(encoding="utf-8")).get("finished_at", "")
        except (OSError, json.JSONDecodeError):
            finished = ""
        candidates.append((str(finished), child.name, child))
    if not candidates:
        raise BundleError(f"{evidence_dir}: holds no bundle; run `attest collect aws` first or pass a bundle path")
    return max(candidates)[2]
