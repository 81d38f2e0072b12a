"""The interview timer: running intervals read from a Clock, never a count of ticks.

Billed time is the sum of the running intervals, so paused time is excluded by construction and
a late or skipped redraw can never make the timer drift.
"""

from __future__ import annotations

from enum import StrEnum

from mockmate_tui.core.clock import Clock
from mockmate_tui.errors import TimerStateError


class TimerPhase(StrEnum):
    CREATED = "created"
    RUNNING = "running"
    PAUSED = "paused"
    COMPLETED = "completed"


class InterviewTimer:
    """Measures running and paused time for one interview.

    A timer can be rebuilt from what was stored (phase, closed running seconds, paused seconds and
    how long the current pause has lasted), so a session paused in one process can be resumed in
    another.
    """

    def __init__(
        self,
        clock: Clock,
        *,
        phase: TimerPhase = TimerPhase.CREATED,
        running_seconds: float = 0.0,
        paused_seconds: float = 0.0,
        current_pause_seconds: float = 0.0,
    ) -> None:
        if phase is TimerPhase.RUNNING:
            # A running interval belongs to the process that measures it; a stored one is
            # closed first (see the service's crash recovery), then resumed.
            raise ValueError("a timer is rebuilt paused, never running")
        if min(running_seconds, paused_seconds, current_pause_seconds) < 0:
            raise ValueError("durations cannot be negative")
        self._clock = clock
        self._phase: TimerPhase = phase
        self._closed_running = running_seconds
        self._closed_paused = paused_seconds
        self._open_run_since: float | None = None
        self._pause_since: float | None = None
        if phase is TimerPhase.PAUSED:
            self._pause_since = clock.monotonic() - current_pause_seconds

    @property
    def phase(self) -> TimerPhase:
        return self._phase

    @property
    def is_running(self) -> bool:
        return self._phase is TimerPhase.RUNNING

    @property
    def has_started(self) -> bool:
        return self._phase is not TimerPhase.CREATED

    def start(self) -> None:
        """Start a new interview's first running interval."""
        if self._phase is TimerPhase.RUNNING:
            raise TimerStateError("The interview timer is already running.")
        if self._phase is TimerPhase.PAUSED:
            raise TimerStateError("The interview is paused: resume it instead of starting it.")
        if self._phase is TimerPhase.COMPLETED:
            raise TimerStateError("The interview is already completed and cannot start again.")
        self._open_run_since = self._clock.monotonic()
        self._phase = TimerPhase.RUNNING

    def pause(self) -> float:
        """Close the running interval; returns its length in seconds."""
        if self._phase is not TimerPhase.RUNNING:
            raise TimerStateError(f"Only a running timer can be paused; this one is {self._phase}.")
        interval = self.open_interval_seconds()
        self._closed_running += interval
        self._open_run_since = None
        self._pause_since = self._clock.monotonic()
        self._phase = TimerPhase.PAUSED
        return interval

    def clamp_running_seconds(self, limit: float) -> None:
        """Cut billed time down to `limit` (never up): used when credit runs out at an hour's
        boundary, so time the balance cannot pay for is never billed. Only when not running."""
        if self._phase is TimerPhase.RUNNING:
            raise TimerStateError("Pause the timer before limiting its billed time.")
        if limit < 0:
            raise ValueError("a limit cannot be negative")
        self._closed_running = min(self._closed_running, limit)

    def resume(self) -> float:
        """Open a new running interval; returns how long the pause lasted, in seconds."""
        if self._phase is not TimerPhase.PAUSED:
            raise TimerStateError(f"Only a paused timer can be resumed; this one is {self._phase}.")
        pause = self.current_pause_seconds()
        self._closed_paused += pause
        self._pause_since = None
        self._open_run_since = self._clock.monotonic()
        self._phase = TimerPhase.RUNNING
        return pause

    def stop(self) -> None:
        """Finish the interview: the running interval or the pause ends now, for good."""
        if self._phase is TimerPhase.CREATED:
            raise TimerStateError("The interview has not started, so there is nothing to stop.")
        if self._phase is TimerPhase.COMPLETED:
            raise TimerStateError("The interview is already completed.")
        if self._phase is TimerPhase.RUNNING:
            self._closed_running += self.open_interval_seconds()
            self._open_run_since = None
        else:
            self._closed_paused += self.current_pause_seconds()
            self._pause_since = None
        self._phase = TimerPhase.COMPLETED

    def open_interval_seconds(self) -> float:
        """Length of the running interval so far; 0 when not running."""
        if self._open_run_since is None:
            return 0.0
        return max(0.0, self._clock.monotonic() - self._open_run_since)

    def current_pause_seconds(self) -> float:
        """Length of the pause so far; 0 when not paused."""
        if self._pause_since is None:
            return 0.0
        return max(0.0, self._clock.monotonic() - self._pause_since)

    def running_seconds(self) -> float:
        """Billed time: every closed running interval plus the open one."""
        return self._closed_running + self.open_interval_seconds()

    def closed_running_seconds(self) -> float:
        """Running time in intervals that have ended."""
        return self._closed_running

    def paused_seconds(self) -> float:
        """Time spent paused, including the pause in progress."""
        return self._closed_paused + self.current_pause_seconds()

    def closed_paused_seconds(self) -> float:
        """Time spent in pauses that have ended."""
        return self._closed_paused
