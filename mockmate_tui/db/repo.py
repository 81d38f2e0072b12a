"""Plain queries: functions of a connection that return models (the timer's are in
timer_repo.py).

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

from mockmate_tui.errors import (
    ConflictError,
    InvalidInputError,
    MockMateError,
    NotFoundError,
    TimerStateError,
)
from mockmate_tui.models import (
    ChargeReason,
    InterviewAnswer,
    InterviewQuestion,
    LedgerEntry,
    Session,
    SessionSummary,
    User,
)

Connection = psycopg.Connection[Any]

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


@contextmanager
def autocommit(conn: Connection) -> Iterator[Connection]:
    """The connection in autocommit mode for the block, for a write that is one statement or
    for reads: PostgreSQL runs a lone statement (or a pipeline up to its Sync) as a transaction
    of its own, all or nothing, so an explicit BEGIN and COMMIT would only add two round trips
    (measured: bench/write_path.py). Anything sent after a write (the diagnosis of a refusal)
    is a read and writes nothing. Switching is client-side only: no round trip."""
    conn.autocommit = True
    try:
        yield conn
    finally:
        if not conn.closed:  # a broken connection is discarded by the pool anyway
            conn.autocommit = False


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
                   a.total_answers, a.average_score
            FROM session_overview s
            -- Both answer figures from one pass over the session's answers.
            CROSS JOIN LATERAL (
                SELECT count(*) AS total_answers, avg(ai_score)::float AS average_score
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


def insert_question_if_open(conn: Connection, question_id: UUID, session_id: UUID,
                            number: int, text: str, category: str, difficulty: str,
                            expected_minutes: int, at: datetime) -> bool:
    """Store a question if its session exists and is not completed, in one statement (one round
    trip). False, and nothing written, if a check failed: `session_status` tells which."""
    with _unique("question_number", number):
        row = conn.execute(
            "INSERT INTO interview_questions (id, session_id, question_number, question_text, "
            "category, difficulty_level, expected_duration, asked_at, created_at) "
            "SELECT %(id)s, s.id, %(number)s, %(text)s, %(category)s, %(difficulty)s, "
            "%(minutes)s, %(at)s, %(at)s FROM sessions s "
            "WHERE s.id = %(session_id)s AND s.status <> 'completed' RETURNING id",
            {"id": question_id, "session_id": session_id, "number": number, "text": text,
             "category": category, "difficulty": difficulty, "minutes": expected_minutes,
             "at": at},
        ).fetchone()
    return row is not None


def session_status(conn: Connection, session_id: UUID) -> str | None:
    """The session's status; None if there is no such session."""
    row = conn.execute("SELECT status FROM sessions WHERE id = %s", (session_id,)).fetchone()
    return str(row[0]) if row else None


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


def insert_answer_if_allowed(conn: Connection, answer_id: UUID, question_id: UUID,
                             session_id: UUID, text: str, response_time: int,
                             feedback: str | None, score: int | None, at: datetime) -> bool:
    """Store an answer if its question belongs to `session_id` and that session is not
    completed, in one statement (one round trip). False, and nothing written, if a check
    failed: `answer_refusal` tells which. A second answer to the question is a ConflictError."""
    with _unique("answer", question_id):
        row = conn.execute(
            "INSERT INTO interview_answers (id, question_id, session_id, answer_text, "
            "response_time, ai_feedback, ai_score, answered_at, created_at) "
            "SELECT %(id)s, q.id, q.session_id, %(text)s, %(response_time)s, %(feedback)s, "
            "%(score)s, %(at)s, %(at)s "
            "FROM interview_questions q JOIN sessions s ON s.id = q.session_id "
            "WHERE q.id = %(question_id)s AND q.session_id = %(session_id)s "
            "AND s.status <> 'completed' RETURNING id",
            {"id": answer_id, "question_id": question_id, "session_id": session_id,
             "text": text, "response_time": response_time, "feedback": feedback,
             "score": score, "at": at},
        ).fetchone()
    return row is not None


def answer_refusal(conn: Connection, session_id: UUID, question_id: UUID) -> MockMateError:
    """Why `insert_answer_if_allowed` wrote nothing, found in one more round trip (only the
    failure path pays it), as the error to raise; checked in the order a person reads them: the
    session, the question, the question's session, then the session's state."""
    row = conn.execute(
        "SELECT (SELECT status FROM sessions WHERE id = %s), "
        "(SELECT session_id FROM interview_questions WHERE id = %s)",
        (session_id, question_id),
    ).fetchone()
    assert row is not None  # a SELECT of two scalar subqueries always returns one row
    status, owner = row
    if status is None:
        return NotFoundError(f"There is no session with id {session_id}.")
    if owner is None:
        return NotFoundError(f"There is no question with id {question_id}.")
    if owner != session_id:
        return InvalidInputError(
            f"Question {question_id} belongs to another session, not {session_id}.",
            field="question_id",
        )
    return TimerStateError("This interview is completed; it takes no new answers.")


def list_questions(conn: Connection, session_id: UUID) -> list[InterviewQuestion]:
    with conn.cursor(row_factory=class_row(InterviewQuestion)) as cur:
        cur.execute(SESSION_QUESTIONS, (session_id,))
        return cur.fetchall()


def list_answers(conn: Connection, session_id: UUID) -> list[InterviewAnswer]:
    with conn.cursor(row_factory=class_row(InterviewAnswer)) as cur:
        cur.execute(SESSION_ANSWERS, (session_id,))
        return cur.fetchall()


def get_session_with_user(conn: Connection, session_id: UUID) -> tuple[Session, User] | None:
    """A report's header, the session and its user, in one round trip."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(REPORT_HEADER, (session_id,))
        return report_header(cur.fetchone())


SESSION_QUESTIONS = (
    # Ids as text: the models keep them as strings, and building uuid objects only to turn
    # them back costs a third of a long report's time.
    "SELECT id::text AS id, session_id::text AS session_id, question_number, "
    "question_text, category, difficulty_level, expected_duration, asked_at, created_at "
    "FROM interview_questions WHERE session_id = %s ORDER BY question_number"
)
SESSION_ANSWERS = (
    "SELECT a.id::text AS id, a.question_id::text AS question_id, "
    "a.session_id::text AS session_id, a.answer_text, a.response_time, "
    "a.ai_feedback, a.ai_score, a.answered_at, a.created_at "
    "FROM interview_answers a JOIN interview_questions q ON q.id = a.question_id "
    "WHERE a.session_id = %s ORDER BY q.question_number"
)
REPORT_HEADER = (
    "SELECT row_to_json(s) AS session, row_to_json(u) AS user "
    "FROM session_overview s JOIN users u ON u.id = s.user_id WHERE s.id = %s"
)


def report_header(row: dict[str, Any] | None) -> tuple[Session, User] | None:
    if row is None:
        return None
    user = {key: row["user"][key] for key in User.model_fields}
    return Session.model_validate(row["session"]), User.model_validate(user)
