"""Progress on stderr for long work: rich when stderr is a terminal, silent otherwise."""

from __future__ import annotations

import sys
import threading
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


class StderrProgress:
    """A `collectors.interface.Progress` shown on stderr; use as a context manager."""

    def __init__(self, title: str, *, quiet: bool = False) -> None:
        console = Console(stderr=True)
        self.enabled = not quiet and console.is_terminal
        self._lock = threading.Lock()
        self._progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.fields[title]}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not self.enabled,
        )
        self._task = self._progress.add_task("", total=0, title=title)

    def __enter__(self) -> "StderrProgress":
        self._progress.__enter__()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.__exit__(exc_type, exc, tb)

    def add_total(self, units: int) -> None:
        with self._lock:
            task = self._progress.tasks[0]
            self._progress.update(self._task, total=(task.total or 0) + units)

    def advance(self, description: str, units: int = 1) -> None:
        with self._lock:
            self._progress.update(self._task, advance=units, description=description)


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
