"""The heartbeat thread: saves running timers with no caller, waking at hour boundaries.

A crash loses at most one heartbeat of running time, and an hour is charged (or the timer
paused for want of credit) the moment it begins, not up to a heartbeat later.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from mockmate_tui.core.credits import SECONDS_PER_CREDIT

# Wake just after a boundary, so the running time read then is inside the new hour.
_PAST_THE_BOUNDARY_SECONDS = 0.01


def next_beat_delay(interval: float, running_seconds: Iterable[float]) -> float:
    """Seconds until the next beat: the interval, shortened to land just after the next hour
    boundary of any running timer (`running_seconds` holds each one's billed seconds)."""
    delay = interval
    for running in running_seconds:
        to_boundary = SECONDS_PER_CREDIT - running % SECONDS_PER_CREDIT
        delay = min(delay, to_boundary + _PAST_THE_BOUNDARY_SECONDS)
    return delay


class Heartbeat:
    """A daemon thread calling `beat()` until stopped. `running_seconds()` gives the billed
    seconds of every running timer, read before each wait to find the next boundary."""

    def __init__(self, beat: Callable[[], None], running_seconds: Callable[[], Iterable[float]],
                 interval: float) -> None:
        self._beat = beat
        self._running_seconds = running_seconds
        self._interval = interval
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="mockmate-heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to end and wait for it (a beat in progress finishes first)."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.wait(next_beat_delay(self._interval, self._running_seconds())):
            self._beat()
