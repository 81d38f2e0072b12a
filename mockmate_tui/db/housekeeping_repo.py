"""Housekeeping queries: edit a profile, rename or delete a session, clear empty sessions.

A session the credit ledger names (it was charged, or refunded) is never removed: the ledger is
append-only and its rows keep their session, so the balance always adds up to the ledger. Such
a session is deleted by hiding it (deleted_at: session_overview, and so history, home and
reports, leave it out); only sessions that never cost anything go for good.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import class_row

from mockmate_tui.db.repo import conflict_on_duplicate
from mockmate_tui.records import User

Connection = psycopg.Connection[Any]


def update_user(conn: Connection, user_id: UUID, name: str, email: str) -> User | None:
    with conflict_on_duplicate("email", email), \
            conn.cursor(row_factory=class_row(User)) as cur:
        cur.execute("UPDATE users SET name = %s, email = %s WHERE id = %s "
                    "RETURNING id, name, email, credit_balance, created_at",
                    (name, email, user_id))
        return cur.fetchone()


def rename_session(conn: Connection, session_id: UUID, name: str) -> bool:
    cur = conn.execute("UPDATE sessions SET session_name = %s WHERE id = %s",
                       (name, session_id))
    return cur.rowcount == 1


def session_in_ledger(conn: Connection, session_id: UUID) -> bool:
    row = conn.execute("SELECT EXISTS (SELECT 1 FROM credit_ledger WHERE session_id = %s)",
                       (session_id,)).fetchone()
    return bool(row and row[0])


def delete_uncharged_session(conn: Connection, session_id: UUID) -> bool:
    """Delete the session and everything of it (questions, answers, plan, timer), unless the
    ledger names it; whether it was deleted."""
    cur = conn.execute(
        "DELETE FROM sessions s WHERE s.id = %s "
        "AND NOT EXISTS (SELECT 1 FROM credit_ledger c WHERE c.session_id = s.id)",
        (session_id,))
    return cur.rowcount == 1


def hide_session(conn: Connection, session_id: UUID, at: datetime) -> str | None:
    """Delete a session by hiding it, its rows (and the ledger's) kept; its status before
    (None: no such session, or hidden already). A running one is left as it is: its status
    says so, and the caller refuses."""
    row = conn.execute(
        "WITH found AS (SELECT id, status FROM sessions WHERE id = %s AND deleted_at IS NULL "
        "FOR UPDATE) "
        "UPDATE sessions s SET deleted_at = %s FROM found "
        "WHERE s.id = found.id AND found.status <> 'active' RETURNING found.status",
        (session_id, at)).fetchone()
    if row is not None:
        return str(row[0])
    status = conn.execute("SELECT status FROM sessions WHERE id = %s AND deleted_at IS NULL",
                          (session_id,)).fetchone()
    return None if status is None else str(status[0])


def delete_empty_sessions(conn: Connection, user_id: UUID) -> int:
    """Delete the user's sessions that never started and asked nothing ("Ready", no questions);
    how many."""
    cur = conn.execute(
        "DELETE FROM sessions s WHERE s.user_id = %s AND s.status = 'created' "
        "AND NOT EXISTS (SELECT 1 FROM interview_questions q WHERE q.session_id = s.id) "
        "AND NOT EXISTS (SELECT 1 FROM credit_ledger c WHERE c.session_id = s.id)", (user_id,))
    return cur.rowcount


def refundable_credits(conn: Connection, session_id: UUID) -> int:
    """What the session's charges come to, less what was refunded already, if it holds no
    answer; 0 otherwise."""
    row = conn.execute(
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM interview_answers WHERE session_id = %s) "
        "THEN 0 ELSE coalesce(-sum(delta), 0) END "
        "FROM credit_ledger WHERE session_id = %s", (session_id, session_id)).fetchone()
    return max(0, int(row[0])) if row and row[0] is not None else 0
