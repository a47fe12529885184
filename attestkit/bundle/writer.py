"""BundleWriter: the EvidenceSink that turns a collection run into a bundle on disk.

Resources are serialised as they arrive and kept as compact JSON lines, spilled to sorted
chunk files past a threshold, and merged into `resources.jsonl.gz` sorted by id when the
run finishes; memory stays bounded by the threshold, not by the estate. The gzip stream
has no timestamp or file name, so two bundles of the same state hash the same.
"""

from __future__ import annotations

import gzip
import heapq
import json
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from attestkit import __version__
from attestkit.bundle.files import MANIFEST, RESOURCES, atomic_directory, digest, write_json_model
from attestkit.models import (
    BundleManifest,
    CollectionError,
    CollectionScope,
    CollectorInfo,
    Resource,
    ToolInfo,
    utc_now,
)

DEFAULT_SPILL_THRESHOLD = 20_000


def resource_line(resource: Resource) -> str:
    """One Resource as one canonical JSON line (sorted keys, no spaces)."""
    return json.dumps(resource.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class BundleWriter:
    """Collects resources and errors from any number of threads, then writes the bundle."""

    def __init__(
        self,
        final_path: Path,
        collector: CollectorInfo,
        *,
        spill_threshold: int = DEFAULT_SPILL_THRESHOLD,
    ) -> None:
        self.final_path = final_path
        self.collector = collector
        self.started_at = utc_now()
        self._spill_threshold = spill_threshold
        self._lock = threading.Lock()
        self._buffer: list[tuple[str, str]] = []
        self._chunks: list[Path] = []
        self._counts: Counter[str] = Counter()
        self._errors: list[CollectionError] = []
        self._cm = atomic_directory(final_path)
        self._tmp: Path | None = None

    def __enter__(self) -> "BundleWriter":
        self._tmp = self._cm.__enter__()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> bool | None:
        return self._cm.__exit__(exc_type, exc, tb)

    # EvidenceSink -----------------------------------------------------------------------
    def add(self, resource: Resource) -> None:
        if "\t" in resource.id or "\n" in resource.id:
            raise ValueError(f"resource id {resource.id!r} contains a tab or newline")
        line = resource_line(resource)
        with self._lock:
            self._buffer.append((resource.id, line))
            self._counts[resource.type] += 1
            if len(self._buffer) >= self._spill_threshold:
                self._spill()

    def error(self, error: CollectionError) -> None:
        with self._lock:
            self._errors.append(error)

    # ------------------------------------------------------------------------------------
    @property
    def resource_count(self) -> int:
        return sum(self._counts.values())

    def _spill(self) -> None:
        assert self._tmp is not None, "use BundleWriter as a context manager"
        self._buffer.sort()
        chunk = self._tmp / f".chunk-{len(self._chunks):05d}.jsonl"
        with chunk.open("w", encoding="utf-8") as f:
            for rid, line in self._buffer:
                f.write(f"{rid}\t{line}\n")
        self._chunks.append(chunk)
        self._buffer = []

    def _sorted_lines(self) -> Iterator[tuple[str, str]]:
        self._buffer.sort()
        streams = [_read_chunk(c) for c in self._chunks]
        return heapq.merge(*streams, iter(self._buffer))

    def finish(self, scope: CollectionScope) -> BundleManifest:
        """Write resources and manifest into the temporary directory (renamed on exit)."""
        assert self._tmp is not None, "use BundleWriter as a context manager"
        path = self._tmp / RESOURCES
        previous: str | None = None
        with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
            for rid, line in self._sorted_lines():
                if rid == previous:
                    raise ValueError(f"collector {self.collector.name} wrote resource id {rid!r} twice")
                previous = rid
                gz.write(line.encode("utf-8"))
                gz.write(b"\n")
        for chunk in self._chunks:
            chunk.unlink()
        errors = sorted(self._errors, key=lambda e: (e.service, e.region, e.account or "", e.api, e.code))
        manifest = BundleManifest(
            tool=ToolInfo(version=__version__),
            collector=self.collector,
            scope=scope,
            started_at=self.started_at,
            finished_at=utc_now(),
            resource_counts=dict(sorted(self._counts.items())),
            errors=errors,
            files={RESOURCES: digest(path)},
        )
        write_json_model(self._tmp / MANIFEST, manifest)
        return manifest


def _read_chunk(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as f:
        for raw in f:
            rid, line = raw.rstrip("\n").split("\t", 1)
            yield rid, line
