"""Key points a person marked as covered by their own sentence (interview_answers.
key_point_marks): read an answer with what its marks are checked against, add a mark, take one
back. Plain functions of a connection, every value a bound parameter, never a commit.

Row-level security keeps a person to their own answers: another person's answer is simply not
found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from psycopg.rows import dict_row
from pydantic import TypeAdapter

from mockmate_tui.db.repo import Connection
from mockmate_tui.models import KeyPointMark

_MARKS: TypeAdapter[list[KeyPointMark]] = TypeAdapter(list[KeyPointMark])


@dataclass(frozen=True)
class MarkableAnswer:
    """A stored answer with its question, the judge's verdict and the person's marks."""

    answer_id: str
    session_id: str
    question_number: int
    question_text: str
    answer_text: str
    ai_score: int | None
    ai_feedback: str | None
    marks: tuple[KeyPointMark, ...]
    planned_key_points: tuple[str, ...] | None
    """The interview plan's key points for the question; None when it has no plan row (a
    question saved through the design's commands), whose points come from the bank."""


_SELECT = (
    "SELECT a.id::text AS answer_id, a.session_id::text AS session_id, q.question_number, "
    "q.question_text, a.answer_text, a.ai_score, a.ai_feedback, a.key_point_marks, "
    "p.key_points AS planned_key_points, p.session_id IS NOT NULL AS planned "
    "FROM interview_answers a JOIN interview_questions q ON q.id = a.question_id "
    "LEFT JOIN interview_plan p ON p.question_id = a.question_id AND p.session_id = a.session_id "
)


def _answer(row: dict[str, Any]) -> MarkableAnswer:
    return MarkableAnswer(
        answer_id=row["answer_id"],
        session_id=row["session_id"],
        question_number=row["question_number"],
        question_text=row["question_text"],
        answer_text=row["answer_text"],
        ai_score=row["ai_score"],
        ai_feedback=row["ai_feedback"],
        marks=tuple(_MARKS.validate_python(row["key_point_marks"])),
        planned_key_points=tuple(row["planned_key_points"] or ()) if row["planned"] else None,
    )


def markable_answer(conn: Connection, answer_id: UUID) -> MarkableAnswer | None:
    """The answer (None: no such answer the connected person may see)."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(_SELECT + "WHERE a.id = %s", (answer_id,))
        row = cur.fetchone()
    return _answer(row) if row is not None else None


def marked_answers(conn: Connection) -> list[MarkableAnswer]:
    """Every answer with at least one mark, oldest first (the connected person's own, under
    row-level security; every person's for the database's owner)."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(_SELECT + "WHERE jsonb_array_length(a.key_point_marks) > 0 "
                    "ORDER BY a.answered_at, a.id")
        return [_answer(row) for row in cur.fetchall()]


def add_mark(conn: Connection, answer_id: UUID, key_point: str, quote: str,
             at: datetime) -> list[KeyPointMark] | None:
    """Add the mark in one statement that checks, as it writes, that the quote is an exact
    substring of the stored answer and the point is not marked yet. The answer's marks after
    it; None, and nothing written, if a check failed."""
    row = conn.execute(
        "UPDATE interview_answers SET key_point_marks = key_point_marks || jsonb_build_array("
        "jsonb_build_object('key_point', %(point)s::text, 'quote', %(quote)s::text, "
        "'marked_at', %(at)s::timestamptz)) "
        "WHERE id = %(id)s AND length(%(quote)s::text) > 0 "
        "AND strpos(answer_text, %(quote)s::text) > 0 "
        "AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(key_point_marks) m "
        "WHERE m->>'key_point' = %(point)s::text) "
        "RETURNING key_point_marks",
        {"id": answer_id, "point": key_point, "quote": quote, "at": at},
    ).fetchone()
    return _MARKS.validate_python(row[0]) if row is not None else None


def remove_mark(conn: Connection, answer_id: UUID, key_point: str) -> list[KeyPointMark] | None:
    """Take the point's mark back, in one statement; the answer's marks after it. None, and
    nothing written, if the answer has no mark on that point."""
    row = conn.execute(
        "UPDATE interview_answers SET key_point_marks = ("
        "SELECT coalesce(jsonb_agg(e.mark ORDER BY e.n), '[]'::jsonb) "
        "FROM jsonb_array_elements(key_point_marks) WITH ORDINALITY AS e(mark, n) "
        "WHERE e.mark->>'key_point' <> %(point)s::text) "
        "WHERE id = %(id)s AND EXISTS (SELECT 1 FROM jsonb_array_elements(key_point_marks) m "
        "WHERE m->>'key_point' = %(point)s::text) "
        "RETURNING key_point_marks",
        {"id": answer_id, "point": key_point},
    ).fetchone()
    return _MARKS.validate_python(row[0]) if row is not None else None
