"""A timer step as a record: what a start, pause, resume, stop or heartbeat changes in memory,
and the journal entry that says what to store. The same record is made online and offline;
the one writer (timer/store.py) stores it now, or from the offline journal once the database
is back.

Only the database knows the balance and the ledger, so a record carries the billed time the
window measured, uncut: the writer charges each hour it has entered, and where the balance
cannot cover one, cuts the billed time to the end of the last paid hour (the caller's memory
then follows what was stored).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal
from uuid import UUID

from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.db.timer_repo import IntervalOwner
from mockmate_tui.errors import DatabaseUnavailableError, TimerStateError
from mockmate_tui.service.timer.state import (
    PHASE_STATUS,
    LiveTimer,
    TimerBasis,
    TimerChange,
    cannot_pause,
    cannot_resume,
    change_to,
    columns,
    copy_of,
)

if TYPE_CHECKING:
    from mockmate_tui.service.journal.entries import TimerEntry

TimerAction = Literal["start", "pause", "resume", "stop", "heartbeat"]
OfflineAction = Literal["pause", "resume", "stop", "heartbeat"]


@dataclass(frozen=True)
class CarriedDraft:
    """The answer typed so far, carried by a pause or a stop: one record, one transaction."""

    text: str
    question_number: int | None
    """The question it is for, as the window shows it (None: the one on screen, as the
    database knows it)."""


@dataclass(frozen=True)
class TimerStep:
    """A transition: the change to put in memory once `entry` is stored (or journaled)."""

    change: TimerChange
    entry: TimerEntry


def timer_step(
    action: TimerAction,
    sid: UUID,
    live: LiveTimer | None,
    now: datetime,
    owner: IntervalOwner,
    *,
    settles: bool = False,
    draft: CarriedDraft | None = None,
) -> TimerStep:
    """`action` on the timer `live` (this process measures it, or rebuilt it from storage), at
    `now`. `settles`: a heartbeat that charges the hours it has entered (online, where the
    balance is at hand; offline heartbeats leave that to the step that closes the interval).
    `draft`: what a pause or a stop keeps of the answer being typed, in the same record."""
    if draft is not None and action not in ("pause", "stop"):
        raise ValueError(f"a {action} carries no draft")
    if live is None:
        raise DatabaseUnavailableError(
            "The database is not answering, and this window does not measure this interview, "
            "so it cannot be changed offline. Try again once the database is back."
        )
    timer = copy_of(live.timer)
    interval: Literal["none", "save", "close", "open"] = "none"
    closed_share = 0.0
    if action == "start":
        if timer.phase is not TimerPhase.CREATED:
            raise TimerStateError("This interview has already started.")
        timer.start()
        interval = "open"
    elif action == "resume":
        if timer.phase is not TimerPhase.PAUSED:
            raise cannot_resume(timer.phase)
        timer.resume()
        interval = "open"
    elif action == "heartbeat":
        if timer.is_running:
            interval, closed_share = "save", timer.open_interval_seconds()
    else:
        if action == "pause" and not timer.is_running:
            raise cannot_pause(timer.phase)
        if timer.is_running:
            timer.pause()
            interval = "close"
            closed_share = max(0.0, timer.running_seconds() - live.basis.closed_running_seconds)
        if action == "stop":
            timer.stop()
    after = TimerBasis(
        PHASE_STATUS[timer.phase],
        live.basis.intervals + (interval == "open"),
        live.charged,
        timer.closed_running_seconds(),
    )
    started_at = live.started_at or now
    changed = LiveTimer(timer, started_at, live.charged, after, None)
    # The journal's models are pydantic's, loaded with the first step: the app at rest takes
    # none and does without pydantic (issue 21).
    from mockmate_tui.service.journal.entries import TimerEntry

    entry = TimerEntry(
        session_id=sid,
        at=now,
        action=action,
        before=live.basis,
        after=after,
        columns=columns(changed, now),
        interval=interval,
        interval_seconds=closed_share,
        settles=settles,
        owner_id=owner.owner_id,
        owner_host=owner.host,
        owner_pid=owner.pid,
        owner_started=owner.started,
        owner_heartbeat_seconds=owner.heartbeat_seconds,
        draft=draft.text if draft is not None else None,
        draft_question=draft.question_number if draft is not None else None,
    )
    # A completed timer stays in memory while offline: it is what the screen reads until the
    # journal is stored (the online rules then drop it).
    return TimerStep(change_to(sid, changed), entry)
