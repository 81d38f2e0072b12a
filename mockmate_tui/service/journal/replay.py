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

from mockmate_tui.db import timer_repo
from mockmate_tui.db.pool import Database
from mockmate_tui.db.repo import Connection
from mockmate_tui.service.journal.entries import (
    AnswerEntry,
    DraftEntry,
    JournalEntry,
    PointsShownEntry,
    ShowEntry,
    SkipEntry,
    TimerEntry,
)
from mockmate_tui.service.journal.store import (
    Outcome,
    Overtaken,
    store_answer,
    store_draft,
    store_points_shown,
    store_show,
    store_skip,
)
from mockmate_tui.service.timer.store import store_timer

log = logging.getLogger(__name__)


def store_entry(database: Database, entry: JournalEntry) -> Outcome:
    """Store one entry in one transaction. DatabaseUnavailableError (the database went away
    again) leaves it for the next try; Overtaken: it no longer fits, and nothing was written."""
    try:
        with database.transaction() as conn:
            return _store(conn, entry)
    except Overtaken as reason:
        log.warning(
            "an offline %s of session %s was not stored: %s", entry.kind, entry.session_id, reason
        )
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
    if isinstance(entry, PointsShownEntry):
        return f"the talking points of question {entry.question_number} shown"
    return f"a {entry.action}"


def _store(conn: Connection, entry: JournalEntry) -> Outcome:
    if isinstance(entry, TimerEntry):
        stored = timer_repo.locked_stored_timer(conn, entry.session_id)
        stored_now = store_timer(conn, stored, entry, online=False)
        return Outcome.ALREADY if stored_now is None else Outcome.STORED
    if isinstance(entry, AnswerEntry):
        return store_answer(conn, entry, online=False)
    if isinstance(entry, SkipEntry):
        return store_skip(conn, entry, online=False)
    if isinstance(entry, ShowEntry):
        return store_show(conn, entry, online=False)
    if isinstance(entry, PointsShownEntry):
        return store_points_shown(conn, entry, online=False)
    return store_draft(conn, entry, online=False)
