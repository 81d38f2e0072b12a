"""Where time comes from. Everything that measures time takes a Clock, so tests can use FakeClock.

Two readings are needed: a monotonic one to measure durations (immune to wall-clock jumps such as
NTP corrections or DST), and a wall-clock one for the timestamps people read.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable


@runtime_checkable
class Clock(Protocol):
    def monotonic(self) -> float:
        """Seconds from an arbitrary origin; only differences mean anything."""
        ...

    def now(self) -> datetime:
        """The current wall-clock time, timezone-aware, in UTC."""
        ...


class MonotonicClock:
    """The real clock.

    Where processes must agree on how long something has been silent (another window's
    heartbeat), a real clock defers to the database's: two computers' wall clocks may be an
    hour apart. A FakeClock keeps its own time (`judges_by_database_clock` False): in a test
    every process shares it, and the database's clock does not move with it."""

    judges_by_database_clock = True

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that moves only when told to: hours of interview in microseconds.

    Safe to advance from one thread while another reads it.
    """

    def __init__(self, start: datetime | None = None) -> None:
        self._lock = threading.Lock()
        self._monotonic = 1_000.0
        self._wall = start or datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
        if self._wall.tzinfo is None:
            raise ValueError("FakeClock needs a timezone-aware start time")

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        with self._lock:
            self._monotonic += seconds
            self._wall += timedelta(seconds=seconds)

    def monotonic(self) -> float:
        with self._lock:
            return self._monotonic

    def now(self) -> datetime:
        with self._lock:
            return self._wall
