"""Timer transitions while the database is away: the timer keeps measuring in memory, and what
each transition must write waits in the offline journal.

The rules are the online ones, except for what only the database knows: no hour can be charged
offline (the ledger and the balance are there), so the hours a timer enters offline are charged
when its journal is stored, as the online heartbeat would have charged them; where the balance
cannot cover them, the billed time is cut to the end of the last paid hour then (journal/replay.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from uuid import UUID

from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.db.timer_repo import IntervalOwner
from mockmate_tui.errors import DatabaseUnavailableError
from mockmate_tui.service.journal.entries import TimerEntry
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

OfflineAction = Literal["pause", "resume", "stop", "heartbeat"]

@dataclass(frozen=True)
class OfflineStep:
    """An offline transition: the change to put in memory once `entry` is in the journal."""

    change: TimerChange
    entry: TimerEntry


def offline_step(action: OfflineAction, sid: UUID, live: LiveTimer | None, now: datetime,
                 owner: IntervalOwner) -> OfflineStep:
    """`action` on the timer `live` (this process measures it), at `now`, with no database."""
    if live is None:
        raise DatabaseUnavailableError(
            "The database is not answering, and this window does not measure this interview, "
            "so it cannot be changed offline. Try again once the database is back."
        )
    timer = copy_of(live.timer)
    interval: Literal["none", "save", "close", "open"] = "none"
    closed_share = 0.0
    if action == "resume":
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
    after = TimerBasis(PHASE_STATUS[timer.phase], live.basis.intervals + (interval == "open"),
                       live.charged, timer.closed_running_seconds())
    started_at = live.started_at or now
    changed = LiveTimer(timer, started_at, live.charged, after, None)
    entry = TimerEntry(
        session_id=sid, at=now, action=action, before=live.basis, after=after,
        columns=columns(changed, now), interval=interval, interval_seconds=closed_share,
        owner_id=owner.owner_id, owner_host=owner.host, owner_pid=owner.pid,
        owner_started=owner.started, owner_heartbeat_seconds=owner.heartbeat_seconds,
    )
    # A completed timer stays in memory while offline: it is what the screen reads until the
    # journal is stored (the online rules then drop it).
    return OfflineStep(change_to(sid, changed), entry)

