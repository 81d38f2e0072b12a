"""Queries for an interview's plan (the interview engine's state): plain functions of a
connection, every value a bound parameter, never a commit of their own."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from psycopg.rows import class_row
from pydantic import BaseModel, ConfigDict

from mockmate_tui.db.repo import Connection
from mockmate_tui.models import Category, Difficulty

PlanState = str  # 'pending' | 'asked' | 'answered' | 'skipped' (checked by the table)


class NewPlanItem(BaseModel):
    """One question to store in a plan."""

    model_config = ConfigDict(frozen=True)

    question_number: int
    question_text: str
    category: Category
    difficulty_level: Difficulty
    expected_duration: int
    key_points: tuple[str, ...] = ()
    follow_ups: bool = False
    """An answer that leaves a key point out brings one follow-up question."""
    follow_up_of: int | None = None


class StoredPlanItem(NewPlanItem):
    """One question of a stored plan and where the person is with it."""

    state: str
    question_id: UUID | None
    shown_at_seconds: float | None
    draft: str


_PLAN_COLUMNS = (
    "question_number, question_text, category, difficulty_level, expected_duration, key_points, "
    "follow_ups, follow_up_of, state, question_id, shown_at_seconds, draft"
)


def insert_plan(conn: Connection, session_id: UUID, items: Sequence[NewPlanItem]) -> None:
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO interview_plan (session_id, question_number, question_text, category, "
            "difficulty_level, expected_duration, key_points, follow_ups, follow_up_of) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    session_id,
                    item.question_number,
                    item.question_text,
                    item.category,
                    item.difficulty_level,
                    item.expected_duration,
                    list(item.key_points),
                    item.follow_ups,
                    item.follow_up_of,
                )
                for item in items
            ],
        )


# Far above any plan's length: moves the questions after an insertion point out of the way in
# one statement, so the primary key never sees two rows with one number.
_RENUMBER_OFFSET = 100_000


def insert_follow_up(conn: Connection, session_id: UUID, item: NewPlanItem) -> None:
    """Put a follow-up question right after the one it follows (item.follow_up_of); the
    questions not yet shown move one place down."""
    after = item.follow_up_of
    assert after is not None
    conn.execute(
        "UPDATE interview_plan SET question_number = question_number + %s "
        "WHERE session_id = %s AND question_number > %s",
        (_RENUMBER_OFFSET, session_id, after),
    )
    conn.execute(
        "UPDATE interview_plan SET question_number = question_number - %s "
        "WHERE session_id = %s AND question_number > %s",
        (_RENUMBER_OFFSET - 1, session_id, _RENUMBER_OFFSET),
    )
    insert_plan(conn, session_id, [item.model_copy(update={"question_number": after + 1})])


def insert_adopted_plan(
    conn: Connection, session_id: UUID, items: Sequence[StoredPlanItem]
) -> None:
    """Store a plan rebuilt from questions already asked (an interview begun before plans were
    kept in the database)."""
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO interview_plan (session_id, question_number, question_text, category, "
            "difficulty_level, expected_duration, key_points, state, question_id, "
            "shown_at_seconds) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
            "ON CONFLICT DO NOTHING",
            [
                (
                    session_id,
                    item.question_number,
                    item.question_text,
                    item.category,
                    item.difficulty_level,
                    item.expected_duration,
                    list(item.key_points),
                    item.state,
                    item.question_id,
                    item.shown_at_seconds,
                )
                for item in items
            ],
        )


def list_plan(conn: Connection, session_id: UUID) -> list[StoredPlanItem]:
    with conn.cursor(row_factory=class_row(StoredPlanItem)) as cur:
        cur.execute(
            f"SELECT {_PLAN_COLUMNS} FROM interview_plan "  # noqa: S608 - a constant column list
            "WHERE session_id = %s ORDER BY question_number",
            (session_id,),
        )
        return cur.fetchall()


@dataclass(frozen=True)
class AskedQuestionPoints:
    """An asked question and its plan row's key points (None: no plan row, a question saved
    through the design's commands)."""

    question_id: str
    question_text: str
    planned_key_points: tuple[str, ...] | None


def asked_questions_points(conn: Connection, session_id: UUID) -> list[AskedQuestionPoints]:
    """Every question asked in the session, in order, with its plan row's key points."""
    rows = conn.execute(
        "SELECT q.id::text, q.question_text, p.key_points, p.session_id IS NOT NULL "
        "FROM interview_questions q LEFT JOIN interview_plan p "
        "ON p.question_id = q.id AND p.session_id = q.session_id "
        "WHERE q.session_id = %s ORDER BY q.question_number",
        (session_id,),
    ).fetchall()
    return [
        AskedQuestionPoints(qid, text, tuple(points or ()) if planned else None)
        for qid, text, points, planned in rows
    ]


def mark_asked(
    conn: Connection, session_id: UUID, number: int, question_id: UUID, shown_at_seconds: float
) -> bool:
    """Record that a pending question was shown; False if it was not pending any more."""
    row = conn.execute(
        "UPDATE interview_plan SET state = 'asked', question_id = %s, shown_at_seconds = %s "
        "WHERE session_id = %s AND question_number = %s AND state = 'pending' "
        "RETURNING question_number",
        (question_id, shown_at_seconds, session_id, number),
    ).fetchone()
    return row is not None


def finish_question(conn: Connection, session_id: UUID, number: int, state: str) -> bool:
    """Move the question on screen to 'answered' or 'skipped' (its draft is spent); False if it
    was not on screen (answered or skipped meanwhile, say in another window)."""
    row = conn.execute(
        "UPDATE interview_plan SET state = %s, draft = '', draft_saved_at = NULL "
        "WHERE session_id = %s AND question_number = %s AND state = 'asked' "
        "RETURNING question_number",
        (state, session_id, number),
    ).fetchone()
    return row is not None


def save_draft(
    conn: Connection, session_id: UUID, text: str, at: datetime, *, number: int | None = None
) -> bool:
    """Keep the draft of the question on screen (only if it is question `number`, when
    given); False if no such question is on screen, or the interview is completed (its
    drafts are part of its report)."""
    row = conn.execute(
        "UPDATE interview_plan SET draft = %s, draft_saved_at = %s "
        "WHERE session_id = %s AND state = 'asked' "
        "AND (%s::integer IS NULL OR question_number = %s) "
        "AND NOT EXISTS (SELECT 1 FROM sessions WHERE id = %s AND status = 'completed') "
        "RETURNING question_number",
        (text, at, session_id, number, number, session_id),
    ).fetchone()
    return row is not None


def lock_session_status(conn: Connection, session_id: UUID) -> str | None:
    """The session's status, with its row locked for this transaction (None: no session)."""
    row = conn.execute(
        "SELECT status FROM sessions WHERE id = %s FOR UPDATE", (session_id,)
    ).fetchone()
    return str(row[0]) if row else None


def make_room_after_stored_questions(conn: Connection, session_id: UUID) -> None:
    """Questions saved through the design's commands keep their numbers: the plan's unshown
    questions move past the highest stored one, so showing the next never collides."""
    row = conn.execute(
        "SELECT (SELECT max(question_number) FROM interview_questions WHERE session_id = %s), "
        "(SELECT min(question_number) FROM interview_plan "
        " WHERE session_id = %s AND state = 'pending')",
        (session_id, session_id),
    ).fetchone()
    highest, first_pending = row if row is not None else (None, None)
    if highest is None or first_pending is None or first_pending > highest:
        return
    shift = highest - first_pending + 1
    conn.execute(
        "UPDATE interview_plan SET question_number = question_number + %s "
        "WHERE session_id = %s AND state = 'pending'",
        (_RENUMBER_OFFSET, session_id),
    )
    conn.execute(
        "UPDATE interview_plan SET question_number = question_number - %s "
        "WHERE session_id = %s AND question_number > %s",
        (_RENUMBER_OFFSET - shift, session_id, _RENUMBER_OFFSET),
    )
