"""Throttle a redraw: run it at most once per interval, always with the latest request, never a stale one.

Why it is enough: a slider's front end (ipywidgets) sends a new value only when the kernel
has answered the previous one, merging the moves made meanwhile, so the kernel never holds a
queue of old slider positions. What remains is the work one request sets off. The explorer
redraws the fan at once (its one plotly redraw is the figure the user watches) and throttles
the rest (the sensitivity grid, a second plotly redraw) with :class:`Throttle`: while the user
keeps dragging, the grid is redrawn at most every ``interval`` seconds, and once more for the
last position; the positions in between are dropped, never queued.

The timer is the kernel's asyncio event loop (``loop.call_later``). Outside a running loop
(a plain script, a test) the call runs at once, which is the same result without the wait.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

Scheduler = Callable[[float, Callable[[], None]], Any]


def loop_scheduler(delay: float, fn: Callable[[], None]) -> Any:
    """Run ``fn`` after ``delay`` seconds on the running event loop, or now if there is none."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is None:
        fn()
        return None
    return loop.call_later(delay, fn)


class Throttle:
    """Call ``fn(*args)`` at most once per ``interval`` seconds, with the newest arguments.

    The first request after a quiet spell runs at once (leading edge); requests within the
    interval replace each other, and the newest runs when the interval is over (trailing
    edge). ``flush()`` runs a pending request now; ``cancel()`` drops it.

    Examples
    --------
    >>> calls, timers = [], []
    >>> t = Throttle(calls.append, 0.3, clock=lambda: 0.0, schedule=lambda d, f: timers.append(f))
    >>> t(1); t(2); t(3)
    >>> calls, len(timers)
    ([1], 1)
    >>> timers[0](); calls
    [1, 3]
    """

    def __init__(
        self,
        fn: Callable[..., Any],
        interval: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        schedule: Scheduler = loop_scheduler,
    ):
        self.fn, self.interval = fn, float(interval)
        self._clock, self._schedule = clock, schedule
        self._pending: tuple[Any, ...] | None = None
        self._timer: Any = None
        self._last = -float("inf")
        self.calls = 0  # how many times fn ran
        self.dropped = 0  # requests replaced by a newer one before they ran

    def __call__(self, *args: Any) -> None:
        if self._pending is not None:
            self.dropped += 1
        self._pending = args
        if self._timer is not None:
            return  # NOTE: a run is already booked; it will take these newest arguments.
        wait = self._last + self.interval - self._clock()
        if wait <= 0:
            self._run()
        else:
            self._timer = True  # NOTE: booked before scheduling, as a scheduler may run fn at once
            handle = self._schedule(wait, self._run)
            if self._timer is True and handle is not None:
                self._timer = handle

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def _run(self) -> None:
        self._timer = None
        args, self._pending = self._pending, None
        if args is None:
            return
        self._last = self._clock()
        self.calls += 1
        self.fn(*args)

    def flush(self) -> None:
        """Run the pending request now (if any)."""
        if self._timer not in (None, True) and hasattr(self._timer, "cancel"):
            self._timer.cancel()
        self._run()

    def cancel(self) -> None:
        """Drop the pending request."""
        if self._timer not in (None, True) and hasattr(self._timer, "cancel"):
            self._timer.cancel()
        self._timer, self._pending = None, None
