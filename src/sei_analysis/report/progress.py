"""Progress of a report run: a rich progress bar on a terminal, log lines otherwise.

Under cron or systemd (stderr is not a terminal) every event is one plain line::

    2026-11-22T01:30:00Z sei report: 02-growth-and-targets succeeded in 12.3 s
"""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime
from typing import TextIO


def utc_now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def iso(moment: datetime) -> str:
    """``2026-11-22T01:30:00Z``."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Progress:
    """Report a run's events; thread-safe. Use as a context manager.

    Parameters
    ----------
    total : int
        How many notebooks the run executes.
    stream : file, optional
        Where to write (default ``sys.stderr``).
    fancy : bool, optional
        Force (True) or forbid (False) the progress bar; default: when ``stream`` is a terminal.
    """

    def __init__(self, total: int, stream: TextIO | None = None, fancy: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.fancy = self.stream.isatty() if fancy is None else fancy
        self._lock = threading.Lock()
        self._bar = None
        self._task = None
        self._running: set[str] = set()

    def __enter__(self) -> Progress:
        if self.fancy:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("sei report"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=Console(file=self.stream),
                transient=False,
            )
            self._bar.__enter__()
            self._task = self._bar.add_task("", total=self.total)
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)
            self._bar = None

    def log(self, message: str) -> None:
        """One event: printed above the bar, or as a timestamped line."""
        with self._lock:
            if self._bar is not None:
                self._bar.console.print(f"sei report: {message}", markup=False, highlight=False)
            else:
                self.stream.write(f"{iso(utc_now())} sei report: {message}\n")
                self.stream.flush()

    def started(self, name: str) -> None:
        """A notebook started."""
        if self._bar is not None:
            with self._lock:
                self._running.add(name)
                self._bar.update(self._task, description="running " + ", ".join(sorted(self._running)))
        else:
            self.log(f"{name} started")

    def finished(self, name: str, status: str, duration: float, detail: str = "") -> None:
        """A notebook finished (succeeded, failed or skipped)."""
        suffix = f": {detail}" if detail else ""
        self.log(f"{name} {status} in {duration:.1f} s{suffix}")
        if self._bar is not None:
            with self._lock:
                self._running.discard(name)
                running = ", ".join(sorted(self._running))
                self._bar.update(self._task, advance=1, description=f"running {running}" if running else "")
