"""Storing the offline journal's entries, once the database is back: each in its own
transaction, in the order they were made, each exactly once.

An entry already stored (a replay cut short by a crash, or a COMMIT whose reply was lost before
the journal took over) is recognised by its ids or its timer basis and changes nothing. An entry
that no longer fits what is stored (another window finished the interview meanwhile) is not
forced in: `Overtaken` says why, the caller sets it aside whole (journal/rejected) and tells
the person, and what is stored stands. Nothing is ever written into a completed interview.
"""

from __future__ import annotations

import logging
import math

from mockmate_tui.db import interview_repo, timer_repo
from mockmate_tui.db.pool import Database
from mockmate_tui.db.repo import Connection
from mockmate_tui.db.timer_repo import IntervalOwner, SessionTimerColumns, StoredTimer
from mockmate_tui.service.journal.entries import (
    AnswerEntry,
    DraftEntry,
    JournalEntry,
    ShowEntry,
    SkipEntry,
    TimerEntry,
)
from mockmate_tui.service.journal.store import (
    COMPLETED_ELSEWHERE,
    Outcome,
    Overtaken,
    locked_status,
    plan_item,
    store_answer,
    store_show,
    store_skip,
)
from mockmate_tui.service.timer import charges
from mockmate_tui.service.timer.state import TimerBasis

log = logging.getLogger(__name__)


def store_entry(database: Database, entry: JournalEntry) -> Outcome:
    """Store one entry in one transaction. DatabaseUnavailableError (the database went away
    again) leaves it for the next try; Overtaken: it no longer fits, and nothing was written."""
    try:
        with database.transaction() as conn:
            return _store(conn, entry)
    except Overtaken as reason:
        log.warning("an offline %s of session %s was not stored: %s", entry.kind,
                    entry.session_id, reason)
        raise


def describe(entry: JournalEntry) -> str:
    """The entry in a few words, for the person told it was not saved."""
    if isinstance(entry, AnswerEntry):
        return f"your answer to question {entry.question_number}"
    if isinstance(entry, SkipEntry):
        return f"the skip of question {entry.question_number}"
    if isinstance(entry, ShowEntry):
        return f"question {entry.question_number} shown"
    if isinstance(entry, DraftEntry):
        return f"the draft of question {entry.question_number}"
    return f"a {entry.action}"


def _completed(conn: Connection, entry: JournalEntry) -> bool:
    """Whether the entry's session is completed, its row locked for the transaction (so no
    window completes it while the entry is stored). A session that is gone: NotFoundError."""
    return locked_status(conn, entry.session_id, online=False) == "completed"


def _store_timer(conn: Connection, entry: TimerEntry) -> Outcome:
    stored = timer_repo.locked_stored_timer(conn, entry.session_id)
    basis = TimerBasis.of(stored)
    if entry.interval == "save":
        # A heartbeat: worth saving only on the very interval it measured.
        if not basis.matches(entry.before) or stored.open_owner_id != entry.owner_id:
            return Outcome.ALREADY
        timer_repo.save_open_interval(conn, entry.session_id, entry.owner_id,
                                      entry.interval_seconds, entry.at)
        return Outcome.STORED
    if (basis.status, basis.intervals) == (entry.after.status, entry.after.intervals) and \
            not basis.matches(entry.before):
        return Outcome.ALREADY  # (its charges may have made the stored timer differ a little)
    if not basis.matches(entry.before):
        raise Overtaken(f"the interview changed elsewhere meanwhile (it is {stored.status})")
    sid = entry.session_id
    if entry.interval == "close":
        seconds, written = _charged_hours(conn, stored, entry)
        if not timer_repo.close_interval_and_session(conn, sid, entry.owner_id, seconds,
                                                     entry.at, written):
            raise Overtaken("its running time was recovered by another window")
    elif entry.interval == "open":
        timer_repo.write_session(conn, sid, entry.columns)
        owner = IntervalOwner(entry.owner_id, entry.owner_host, entry.owner_pid,
                              entry.owner_started, entry.owner_heartbeat_seconds)
        if not timer_repo.open_interval(conn, sid, entry.at, owner):
            raise Overtaken("it is running in another window")
    else:
        timer_repo.write_session(conn, sid, entry.columns)
    return Outcome.STORED


def _charged_hours(conn: Connection, stored: StoredTimer,
                   entry: TimerEntry) -> tuple[float, SessionTimerColumns]:
    """Charge the hours the timer entered offline, as the online heartbeat would have; where
    the balance cannot cover them, cut the billed time to the end of the last paid hour.
    Returns the interval's seconds and the session's columns to write."""
    running = entry.after.closed_running_seconds
    decision, _ = charges.decide(conn, stored, running)
    charges.charge(conn, stored, decision, entry.at)
    seconds = entry.interval_seconds
    if decision.running_limit is not None:
        running = min(running, decision.running_limit)
        seconds = max(0.0, running - stored.closed_running_seconds)
    written = entry.columns.model_copy(update={
        "credits_used": decision.credits_used,
        "interview_duration": math.floor(running) // 60,
    })
    return seconds, written


def _store_draft(conn: Connection, entry: DraftEntry) -> Outcome:
    # Setting the same text again is harmless: a draft needs no check to be stored once.
    if _completed(conn, entry):
        if plan_item(conn, entry) == ("asked", entry.text):
            return Outcome.ALREADY
        raise Overtaken(COMPLETED_ELSEWHERE)
    interview_repo.save_draft(conn, entry.session_id, entry.text, entry.at,
                              number=entry.question_number)
    return Outcome.STORED


def _store(conn: Connection, entry: JournalEntry) -> Outcome:
    if isinstance(entry, TimerEntry):
        return _store_timer(conn, entry)
    if isinstance(entry, AnswerEntry):
        return store_answer(conn, entry, online=False)
    if isinstance(entry, SkipEntry):
        return store_skip(conn, entry, online=False)
    if isinstance(entry, ShowEntry):
        return store_show(conn, entry, online=False)
    return _store_draft(conn, entry)

