"""Plain queries: functions of a connection that return models (the timer's are in
timer_repo.py).

Every value is a bound parameter. Functions here never commit: the caller's transaction
(`with pool.connection()` or `conn.transaction()`) decides what is written together.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

import psycopg
from psycopg.rows import class_row, dict_row

from mockmate_tui.errors import (
    ConflictError,
)
from mockmate_tui.records import ChargeReason, Session, SessionSummary, User

if TYPE_CHECKING:
    from mockmate_tui.models import LedgerEntry

Connection = psycopg.Connection[Any]

_DUPLICATE_MESSAGES = {
    "email": "A user with the email {value} already exists.",
    "question_number": "Question number {value} already exists in this session.",
    "answer": "This question has already been answered.",
}


@contextmanager
def conflict_on_duplicate(what: str, value: object) -> Iterator[None]:
    """Turn a unique-constraint violation into a ConflictError a person can read."""
    try:
        yield
    except psycopg.errors.UniqueViolation as error:
        raise ConflictError(_DUPLICATE_MESSAGES[what].format(value=value)) from error


# -- users ----------------------------------------------------------------------------------

def insert_user(conn: Connection, user_id: UUID, name: str, email: str, credits: int,
                created_at: datetime, *, own: bool = True) -> User:
    """A new profile; `own`: it belongs to the connected login role (db_role = current_user),
    else to nobody until the owner assigns it."""
    try:
        with conn.cursor(row_factory=class_row(User)) as cur:
            cur.execute(
                "INSERT INTO users (id, name, email, credit_balance, initial_credits, created_at,"
                " db_role) VALUES (%s, %s, %s, %s, %s, %s, CASE WHEN %s THEN current_user END) "
                "RETURNING id, name, email, credit_balance, created_at",
                (user_id, name, email, credits, credits, created_at, own),
            )
            user = cur.fetchone()
    except psycopg.errors.UniqueViolation as error:
        if error.diag.constraint_name == "users_db_role_unique":
            raise ConflictError("Your database login already has a MockMate profile.") from error
        raise ConflictError(_DUPLICATE_MESSAGES["email"].format(value=email)) from error
    assert user is not None
    return user


def lock_profiles_of_this_role(conn: Connection) -> None:
    """Serialise profile creation by one login role for this transaction, so two processes of
    the same person (or the owner making profiles in parallel) never both take `own`."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtext('mockmate-profile:' || current_user))")


def role_user(conn: Connection, role: str | None = None) -> User | None:
    """The profile of a login role (None: the connected one): one lookup in the unique index
    users_db_role_unique, never a read of every user."""
    with conn.cursor(row_factory=class_row(User)) as cur:
        if role is None:
            cur.execute("SELECT id, name, email, credit_balance, created_at FROM users "
                        "WHERE db_role = current_user")
        else:
            cur.execute("SELECT id, name, email, credit_balance, created_at FROM users "
                        "WHERE db_role = %s", (role,))
        return cur.fetchone()


def locked_profile_role(conn: Connection, email: str) -> tuple[str | None] | None:
    """The login role owning the profile with this email (NULL: nobody's), its row locked for
    the transaction; None if there is no such profile."""
    row = conn.execute("SELECT db_role FROM users WHERE lower(email) = lower(%s) FOR UPDATE",
                       (email,)).fetchone()
    return (None if row[0] is None else str(row[0]),) if row else None


def assign_role(conn: Connection, email: str, role: str) -> User | None:
    """Give the profile with this email (any capitalisation) to a login role; None if there is
    no such profile. A role already holding another profile is a ConflictError."""
    try:
        with conn.cursor(row_factory=class_row(User)) as cur:
            cur.execute(
                "UPDATE users SET db_role = %s WHERE lower(email) = lower(%s) "
                "RETURNING id, name, email, credit_balance, created_at",
                (role, email),
            )
            return cur.fetchone()
    except psycopg.errors.UniqueViolation as error:
        raise ConflictError(f"The role {role} already has a MockMate profile.") from error


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
    from mockmate_tui.models import LedgerEntry  # pydantic's: not for the app at rest

    with conn.cursor(row_factory=class_row(LedgerEntry)) as cur:
        cur.execute(
            "SELECT id, user_id, session_id, delta, reason, hour_index, note, created_at "
            "FROM credit_ledger WHERE user_id = %s ORDER BY id",
            (user_id,),
        )
        return cur.fetchall()


# -- sessions -------------------------------------------------------------------------------

# Sessions are read through the session_overview view (schema.sql), which adds billed and
# paused seconds to the spec's columns.


def insert_session(conn: Connection, session_id: UUID, user_id: UUID, session_name: str,
                   job_title: str, job_description: str, created_at: datetime,
                   company: str | None = None) -> Session:
    conn.execute(
        "INSERT INTO sessions (id, user_id, session_name, job_title, job_description, created_at,"
        " company) VALUES (%s, %s, %s, %s, %s, %s, %s)",
        (session_id, user_id, session_name, job_title, job_description, created_at, company),
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


def list_session_summaries(conn: Connection, user_id: UUID, *, limit: int | None = None,
                           before: UUID | None = None) -> list[SessionSummary]:
    """The user's sessions, newest first, with their question and answer counts and average
    score, in one round trip. Paged by keyset: at most `limit` (None: all), starting after the
    session `before` (None: from the newest), so a page costs the same however deep it is,
    through the index on (user_id, created_at DESC)."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(
            """
            SELECT row_to_json(s) AS session,
                   (SELECT count(*) FROM interview_questions q WHERE q.session_id = s.id)
                       AS total_questions,
                   a.total_answers, a.average_score, a.spoken_answers, a.words_per_minute,
                   a.fillers_per_minute
            FROM session_overview s
            -- Every answer figure from one pass over the session's answers.
            CROSS JOIN LATERAL (
                SELECT count(*) AS total_answers, avg(ai_score)::float AS average_score,
                       count(*) FILTER (WHERE answer_mode = 'spoken') AS spoken_answers,
                       avg((delivery->>'words_per_minute')::float)
                           FILTER (WHERE answer_mode = 'spoken') AS words_per_minute,
                       avg((delivery->>'fillers_per_minute')::float)
                           FILTER (WHERE answer_mode = 'spoken') AS fillers_per_minute
                FROM interview_answers WHERE session_id = s.id
            ) a
            WHERE s.user_id = %(user_id)s
              AND (%(before)s::uuid IS NULL OR (
                  -- The page's start as a value (an InitPlan), so the index scan starts there.
                  s.created_at <= (SELECT created_at FROM sessions
                                   WHERE id = %(before)s::uuid AND user_id = %(user_id)s)
                  AND (s.created_at < (SELECT created_at FROM sessions
                                       WHERE id = %(before)s::uuid)
                       OR s.id > %(before)s::uuid)))
            ORDER BY s.created_at DESC, s.id
            LIMIT %(limit)s
            """,
            {"user_id": user_id, "before": before, "limit": limit},
        )
        rows = cur.fetchall()
    return [
        SessionSummary(
            session=session_from_json(row["session"]),
            total_questions=row["total_questions"],
            total_answers=row["total_answers"],
            average_score=row["average_score"],
            spoken_answers=row["spoken_answers"],
            words_per_minute=row["words_per_minute"],
            fillers_per_minute=row["fillers_per_minute"],
        )
        for row in rows
    ]


_SESSION_TIMES = ("created_at", "started_at", "ended_at")
_USER_FIELDS = tuple(field.name for field in fields(User))


def session_from_json(values: dict[str, Any]) -> Session:
    """A session_overview row as row_to_json gives it: its times as ISO 8601 text."""
    times = {name: _timestamp(values[name]) for name in _SESSION_TIMES}
    return Session(**{**values, **times})


def user_from_json(values: dict[str, Any]) -> User:
    """A users row as row_to_json gives it (its other columns left out)."""
    user = {name: values[name] for name in _USER_FIELDS}
    return User(**{**user, "created_at": _timestamp(user["created_at"])})


def _timestamp(value: str | datetime | None) -> datetime | None:
    # PostgreSQL's JSON writes a timestamptz as ISO 8601 with its offset, which
    # fromisoformat reads (as pydantic did) into the same aware datetime.
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def category_averages(conn: Connection, user_id: UUID) -> dict[str, dict[str, float]]:
    """Average score per category of every session of the user: session id -> category ->
    mean of the scored answers. One round trip."""
    rows = conn.execute(
        """
        SELECT q.session_id::text, q.category, avg(a.ai_score)::float
        FROM interview_answers a
        JOIN interview_questions q ON q.id = a.question_id
        JOIN sessions s ON s.id = q.session_id
        WHERE s.user_id = %s AND a.ai_score IS NOT NULL AND s.deleted_at IS NULL
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
