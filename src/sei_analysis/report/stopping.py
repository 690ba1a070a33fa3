"""Stopping a run on SIGINT or SIGTERM without raising at a random point.

Python turns SIGINT into a ``KeyboardInterrupt`` raised wherever the main thread happens to
be. While the notebooks run, that is inside ``concurrent.futures.wait``: an exception between
two of its lock acquisitions leaves a future's lock held, the worker that finishes that
notebook then blocks forever, and the process cannot exit (the flaky
``test_interrupted_run_becomes_a_failed_run[SIGINT]``). So while a run executes, both signals
only *record* the request (`Stop.requested`); the runner looks at it between short waits
and stops in order: cancel the queued notebooks, kill the running kernels, keep the run as
``.failed``.

Where the main thread does long work of its own (building the briefing pack), `Stop.raising`
lets a signal raise `KeyboardInterrupt` there at once, as before.

Outside the main thread (a run started from a worker thread) no handler can be installed;
the run then stops only on its own.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

# NOTE: the signals that mean "stop this run": Ctrl-C, and systemd/docker/Airflow stopping us.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stop:
    """The stop requests a run received; install with `installed` (a context manager)."""

    def __init__(self) -> None:
        self.requested = threading.Event()
        self.signals: list[str] = []
        self._raise = False

    @property
    def reason(self) -> str:
        """``"SIGTERM"`` (the first signal received), or ``""``."""
        return self.signals[0] if self.signals else ""

    def _handle(self, signum: int, frame) -> None:
        self.signals.append(signal.Signals(signum).name)
        self.requested.set()
        if self._raise:
            raise KeyboardInterrupt(f"signal {self.signals[-1]}")

    @contextlib.contextmanager
    def installed(self) -> Iterator[Stop]:
        """Record SIGINT and SIGTERM while the block runs; restore the previous handlers after."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = {sig: signal.signal(sig, self._handle) for sig in STOP_SIGNALS}
        try:
            yield self
        finally:
            for sig, handler in previous.items():
                if handler is not None:
                    signal.signal(sig, handler)

    @contextlib.contextmanager
    def raising(self) -> Iterator[None]:
        """Inside the block a signal raises `KeyboardInterrupt` (also one that came just before)."""
        self._raise = True
        try:
            if self.requested.is_set():
                raise KeyboardInterrupt(f"signal {self.reason}")
            yield
        finally:
            self._raise = False


def signal_name(exc: BaseException, stop: Stop | None = None) -> str:
    """The signal behind an interruption: recorded by ``stop``, named in the exception, or SIGINT."""
    if stop is not None and stop.reason:
        return stop.reason
    text = str(exc)
    return text.removeprefix("signal ") if text.startswith("signal SIG") else "SIGINT"
