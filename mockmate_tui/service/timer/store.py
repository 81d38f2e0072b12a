"""The one writer of a timer step (timer/steps.py): a start, pause, resume, stop or heartbeat
(with the draft a pause or a stop carries) is stored by `store_timer`, in the caller's
transaction, whether online (the running timers, at once) or from the offline journal
(journal/replay.py). The charge of each hour entered, the cut to the last paid hour where the
balance cannot cover one, and which rows a step writes are decided here and nowhere else.

Online the caller has checked the stored timer against its memory (under the session's lock);
at replay that is checked here: a step already stored changes nothing (None), and one another
window overtook is not forced in (Overtaken).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from mockmate_tui.core.credits import BillingDecision
from mockmate_tui.db import timer_repo
from mockmate_tui.db.repo import Connection
from mockmate_tui.db.timer_repo import IntervalOwner, SessionTimerColumns, StoredTimer
from mockmate_tui.service.journal.entries import DraftEntry, TimerEntry
from mockmate_tui.service.journal.store import Overtaken, store_draft
from mockmate_tui.service.timer import charges
from mockmate_tui.service.timer.state import TimerBasis, running_elsewhere


@dataclass(frozen=True)
class Settlement:
    """What storing a step decided, for the online caller's memory to follow."""

    decision: BillingDecision | None
    """The billing decision (None: the step owed nothing and read no balance)."""
    balance: int
    ours: bool = True
    """False: the open interval was not this owner's any more (recovered by another window
    after this one stopped reporting); nothing was written."""

    @property
    def running_limit(self) -> float | None:
        """Where the billed time was cut for lack of credit (None: not cut)."""
        return None if self.decision is None else self.decision.running_limit


def store_timer(
    conn: Connection, stored: StoredTimer | None, record: TimerEntry, *, online: bool
) -> Settlement | None:
    """Store `record`, made on `stored` (read under the session's lock; online, a heartbeat
    that settles nothing needs neither, and passes None). None: at replay, it was stored
    already. Online, an interval another window runs raises TimerStateError."""
    sid = record.session_id
    if record.interval == "save" and not record.settles:
        # A heartbeat inside paid hours (or offline): the interval's running time, nothing more.
        if not online:
            assert stored is not None
            if _already_stored(stored, record):
                return None
        ours = timer_repo.save_open_interval(
            conn, sid, record.owner_id, record.interval_seconds, record.at
        )
        return _checked(Settlement(None, 0, ours), online)
    assert stored is not None, "a step that may charge is decided on the stored timer"
    if not online and _already_stored(stored, record):
        return None
    _store_carried_draft(conn, record, online=online)
    decision, balance, written = _charged(conn, stored, record)
    settlement = Settlement(decision, balance)
    if record.interval == "open":
        if online and stored.status == "created":
            charges.refuse_start_without_credit(decision)
        timer_repo.write_session(conn, sid, written)
        if not timer_repo.open_interval(conn, sid, record.at, _owner(record)):
            if online:
                raise running_elsewhere(timer_repo.stored_timer(conn, sid), record.at)
            raise Overtaken("it is running in another window")
        return settlement
    if record.interval == "none":
        timer_repo.write_session(conn, sid, written)
        return settlement
    running = _cut(stored.closed_running_seconds + record.interval_seconds, decision)
    share = max(0.0, running - stored.closed_running_seconds)
    if record.interval == "save" and written.status == "active":
        ours = timer_repo.save_interval_and_session(
            conn, sid, record.owner_id, share, record.at, written
        )
    else:
        ours = timer_repo.close_interval_and_session(
            conn, sid, record.owner_id, share, record.at, written
        )
    return _checked(Settlement(decision, balance, ours), online)


def _store_carried_draft(conn: Connection, record: TimerEntry, *, online: bool) -> None:
    """The draft a pause or a stop carries, stored by the one writer of a draft before the
    step changes the session (a stop completes it, and a completed interview's drafts stay as
    they are), in the step's transaction: both are stored, or neither."""
    if record.draft is None:
        return
    draft = DraftEntry(
        entry_id=record.entry_id,
        session_id=record.session_id,
        at=record.at,
        question_number=record.draft_question,
        text=record.draft,
    )
    store_draft(conn, draft, online=online, refuse_completed=True)


def _charged(
    conn: Connection, stored: StoredTimer, record: TimerEntry
) -> tuple[BillingDecision, int, SessionTimerColumns]:
    """Charge the hours the step's billed time has entered; where the balance cannot cover
    them, cut it to the end of the last paid hour (a running timer pauses there). Returns the
    decision, the balance it was made on and the session's columns to write."""
    running = stored.closed_running_seconds
    if record.interval in ("save", "close"):
        running += record.interval_seconds
    decision, balance = charges.decide(conn, stored, running)
    charges.charge(conn, stored, decision, record.at)
    update: dict[str, Any] = {"credits_used": decision.credits_used}
    if decision.running_limit is not None and record.interval in ("save", "close"):
        update["interview_duration"] = math.floor(_cut(running, decision)) // 60
        if record.columns.status == "active":
            update.update(status="paused", paused_at=record.at)
    return decision, balance, replace(record.columns, **update)


def _cut(running: float, decision: BillingDecision) -> float:
    return running if decision.running_limit is None else min(running, decision.running_limit)


def _already_stored(stored: StoredTimer, record: TimerEntry) -> bool:
    """At replay: whether the record is stored already (True) or fits what is stored (False);
    Overtaken when another window changed the timer meanwhile."""
    basis = TimerBasis.of(stored)
    if record.interval == "save" and not record.settles:
        # A heartbeat: worth saving only on the very interval it measured.
        return not _follows(basis, record.before) or stored.open_owner_id != record.owner_id
    if _follows(basis, record.before):
        return False
    if (basis.status, basis.intervals) == (record.after.status, record.after.intervals):
        return True  # (its charges may have made the stored timer differ a little)
    raise Overtaken(f"the interview changed elsewhere meanwhile (it is {stored.status})")


def _follows(stored: TimerBasis, before: TimerBasis) -> bool:
    """Whether the stored timer is the one the record was made on. Its charges may be more
    than the window knew offline: the step stored before it charged the hours entered
    offline (charged only here, at replay), which is no other window's doing."""
    return stored.charged >= before.charged and stored.matches(
        TimerBasis(before.status, before.intervals, stored.charged, before.closed_running_seconds)
    )


def _checked(settlement: Settlement, online: bool) -> Settlement:
    if not settlement.ours and not online:
        raise Overtaken("its running time was recovered by another window")
    return settlement


def _owner(record: TimerEntry) -> IntervalOwner:
    return IntervalOwner(
        record.owner_id,
        record.owner_host,
        record.owner_pid,
        record.owner_started,
        record.owner_heartbeat_seconds,
    )
