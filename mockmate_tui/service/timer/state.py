"""A timer's state: as this instance keeps it in memory, as a TimerState for callers, and as
the session columns a transition writes; who owns a running interval, and the refusals a person
reads. No database access, no lock.
"""

from __future__ import annotations

import copy
import math
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID, uuid4

from mockmate_tui.core import credits as credit_rule
from mockmate_tui.core.clock import Clock
from mockmate_tui.core.timer import InterviewTimer, TimerPhase
from mockmate_tui.db.server_host import ClientRecord
from mockmate_tui.db.timer_repo import IntervalOwner, OpenInterval, SessionTimerColumns, StoredTimer
from mockmate_tui.errors import DatabaseUnavailableError, TimerStateError, UnconfirmedSaveError
from mockmate_tui.records import SessionStatus

if TYPE_CHECKING:
    from mockmate_tui.models import TimerState

PHASE_STATUS: dict[TimerPhase, SessionStatus] = {
    TimerPhase.RUNNING: "active", TimerPhase.PAUSED: "paused", TimerPhase.COMPLETED: "completed",
}
# Closed running seconds are summed by PostgreSQL and by Python in different orders.
_SECONDS_TOLERANCE = 0.001


@dataclass(frozen=True)
class TimerBasis:
    """What the database holds for a timer, in the terms every transition changes: a timer in
    memory is current only while the stored timer still has the basis it was built on. Another
    window's resume, pause, stop or charge, crash recovery, or a COMMIT whose reply was lost all
    change it, so a stale memory is seen before it is acted on."""

    status: SessionStatus
    intervals: int
    charged: int
    closed_running_seconds: float

    @classmethod
    def of(cls, stored: StoredTimer) -> TimerBasis:
        return cls(stored.status, stored.intervals, stored.charged,
                   stored.closed_running_seconds)

    def matches(self, other: TimerBasis) -> bool:
        return ((self.status, self.intervals, self.charged)
                == (other.status, other.intervals, other.charged)
                and abs(self.closed_running_seconds - other.closed_running_seconds)
                < _SECONDS_TOLERANCE)


@dataclass(frozen=True)
class LiveTimer:
    """A timer this instance measures. Replaced whole, never changed, so a reader without the
    lock always sees one consistent state."""

    timer: InterviewTimer
    started_at: datetime | None
    charged: int
    """Credits charged for the session: a heartbeat inside these hours is one UPDATE."""
    basis: TimerBasis
    """The stored timer as the transition that made this one left it."""
    notice: str | None = None
    """Why the timer paused itself (no credit for the next hour), if it did."""


@dataclass(frozen=True)
class TimerChange:
    """A transition's outcome, to put in memory once its transaction has committed."""

    session_id: UUID
    live: LiveTimer | None
    """The timer after the transition; None once the interview is completed."""
    state: TimerState
    basis: TimerBasis
    """The stored timer once the transition has committed: how to tell, after a COMMIT whose
    reply was lost, whether it happened."""


def state_of(sid: UUID, timer: InterviewTimer, started_at: datetime | None) -> TimerState:
    from mockmate_tui.models import TimerState  # pydantic's: with a timer to show, not at rest

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
    from mockmate_tui.models import TimerState  # pydantic's: with a timer to show, not at rest

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
                       state_of(sid, live.timer, live.started_at), live.basis)


def live_timer(stored: StoredTimer, timer: InterviewTimer, charged: int, *,
               opened_at: datetime | None = None, notice: str | None = None) -> LiveTimer:
    """The timer `timer` as memory keeps it once its transition, made on `stored`, commits
    (`opened_at`: when the transition opened a new running interval, if it did)."""
    opened = opened_at is not None
    basis = TimerBasis(PHASE_STATUS[timer.phase], stored.intervals + int(opened), charged,
                       timer.closed_running_seconds())
    return LiveTimer(timer, stored.started_at or opened_at, charged, basis, notice)


def rebuilt_live(stored: StoredTimer, clock: Clock) -> LiveTimer:
    """A paused timer rebuilt from storage, as memory keeps it."""
    return LiveTimer(rebuilt_paused(stored, clock), stored.started_at, stored.charged,
                     TimerBasis.of(stored))


def at_time(moment: datetime, now: datetime) -> str:
    """A moment as a person reads it: the local time, with the date if it is not today's."""
    local, today = moment.astimezone(), now.astimezone()
    return f"{local:%H:%M:%S}" if local.date() == today.date() else f"{local:%Y-%m-%d %H:%M}"


def copy_of(timer: InterviewTimer) -> InterviewTimer:
    # Every field of an InterviewTimer is an immutable value (the clock is shared on purpose),
    # so a shallow copy is a timer of its own: the transition changes it, memory keeps the
    # original until the transaction commits.
    return copy.copy(timer)


def columns(live: LiveTimer, now: datetime) -> SessionTimerColumns:
    """The session's timer columns for the timer in `live`, written at `now`."""
    timer = live.timer
    return SessionTimerColumns(
        status=PHASE_STATUS[timer.phase],
        started_at=live.started_at,
        # A paused state is only ever written at the moment its pause begins.
        paused_at=now if timer.phase is TimerPhase.PAUSED else None,
        paused_seconds=timer.closed_paused_seconds(),
        ended_at=now if timer.phase is TimerPhase.COMPLETED else None,
        interview_duration=math.floor(timer.running_seconds()) // 60,
        credits_used=live.charged,
    )


# -- who measures a running interval --------------------------------------------------------

def this_process_owner(heartbeat_seconds: float) -> IntervalOwner:
    """A new owner identity for one MockMate instance, in this process on this host."""
    process = ClientRecord.for_this_process()
    return IntervalOwner(uuid4(), socket.gethostname(), process.pid, process.started,
                         heartbeat_seconds)


@dataclass(frozen=True)
class StoredOwner:
    """What storage says of an open interval's owner."""

    heartbeat_at: datetime | None
    host: str | None
    pid: int | None
    started: float | None
    heartbeat_seconds: float | None = None
    silent_db_seconds: float | None = None
    """How long it has been silent by the database's own clock (None: not known)."""

    def died_on(self, host: str) -> bool:
        """Whether the owner ran on `host` (this one) and its process is gone: a pid now
        used by another process has another start time. Unknown elsewhere, or for an interval
        opened by a MockMate that did not record its process: False."""
        if self.host != host or self.pid is None or self.started is None:
            return False
        return not ClientRecord(self.pid, self.started).is_alive()


# An open interval whose owner has not reported for this many heartbeats is abandoned.
_ABANDONED_AFTER_HEARTBEATS = 3


def owner_gone(interval: StoredTimer | OpenInterval, heartbeat_seconds: float, now: datetime,
               this_host: str, *, database_clock: bool = False) -> bool:
    """Whether nobody measures this open interval any more: its owner's process is gone from
    this host (seen at once), or it has stopped reporting (wherever it ran). `database_clock`:
    its silence is measured by the database's clock alone (when it was last written, and now),
    so a wall clock an hour off here or there takes over nobody; otherwise by `now` against
    the heartbeat time the owner wrote (a FakeClock's world, shared by every process)."""
    owner = interval_owner(interval)
    # The owner's own beat where it is stored (a slow-beating owner is alive), else ours.
    beat = owner.heartbeat_seconds or heartbeat_seconds
    silent = timedelta(seconds=beat * _ABANDONED_AFTER_HEARTBEATS)
    if owner.died_on(this_host):
        return True
    if database_clock and owner.silent_db_seconds is not None:
        return owner.silent_db_seconds > silent.total_seconds()
    return owner.heartbeat_at is None or owner.heartbeat_at < now - silent


def interval_owner(interval: StoredTimer | OpenInterval) -> StoredOwner:
    if isinstance(interval, StoredTimer):
        return StoredOwner(interval.open_heartbeat_at, interval.open_owner_host,
                           interval.open_owner_pid, interval.open_owner_started,
                           interval.open_owner_heartbeat_seconds,
                           interval.open_silent_db_seconds)
    return StoredOwner(interval.heartbeat_at, interval.owner_host, interval.owner_pid,
                       interval.owner_started, interval.owner_heartbeat_seconds,
                       interval.silent_db_seconds)


# -- refusals, one line each ----------------------------------------------------------------

def running_elsewhere(stored: StoredTimer, now: datetime) -> TimerStateError:
    since = stored.open_started_at
    when = f" since {at_time(since, now)}" if since else ""
    where = ""
    if stored.open_owner_pid is not None:
        where = f" (process {stored.open_owner_pid} on {stored.open_owner_host})"
    return TimerStateError(
        f"This interview has been running in another MockMate window{when}{where}; "
        "pause or stop it there first."
    )


def cannot_pause(phase: TimerPhase) -> TimerStateError:
    return TimerStateError(f"Only a running interview can be paused; this one is {phase}.")


def cannot_resume(phase: TimerPhase) -> TimerStateError:
    return TimerStateError(f"Only a paused interview can be resumed; this one is {phase}.")


def completed(stored: StoredTimer, now: datetime) -> TimerStateError:
    when = f" (at {at_time(stored.ended_at, now)})" if stored.ended_at else ""
    return TimerStateError(
        f"This interview is already completed{when}: it cannot be resumed or stopped again; "
        "its report is ready."
    )


def taken_over() -> TimerStateError:
    return TimerStateError(
        "This interview was taken over by another MockMate window after this one stopped "
        "responding; continue it there or reopen it."
    )


def unconfirmed_save() -> UnconfirmedSaveError:
    # Not the pool's "nothing was saved": the COMMIT went out, and its outcome is not known yet.
    return UnconfirmedSaveError(
        "Lost the connection to the database while saving; whether this step was saved is "
        "checked before the next one. Try again in a moment."
    )


def not_saved() -> DatabaseUnavailableError:
    # Checked: the COMMIT whose reply was lost did not happen, so the step can be taken again.
    return DatabaseUnavailableError(
        "Lost the connection to the database while saving; nothing was saved by this step."
    )
