"""Plain queries: functions of a connection that return models.

Every value is a bound parameter. Functions here never commit: the caller's transaction
(`with pool.connection()` or `conn.transaction()`) decides what is written together.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import class_row, dict_row
from pydantic import BaseModel, ConfigDict

from mockmate_tui.errors import ConflictError
from mockmate_tui.models import (
    ChargeReason,
    InterviewAnswer,
    InterviewQuestion,
    LedgerEntry,
    Session,
    SessionStatus,
    SessionSummary,
    User,
)

Connection = psycopg.Connection[Any]


class StoredTimer(BaseModel):
    """What the database knows about one session's timer."""

    model_config = ConfigDict(frozen=True)

    session_id: UUID
    user_id: UUID
    status: SessionStatus
    started_at: datetime | None
    closed_running_seconds: float
    open_running_seconds: float | None
    open_owner_id: UUID | None
    open_heartbeat_at: datetime | None
    paused_seconds: float
    paused_at: datetime | None
    credits_used: int


_DUPLICATE_MESSAGES = {
    "email": "A user with the email {value} already exists.",
    "question_number": "Question number {value} already exists in this session.",
    "answer": "This question has already been answered.",
}


@contextmanager
def _unique(what: str, value: object) -> Iterator[None]:
    """Turn a unique-constraint violation into a ConflictError a person can read."""
    try:
        yield
    except psycopg.errors.UniqueViolation as error:
        raise ConflictError(_DUPLICATE_MESSAGES[what].format(value=value)) from error


# -- users ----------------------------------------------------------------------------------

def insert_user(conn: Connection, user_id: UUID, name: str, email: str, credits: int,
                created_at: datetime) -> User:
    with conn.cursor(row_factory=class_row(User)) as cur, _unique("email", email):
        cur.execute(
            "INSERT INTO users (id, name, email, credit_balance, initial_credits, created_at) "
            "VALUES (%s, %s, %s, %s, %s, %s) "
            "RETURNING id, name, email, credit_balance, created_at",
            (user_id, name, email, credits, credits, created_at),
        )
        user = cur.fetchone()
    assert user is not None
    return user


def get_user(conn: Connection, user_id: UUID, *, for_update: bool = False) -> User | None:
    query = (
        "SELECT id, name, email, credit_balance, created_at FROM users WHERE id = %s FOR UPDATE"
        if for_update
        else "SELECT id, name, email, credit_balance, created_at FROM users WHERE id = %s"
    )
    with conn.cursor(row_factory=class_row(User)) as cur:
        cur.execute(query, (user_id,))
        return cur.fetchone()


def list_users(conn: Connection) -> list[User]:
    with conn.cursor(row_factory=class_row(User)) as cur:
        cur.execute(
            "SELECT id, name, email, credit_balance, created_at FROM users ORDER BY created_at, id"
        )
        return cur.fetchall()


def add_to_balance(conn: Connection, user_id: UUID, delta: int) -> int | None:
    """Apply `delta`; None (and no change) if the balance would go below zero."""
    row = conn.execute(
        "UPDATE users SET credit_balance = credit_balance + %s "
        "WHERE id = %s AND credit_balance + %s >= 0 RETURNING credit_balance",
        (delta, user_id, delta),
    ).fetchone()
    return int(row[0]) if row else None


def insert_ledger_entry(conn: Connection, user_id: UUID, session_id: UUID | None, delta: int,
                        reason: ChargeReason, hour_index: int | None, note: str | None,
                        created_at: datetime) -> bool:
    """Append one ledger row; False if that session's charge for that hour already exists."""
    row = conn.execute(
        "INSERT INTO credit_ledger (user_id, session_id, delta, reason, hour_index, note, "
        "created_at) VALUES (%s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (session_id, reason, coalesce(hour_index, 0)) "
        "WHERE reason IN ('session_start', 'hour') DO NOTHING RETURNING id",
        (user_id, session_id, delta, reason, hour_index, note, created_at),
    ).fetchone()
    return row is not None


def list_ledger(conn: Connection, user_id: UUID) -> list[LedgerEntry]:
    with conn.cursor(row_factory=class_row(LedgerEntry)) as cur:
        cur.execute(
            "SELECT id, user_id, session_id, delta, reason, hour_index, note, created_at "
            "FROM credit_ledger WHERE user_id = %s ORDER BY id",
            (user_id,),
        )
        return cur.fetchall()


def session_charge_count(conn: Connection, session_id: UUID) -> int:
    row = conn.execute(
        "SELECT count(*) FROM credit_ledger "
        "WHERE session_id = %s AND reason IN ('session_start', 'hour')",
        (session_id,),
    ).fetchone()
    return int(row[0]) if row else 0


# -- sessions -------------------------------------------------------------------------------

# Sessions are read through the session_overview view (schema.sql), which adds billed and
# paused seconds to the spec's columns.


def insert_session(conn: Connection, session_id: UUID, user_id: UUID, session_name: str,
                   job_title: str, job_description: str, created_at: datetime) -> Session:
    conn.execute(
        "INSERT INTO sessions (id, user_id, session_name, job_title, job_description, created_at)"
        " VALUES (%s, %s, %s, %s, %s, %s)",
        (session_id, user_id, session_name, job_title, job_description, created_at),
    )
    session = get_session(conn, session_id)
    assert session is not None
    return session


def get_session(conn: Connection, session_id: UUID) -> Session | None:
    with conn.cursor(row_factory=class_row(Session)) as cur:
        cur.execute("SELECT * FROM session_overview WHERE id = %s", (session_id,))
        return cur.fetchone()


def list_sessions(conn: Connection, user_id: UUID) -> list[Session]:
    with conn.cursor(row_factory=class_row(Session)) as cur:
        cur.execute(
            "SELECT * FROM session_overview WHERE user_id = %s ORDER BY created_at DESC, id",
            (user_id,),
        )
        return cur.fetchall()


def list_session_summaries(conn: Connection, user_id: UUID) -> list[SessionSummary]:
    """Every session of the user, newest first, with its question and answer counts and average
    score, in one round trip."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(
            """
            SELECT row_to_json(s) AS session,
                   (SELECT count(*) FROM interview_questions q WHERE q.session_id = s.id)
                       AS total_questions,
                   (SELECT count(*) FROM interview_answers a WHERE a.session_id = s.id)
                       AS total_answers,
                   (SELECT avg(a.ai_score)::float FROM interview_answers a
                    WHERE a.session_id = s.id) AS average_score
            FROM session_overview s WHERE s.user_id = %s ORDER BY s.created_at DESC, s.id
            """,
            (user_id,),
        )
        rows = cur.fetchall()
    return [
        SessionSummary(
            session=Session.model_validate(row["session"]),
            total_questions=row["total_questions"],
            total_answers=row["total_answers"],
            average_score=row["average_score"],
        )
        for row in rows
    ]


def category_averages(conn: Connection, user_id: UUID) -> dict[str, dict[str, float]]:
    """Average score per category of every session of the user: session id -> category ->
    mean of the scored answers. One round trip."""
    rows = conn.execute(
        """
        SELECT q.session_id::text, q.category, avg(a.ai_score)::float
        FROM interview_answers a
        JOIN interview_questions q ON q.id = a.question_id
        JOIN sessions s ON s.id = q.session_id
        WHERE s.user_id = %s AND a.ai_score IS NOT NULL
        GROUP BY q.session_id, q.category
        """,
        (user_id,),
    ).fetchall()
    averages: dict[str, dict[str, float]] = {}
    for session_id, category, average in rows:
        averages.setdefault(session_id, {})[category] = average
    return averages


def lock_session(conn: Connection, session_id: UUID) -> bool:
    """Take the session's row lock for this transaction, serialising its timer changes."""
    row = conn.execute("SELECT 1 FROM sessions WHERE id = %s FOR UPDATE", (session_id,)).fetchone()
    return row is not None


def get_stored_timer(conn: Connection, session_id: UUID) -> StoredTimer | None:
    with conn.cursor(row_factory=class_row(StoredTimer)) as cur:
        cur.execute(
            """
            SELECT s.id AS session_id, s.user_id, s.status, s.started_at,
                   coalesce((SELECT sum(running_seconds) FROM timer_intervals
                             WHERE session_id = s.id AND ended_at IS NOT NULL), 0)
                       AS closed_running_seconds,
                   o.running_seconds AS open_running_seconds, o.owner_id AS open_owner_id,
                   o.heartbeat_at AS open_heartbeat_at,
                   s.paused_seconds, s.paused_at, s.credits_used
            FROM sessions s
            LEFT JOIN timer_intervals o ON o.session_id = s.id AND o.ended_at IS NULL
            WHERE s.id = %s
            """,
            (session_id,),
        )
        return cur.fetchone()


def mark_started(conn: Connection, session_id: UUID, at: datetime) -> None:
    conn.execute(
        "UPDATE sessions SET status = 'active', started_at = %s WHERE id = %s", (at, session_id)
    )


def mark_paused(conn: Connection, session_id: UUID, at: datetime) -> None:
    conn.execute(
        "UPDATE sessions SET status = 'paused', paused_at = %s WHERE id = %s", (at, session_id)
    )


def mark_resumed(conn: Connection, session_id: UUID, paused_seconds: float) -> None:
    conn.execute(
        "UPDATE sessions SET status = 'active', paused_at = NULL, paused_seconds = %s "
        "WHERE id = %s",
        (paused_seconds, session_id),
    )


def mark_completed(conn: Connection, session_id: UUID, at: datetime, paused_seconds: float,
                   duration_minutes: int) -> None:
    conn.execute(
        "UPDATE sessions SET status = 'completed', ended_at = %s, paused_at = NULL, "
        "paused_seconds = %s, interview_duration = %s WHERE id = %s",
        (at, paused_seconds, duration_minutes, session_id),
    )


def set_billing(conn: Connection, session_id: UUID, duration_minutes: int,
                credits_used: int) -> None:
    conn.execute(
        "UPDATE sessions SET interview_duration = %s, credits_used = %s WHERE id = %s",
        (duration_minutes, credits_used, session_id),
    )


# -- timer intervals ------------------------------------------------------------------------

def open_interval(conn: Connection, session_id: UUID, at: datetime, owner_id: UUID) -> None:
    conn.execute(
        "INSERT INTO timer_intervals (session_id, started_at, heartbeat_at, owner_id) "
        "VALUES (%s, %s, %s, %s)",
        (session_id, at, at, owner_id),
    )


def save_open_interval(conn: Connection, session_id: UUID, owner_id: UUID,
                       running_seconds: float, at: datetime) -> bool:
    """The heartbeat: record how long the open interval has run. False if it is not ours."""
    row = conn.execute(
        "UPDATE timer_intervals SET running_seconds = %s, heartbeat_at = %s "
        "WHERE session_id = %s AND ended_at IS NULL AND owner_id = %s RETURNING id",
        (running_seconds, at, session_id, owner_id),
    ).fetchone()
    return row is not None


def close_open_interval(conn: Connection, session_id: UUID, owner_id: UUID,
                        running_seconds: float, at: datetime) -> bool:
    """End the open interval this owner measures. False if it is not ours any more (another
    process recovered it after this one stopped reporting)."""
    row = conn.execute(
        "UPDATE timer_intervals SET running_seconds = %s, heartbeat_at = %s, ended_at = %s, "
        "owner_id = NULL WHERE session_id = %s AND ended_at IS NULL AND owner_id = %s "
        "RETURNING id",
        (running_seconds, at, at, session_id, owner_id),
    ).fetchone()
    return row is not None


def close_interval_at_last_heartbeat(conn: Connection, session_id: UUID) -> None:
    """Crash recovery: end an abandoned interval where its owner last reported, so time nobody
    saw is never billed; the session becomes paused from that moment."""
    conn.execute(
        """
        WITH closed AS (
            UPDATE timer_intervals SET ended_at = heartbeat_at, owner_id = NULL
            WHERE session_id = %s AND ended_at IS NULL
            RETURNING session_id, heartbeat_at
        )
        UPDATE sessions s SET status = 'paused', paused_at = closed.heartbeat_at
        FROM closed WHERE s.id = closed.session_id
        """,
        (session_id,),
    )


def abandoned_sessions(conn: Connection, heartbeat_before: datetime) -> list[UUID]:
    """Sessions whose running interval has not been saved since `heartbeat_before`."""
    rows = conn.execute(
        "SELECT session_id FROM timer_intervals WHERE ended_at IS NULL AND heartbeat_at < %s",
        (heartbeat_before,),
    ).fetchall()
    return [row[0] for row in rows]


# -- questions and answers ------------------------------------------------------------------

def insert_question(conn: Connection, question_id: UUID, session_id: UUID, number: int,
                    text: str, category: str, difficulty: str, expected_minutes: int,
                    at: datetime) -> None:
    with _unique("question_number", number):
        conn.execute(
            "INSERT INTO interview_questions (id, session_id, question_number, question_text, "
            "category, difficulty_level, expected_duration, asked_at, created_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (question_id, session_id, number, text, category, difficulty, expected_minutes, at,
             at),
        )


def recent_question_texts(conn: Connection, user_id: UUID, sessions: int) -> list[str]:
    rows = conn.execute(
        """
        SELECT DISTINCT q.question_text FROM interview_questions q
        WHERE q.session_id IN (
            SELECT id FROM sessions WHERE user_id = %s ORDER BY created_at DESC LIMIT %s
        )
        """,
        (user_id, sessions),
    ).fetchall()
    return [row[0] for row in rows]


def question_session_id(conn: Connection, question_id: UUID) -> UUID | None:
    row = conn.execute(
        "SELECT session_id FROM interview_questions WHERE id = %s", (question_id,)
    ).fetchone()
    return row[0] if row else None


def insert_answer(conn: Connection, answer_id: UUID, question_id: UUID, session_id: UUID,
                  text: str, response_time: int, feedback: str | None, score: int | None,
                  at: datetime) -> None:
    with _unique("answer", question_id):
        conn.execute(
            "INSERT INTO interview_answers (id, question_id, session_id, answer_text, "
            "response_time, ai_feedback, ai_score, answered_at, created_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (answer_id, question_id, session_id, text, response_time, feedback, score, at, at),
        )


def list_questions(conn: Connection, session_id: UUID) -> list[InterviewQuestion]:
    with conn.cursor(row_factory=class_row(InterviewQuestion)) as cur:
        cur.execute(
            # Ids as text: the models keep them as strings, and building uuid objects only to
            # turn them back costs a third of a long report's time.
            "SELECT id::text AS id, session_id::text AS session_id, question_number, "
            "question_text, category, difficulty_level, expected_duration, asked_at, created_at "
            "FROM interview_questions WHERE session_id = %s ORDER BY question_number",
            (session_id,),
        )
        return cur.fetchall()


def list_answers(conn: Connection, session_id: UUID) -> list[InterviewAnswer]:
    with conn.cursor(row_factory=class_row(InterviewAnswer)) as cur:
        cur.execute(
            "SELECT a.id::text AS id, a.question_id::text AS question_id, "
            "a.session_id::text AS session_id, a.answer_text, a.response_time, "
            "a.ai_feedback, a.ai_score, a.answered_at, a.created_at "
            "FROM interview_answers a JOIN interview_questions q ON q.id = a.question_id "
            "WHERE a.session_id = %s ORDER BY q.question_number",
            (session_id,),
        )
        return cur.fetchall()


def get_session_with_user(conn: Connection, session_id: UUID) -> tuple[Session, User] | None:
    """A report's header, the session and its user, in one round trip."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(
            "SELECT row_to_json(s) AS session, row_to_json(u) AS user "
            "FROM session_overview s JOIN users u ON u.id = s.user_id WHERE s.id = %s",
            (session_id,),
        )
        row = cur.fetchone()
    if row is None:
        return None
    user = {key: row["user"][key] for key in User.model_fields}
    return Session.model_validate(row["session"]), User.model_validate(user)
