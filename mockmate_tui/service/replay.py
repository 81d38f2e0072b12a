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
from enum import Enum

from mockmate_tui.db import interview_repo, question_repo, timer_repo
from mockmate_tui.db.pool import Database
from mockmate_tui.db.repo import Connection
from mockmate_tui.db.timer_repo import IntervalOwner, SessionTimerColumns, StoredTimer
from mockmate_tui.errors import NotFoundError
from mockmate_tui.service import charges
from mockmate_tui.service.offline_entries import (
    AnswerEntry,
    DraftEntry,
    JournalEntry,
    ShowEntry,
    SkipEntry,
    TimerEntry,
)
from mockmate_tui.service.timer_state import TimerBasis

log = logging.getLogger(__name__)


class Outcome(Enum):
    STORED = "stored"
    ALREADY = "already stored"
    DROPPED = "dropped"


class Overtaken(Exception):
    """Rolls back an entry that turned out not to fit what is stored; its text says why."""


_COMPLETED_ELSEWHERE = "the interview was completed elsewhere meanwhile"


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
    status = interview_repo.lock_session_status(conn, entry.session_id)
    if status is None:
        raise NotFoundError(f"There is no session with id {entry.session_id}.")
    return status == "completed"


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


def _store_answer(conn: Connection, entry: AnswerEntry) -> Outcome:
    if question_repo.answer_exists(conn, entry.answer_id):
        return Outcome.ALREADY
    if _completed(conn, entry):
        raise Overtaken(_COMPLETED_ELSEWHERE)
    if not interview_repo.finish_question(conn, entry.session_id, entry.question_number,
                                          "answered"):
        raise Overtaken("its question was answered or skipped elsewhere")
    question_repo.insert_answer(conn, entry.answer_id, entry.question_id, entry.session_id,
                                entry.answer_text, entry.response_seconds, entry.feedback,
                                entry.score, entry.at, entry.scored_by, entry.answer_mode,
                                entry.delivery)
    return Outcome.STORED


def _store_skip(conn: Connection, entry: SkipEntry) -> Outcome:
    if _completed(conn, entry):
        if _plan_item(conn, entry) == ("skipped", None):
            return Outcome.ALREADY
        raise Overtaken(_COMPLETED_ELSEWHERE)
    if interview_repo.finish_question(conn, entry.session_id, entry.question_number, "skipped"):
        return Outcome.STORED
    return Outcome.ALREADY  # skipped already, or dealt with elsewhere: nothing to add


def _store_show(conn: Connection, entry: ShowEntry) -> Outcome:
    if question_repo.question_exists(conn, entry.question_id):
        return Outcome.ALREADY
    if _completed(conn, entry):
        raise Overtaken(_COMPLETED_ELSEWHERE)
    question_repo.insert_question(conn, entry.question_id, entry.session_id,
                                  entry.question_number, entry.question_text, entry.category,
                                  entry.difficulty_level, entry.expected_duration, entry.at)
    if not interview_repo.mark_asked(conn, entry.session_id, entry.question_number,
                                     entry.question_id, entry.shown_at_seconds):
        raise Overtaken("that question was shown elsewhere")  # (the insert is rolled back)
    return Outcome.STORED


def _store_draft(conn: Connection, entry: DraftEntry) -> Outcome:
    # Setting the same text again is harmless: a draft needs no check to be stored once.
    if _completed(conn, entry):
        if _plan_item(conn, entry) == ("asked", entry.text):
            return Outcome.ALREADY
        raise Overtaken(_COMPLETED_ELSEWHERE)
    interview_repo.save_draft(conn, entry.session_id, entry.text, entry.at,
                              number=entry.question_number)
    return Outcome.STORED


def _plan_item(conn: Connection, entry: SkipEntry | DraftEntry) -> tuple[str, str | None]:
    """The state of the entry's question in the plan, with its draft if it is on screen."""
    for item in interview_repo.list_plan(conn, entry.session_id):
        if item.question_number == entry.question_number:
            return item.state, (item.draft if item.state == "asked" else None)
    return "", None


def _store(conn: Connection, entry: JournalEntry) -> Outcome:
    if isinstance(entry, TimerEntry):
        return _store_timer(conn, entry)
    if isinstance(entry, AnswerEntry):
        return _store_answer(conn, entry)
    if isinstance(entry, SkipEntry):
        return _store_skip(conn, entry)
    if isinstance(entry, ShowEntry):
        return _store_show(conn, entry)
    return _store_draft(conn, entry)

