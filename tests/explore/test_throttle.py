"""Throttle: the first request runs at once, later ones within the interval collapse into the newest."""

from __future__ import annotations

from sei_analysis.explore.throttle import Throttle


class FakeTime:
    def __init__(self):
        self.now, self.timers = 0.0, []

    def clock(self):
        return self.now

    def schedule(self, delay, fn):
        self.timers.append((self.now + delay, fn))
        return None

    def advance(self, seconds):
        self.now += seconds
        due = [t for t in self.timers if t[0] <= self.now]
        self.timers = [t for t in self.timers if t[0] > self.now]
        for _, fn in due:
            fn()


def make(calls, interval=0.25):
    t = FakeTime()
    return Throttle(calls.append, interval, clock=t.clock, schedule=t.schedule), t


def test_the_first_request_runs_at_once():
    calls = []
    throttle, _ = make(calls)
    throttle("a")
    assert calls == ["a"]


def test_requests_within_the_interval_run_once_with_the_newest():
    calls = []
    throttle, t = make(calls)
    throttle("a")
    for v in "bcd":
        t.advance(0.05)
        throttle(v)
    t.advance(0.25)
    assert calls == ["a", "d"] and throttle.dropped == 2


def test_a_request_after_a_quiet_interval_runs_at_once_again():
    calls = []
    throttle, t = make(calls)
    throttle("a")
    t.advance(1.0)
    throttle("b")
    assert calls == ["a", "b"]


def test_cancel_drops_the_pending_request():
    calls = []
    throttle, t = make(calls)
    throttle("a")
    throttle("b")
    throttle.cancel()
    t.advance(1.0)
    assert calls == ["a"] and not throttle.pending


def test_flush_runs_the_pending_request_now():
    calls = []
    throttle, _ = make(calls)
    throttle("a")
    throttle("b")
    throttle.flush()
    assert calls == ["a", "b"]


def test_without_an_event_loop_every_request_runs():
    calls = []
    throttle = Throttle(calls.append, 10.0)  # the default scheduler runs at once outside a loop
    throttle("a")
    throttle("b")
    throttle("c")
    assert calls == ["a", "b", "c"]
