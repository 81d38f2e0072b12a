"""A timer's state: as this instance keeps it in memory, as a TimerState for callers, and as
the session columns a transition writes. Pure: no database access, no lock.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from mockmate_tui.core import credits as credit_rule
from mockmate_tui.core.clock import Clock
from mockmate_tui.core.timer import InterviewTimer, TimerPhase
from mockmate_tui.db.timer_repo import SessionTimerColumns, StoredTimer
from mockmate_tui.models import SessionStatus, TimerState

_STATUS: dict[TimerPhase, SessionStatus] = {
    TimerPhase.RUNNING: "active", TimerPhase.PAUSED: "paused", TimerPhase.COMPLETED: "completed",
}


@dataclass(frozen=True)
class LiveTimer:
    """A timer this instance measures. Replaced whole, never changed, so a reader without the
    lock always sees one consistent state."""

    timer: InterviewTimer
    started_at: datetime | None
    charged: int
    """Credits charged for the session: a heartbeat inside these hours is one UPDATE."""
    notice: str | None = None
    """Why the timer paused itself (no credit for the next hour), if it did."""


@dataclass(frozen=True)
class TimerChange:
    """A transition's outcome, to put in memory once its transaction has committed."""

    session_id: UUID
    live: LiveTimer | None
    """The timer after the transition; None once the interview is completed."""
    state: TimerState


def state_of(sid: UUID, timer: InterviewTimer, started_at: datetime | None) -> TimerState:
    elapsed = math.floor(timer.running_seconds())
    return TimerState(
        session_id=str(sid),
        elapsed_seconds=elapsed,
        elapsed_minutes=elapsed // 60,
        credits_used=credit_rule.credits_for(elapsed, started=timer.has_started),
        is_running=timer.is_running,
        started_at=started_at,
        paused_duration=math.floor(timer.paused_seconds()),
    )


def rebuilt_paused(stored: StoredTimer, clock: Clock) -> InterviewTimer:
    """A paused timer rebuilt from storage, so a session paused (or recovered from a crash) in
    one process can be resumed or stopped in another."""
    current_pause = 0.0
    if stored.paused_at is not None:
        current_pause = max(0.0, (clock.now() - stored.paused_at).total_seconds())
    return InterviewTimer(
        clock,
        phase=TimerPhase.PAUSED,
        running_seconds=stored.closed_running_seconds,
        paused_seconds=stored.paused_seconds,
        current_pause_seconds=current_pause,
    )


def stored_state(stored: StoredTimer, now: datetime) -> TimerState:
    """The state of a timer no instance here measures, from what was last saved."""
    running = stored.closed_running_seconds + (stored.open_running_seconds or 0.0)
    paused = stored.paused_seconds
    if stored.status == "paused" and stored.paused_at is not None:
        paused += max(0.0, (now - stored.paused_at).total_seconds())
    elapsed = math.floor(running)
    return TimerState(
        session_id=str(stored.session_id),
        elapsed_seconds=elapsed,
        elapsed_minutes=elapsed // 60,
        credits_used=stored.credits_used,
        is_running=stored.status == "active",
        started_at=stored.started_at,
        paused_duration=math.floor(paused),
    )


def change_to(sid: UUID, live: LiveTimer, *, completed: bool = False) -> TimerChange:
    """The change that puts `live` in memory, or forgets the timer if it has completed."""
    return TimerChange(sid, None if completed else live,
                       state_of(sid, live.timer, live.started_at))


def copy_of(timer: InterviewTimer) -> InterviewTimer:
    # Every field of an InterviewTimer is an immutable value (the clock is shared on purpose),
    # so a shallow copy is a timer of its own: the transition changes it, memory keeps the
    # original until the transaction commits.
    return copy.copy(timer)


def columns(live: LiveTimer, now: datetime) -> SessionTimerColumns:
    """The session's timer columns for the timer in `live`, written at `now`."""
    timer = live.timer
    return SessionTimerColumns(
        status=_STATUS[timer.phase],
        started_at=live.started_at,
        # A paused state is only ever written at the moment its pause begins.
        paused_at=now if timer.phase is TimerPhase.PAUSED else None,
        paused_seconds=timer.closed_paused_seconds(),
        ended_at=now if timer.phase is TimerPhase.COMPLETED else None,
        interview_duration=math.floor(timer.running_seconds()) // 60,
        credits_used=live.charged,
    )
