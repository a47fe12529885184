"""File names, hashing and atomic directory writes shared by bundles and evaluations."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel

from attestkit.models import FileDigest

MANIFEST = "manifest.json"
RESOURCES = "resources.jsonl.gz"
EVALUATION_DIR = "evaluation"


def digest(path: Path) -> FileDigest:
    h = hashlib.sha256()
    size = 0
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return FileDigest(sha256=h.hexdigest(), bytes=size)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_json_model(path: Path, model: BaseModel) -> None:
    """Stable JSON: sorted keys, two-space indent, trailing newline."""
    data = json.loads(model.model_dump_json())
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


@contextmanager
def atomic_directory(final: Path, *, replace: bool = False) -> Iterator[Path]:
    """Yield a temporary directory beside `final`; rename it into place only on success.

    On any exception the temporary directory is removed, so nothing half-written is left.
    With `replace`, an existing `final` is swapped out only after the new one is complete.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.partial-", dir=final.parent))
    try:
        yield tmp
        _fsync_dir(tmp)
        if final.exists():
            if not replace:
                raise FileExistsError(f"{final} already exists")
            old = final.with_name(f".{final.name}.old-{os.getpid()}")
            os.rename(final, old)
            os.rename(tmp, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _fsync_dir(path: Path) -> None:
    for child in path.iterdir():
        if child.is_file():
            with child.open("rb") as f:
                os.fsync(f.fileno())
