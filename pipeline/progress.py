"""Progress of a batch run: a rich bar on a terminal, plain periodic log lines otherwise.

Example line when stderr is not a TTY (CI logs, ``nohup``):
``kehoach: 120/2000 files, 340 pages, 45.2 docs/s, 1 errors, ETA 0:00:41``
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from typing import IO, Any


class BatchProgress:
    """Counts files, pages and errors; shows them with docs/s and ETA. Use as a context manager."""

    def __init__(self, total: int, *, enabled: bool | None = None, log_every: float = 10.0, stream: IO[str] | None = None) -> None:
        self.total = total
        self.done = 0
        self.pages = 0
        self.errors = 0
        self.stream = stream or sys.stderr
        self.log_every = log_every
        self.t0 = time.monotonic()
        self._last_log = self.t0
        self.enabled = enabled is not False and total > 0
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)()) if enabled is None else bool(enabled and self.stream.isatty())
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> BatchProgress:
        if self.enabled and self.tty:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(
                TextColumn("[bold]kehoach[/bold]"),
                BarColumn(),
                TextColumn("{task.completed}/{task.total} files"),
                TextColumn("{task.fields[pages]} pages"),
                TextColumn("{task.fields[rate]:.1f} docs/s"),
                TextColumn("[red]{task.fields[errors]} errors[/red]"),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("extract", total=self.total, pages=0, rate=0.0, errors=0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif self.enabled and self.done:
            self._log()

    @property
    def rate(self) -> float:
        dt = time.monotonic() - self.t0
        return self.done / dt if dt > 0 else 0.0

    def update(self, *, pages: int = 0, error: bool = False) -> None:
        """One more file finished (``pages`` read; ``error`` when it became an error row)."""
        self.done += 1
        self.pages += pages
        self.errors += int(error)
        if self._bar is not None:
            self._bar.update(self._task, advance=1, pages=self.pages, rate=self.rate, errors=self.errors)
        elif self.enabled and time.monotonic() - self._last_log >= self.log_every:
            self._log()

    def _log(self) -> None:
        self._last_log = time.monotonic()
        rate = self.rate
        eta = timedelta(seconds=int((self.total - self.done) / rate)) if rate > 0 else "?"
        print(f"kehoach: {self.done}/{self.total} files, {self.pages} pages, {rate:.1f} docs/s, "
              f"{self.errors} errors, ETA {eta}", file=self.stream, flush=True)
