"""Queries for an interview's questions and answers, and the report that reads them back:
plain functions of a connection, every value a bound parameter, never a commit of their own."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from psycopg.rows import class_row, dict_row
from psycopg.types.json import Jsonb

from mockmate_tui.db.repo import (
    Connection,
    conflict_on_duplicate,
    session_from_json,
    user_from_json,
)
from mockmate_tui.errors import (
    InvalidInputError,
    MockMateError,
    NotFoundError,
    TimerStateError,
)
from mockmate_tui.records import AnswerMode, Session, User

if TYPE_CHECKING:
    # pydantic's models, imported where rows become them: the service imports this module at
    # start, and the app at rest reads no question (issue 21).
    from mockmate_tui.models import Delivery, InterviewAnswer, InterviewQuestion

# -- questions and answers ------------------------------------------------------------------

def insert_question(conn: Connection, question_id: UUID, session_id: UUID, number: int,
                    text: str, category: str, difficulty: str, expected_minutes: int,
                    at: datetime) -> None:
    with conflict_on_duplicate("question_number", number):
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
    with conflict_on_duplicate("question_number", number):
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
                  at: datetime, scored_by: str | None = None, mode: AnswerMode = "typed",
                  delivery: Delivery | None = None) -> None:
    with conflict_on_duplicate("answer", question_id):
        conn.execute(
            "INSERT INTO interview_answers (id, question_id, session_id, answer_text, "
            "response_time, ai_feedback, ai_score, answered_at, created_at, scored_by, "
            "answer_mode, delivery) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (answer_id, question_id, session_id, text, response_time, feedback, score, at, at,
             scored_by, mode, delivery_json(delivery)),
        )


def delivery_json(delivery: Delivery | None) -> Jsonb | None:
    """An answer's delivery as the jsonb it is stored as."""
    return None if delivery is None else Jsonb(delivery.model_dump(mode="json"))


def insert_answer_if_allowed(conn: Connection, answer_id: UUID, question_id: UUID,
                             session_id: UUID, text: str, response_time: int,
                             feedback: str | None, score: int | None, at: datetime,
                             scored_by: str | None = None) -> bool:
    """Store an answer if its question belongs to `session_id` and that session is not
    completed, in one statement (one round trip). False, and nothing written, if a check
    failed: `answer_refusal` tells which; also False if this very answer (`answer_id`) is stored
    already (a retry after a lost reply). A second answer to the question is a ConflictError."""
    with conflict_on_duplicate("answer", question_id):
        row = conn.execute(
            "INSERT INTO interview_answers (id, question_id, session_id, answer_text, "
            "response_time, ai_feedback, ai_score, answered_at, created_at, scored_by) "
            "SELECT %(id)s, q.id, q.session_id, %(text)s, %(response_time)s, %(feedback)s, "
            "%(score)s, %(at)s, %(at)s, %(scored_by)s "
            "FROM interview_questions q JOIN sessions s ON s.id = q.session_id "
            "WHERE q.id = %(question_id)s AND q.session_id = %(session_id)s "
            "AND s.status <> 'completed' ON CONFLICT (id) DO NOTHING RETURNING id",
            {"id": answer_id, "question_id": question_id, "session_id": session_id,
             "text": text, "response_time": response_time, "feedback": feedback,
             "score": score, "at": at, "scored_by": scored_by},
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


def update_score(conn: Connection, answer_id: UUID, score: int, feedback: str,
                 scored_by: str) -> None:
    """Replace an answer's score, feedback and what produced them (`mockmate rescore`)."""
    conn.execute(
        "UPDATE interview_answers SET ai_score = %s, ai_feedback = %s, scored_by = %s "
        "WHERE id = %s",
        (score, feedback, scored_by, answer_id),
    )


def list_questions(conn: Connection, session_id: UUID) -> list[InterviewQuestion]:
    from mockmate_tui.models import InterviewQuestion

    with conn.cursor(row_factory=class_row(InterviewQuestion)) as cur:
        cur.execute(SESSION_QUESTIONS, (session_id,))
        return cur.fetchall()


def list_answers(conn: Connection, session_id: UUID) -> list[InterviewAnswer]:
    from mockmate_tui.models import InterviewAnswer

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
    "a.ai_feedback, a.ai_score, a.answered_at, a.created_at, a.scored_by, "
    "a.key_point_marks, a.answer_mode, a.delivery "
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
    return session_from_json(row["session"]), user_from_json(row["user"])


def question_exists(conn: Connection, question_id: UUID) -> bool:
    return conn.execute("SELECT 1 FROM interview_questions WHERE id = %s",
                        (question_id,)).fetchone() is not None


def answer_exists(conn: Connection, answer_id: UUID) -> bool:
    return conn.execute("SELECT 1 FROM interview_answers WHERE id = %s",
                        (answer_id,)).fetchone() is not None
