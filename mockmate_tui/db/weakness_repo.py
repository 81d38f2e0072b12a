"""Weak areas, their reviews, an answer's facts and why a planned question was picked: plain
functions of a connection, every value a bound parameter, never a commit of their own."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

from mockmate_tui.core.schedule import WeakArea
from mockmate_tui.core.weakness import Grade, area_from_key
from mockmate_tui.db.repo import Connection
from mockmate_tui.records import Category, Difficulty

log = logging.getLogger(__name__)


@contextmanager
def best_effort(conn: Connection, what: str) -> Iterator[None]:
    """A savepoint for work that must not cost the transaction around it: an error inside is
    logged and undone back to here, and the transaction goes on. A lost connection is not
    swallowed: the transaction is lost anyway, and its caller must know."""
    try:
        with conn.transaction():
            yield
    except psycopg.OperationalError:
        raise
    except Exception:
        log.exception("%s failed; the rest of the transaction goes on", what)


@dataclass(frozen=True)
class PlanReason:
    question_number: int
    reason: str
    areas: tuple[str, ...] = ()
    retry_of: UUID | None = None


@dataclass(frozen=True)
class AnsweredQuestion:
    """One answer with its question and session: what progress, coverage and comparison read."""

    answer_id: UUID
    session_id: UUID
    session_name: str
    job_title: str
    job_description: str
    session_created_at: datetime
    question_number: int
    question_text: str
    category: Category
    difficulty: Difficulty
    answer_text: str
    score: int | None
    answered_at: datetime
    facts: dict[str, Any] | None


# -- an answer's facts and reviews ------------------------------------------------------------


def insert_answer_facts(
    conn: Connection, answer_id: UUID, session_id: UUID, facts: dict[str, Any]
) -> bool:
    """Store the facts once; False (nothing written) when they are already stored."""
    row = conn.execute(
        "INSERT INTO answer_facts (answer_id, session_id, facts) VALUES (%s, %s, %s) "
        "ON CONFLICT (answer_id) DO NOTHING RETURNING answer_id",
        (answer_id, session_id, Jsonb(facts)),
    ).fetchone()
    return row is not None


def insert_review(
    conn: Connection,
    answer_id: UUID,
    user_id: UUID,
    area: str,
    grade: Grade,
    why: str,
    at: datetime,
) -> bool:
    row = conn.execute(
        "INSERT INTO weak_area_reviews (answer_id, user_id, area, grade, why, reviewed_at) "
        "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (answer_id, area) DO NOTHING "
        "RETURNING area",
        (answer_id, user_id, area, int(grade), why, at),
    ).fetchone()
    return row is not None


def list_reviews(conn: Connection, user_id: UUID) -> list[tuple[str, Grade, datetime]]:
    """Every review of the person's weak areas: (area key, grade, when), oldest first."""
    rows = conn.execute(
        "SELECT area, grade, reviewed_at FROM weak_area_reviews "
        "WHERE user_id = %s ORDER BY reviewed_at, area",
        (user_id,),
    ).fetchall()
    return [(str(area), Grade(grade), at) for area, grade, at in rows]


def review_findings(conn: Connection, answer_ids: Sequence[UUID]) -> dict[UUID, dict[str, int]]:
    """Each answer's graded areas: {answer: {area key: grade}}."""
    found: dict[UUID, dict[str, int]] = {}
    rows = conn.execute(
        "SELECT answer_id, area, grade FROM weak_area_reviews WHERE answer_id = ANY(%s)",
        (list(answer_ids),),
    ).fetchall()
    for answer_id, area, grade in rows:
        found.setdefault(answer_id, {})[str(area)] = int(grade)
    return found


def session_weak_areas(conn: Connection, user_id: UUID) -> dict[str, dict[str, Grade]]:
    """For each of the person's sessions (hidden ones left out), the tracked weak areas its
    answers reviewed, by label, each with the worst grade an answer of it got there; worst
    first. One query for the whole history."""
    rows = conn.execute(
        "SELECT a.session_id::text, w.label, min(r.grade) AS grade "
        "FROM weak_area_reviews r "
        "JOIN interview_answers a ON a.id = r.answer_id "
        "JOIN sessions s ON s.id = a.session_id AND s.deleted_at IS NULL "
        "JOIN weak_areas w ON w.user_id = r.user_id AND w.area = r.area "
        "WHERE r.user_id = %s "
        "GROUP BY a.session_id, w.label ORDER BY a.session_id, grade, w.label",
        (user_id,),
    ).fetchall()
    found: dict[str, dict[str, Grade]] = {}
    for session_id, label, grade in rows:
        found.setdefault(session_id, {})[label] = Grade(grade)
    return found


# -- weak areas ---------------------------------------------------------------------------------


def _weak_area(row: dict[str, Any]) -> WeakArea:
    return WeakArea(
        area=area_from_key(row["area"]),
        card=dict(row["card"]),
        reviews=row["reviews"],
        lapses=row["lapses"],
        last_grade=Grade(row["last_grade"]),
        first_seen=row["first_seen"],
        last_reviewed=row["last_reviewed"],
    )


def lock_weak_areas(conn: Connection, user_id: UUID, areas: Sequence[str]) -> dict[str, WeakArea]:
    """The person's tracked areas among `areas`, locked for this transaction."""
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(
            "SELECT * FROM weak_areas WHERE user_id = %s AND area = ANY(%s) "
            "ORDER BY area FOR UPDATE",
            (user_id, list(areas)),
        )
        return {row["area"]: _weak_area(row) for row in cur.fetchall()}


def save_weak_area(conn: Connection, user_id: UUID, weak: WeakArea) -> None:
    conn.execute(
        "INSERT INTO weak_areas (user_id, area, kind, label, card, due, stability, reviews, "
        "lapses, last_grade, first_seen, last_reviewed) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (user_id, area) DO UPDATE SET card = EXCLUDED.card, due = EXCLUDED.due, "
        "stability = EXCLUDED.stability, reviews = EXCLUDED.reviews, "
        "lapses = EXCLUDED.lapses, last_grade = EXCLUDED.last_grade, "
        "last_reviewed = EXCLUDED.last_reviewed",
        (
            user_id,
            weak.area.key,
            weak.area.kind,
            weak.area.label,
            Jsonb(weak.card),
            weak.due,
            weak.stability,
            weak.reviews,
            weak.lapses,
            int(weak.last_grade),
            weak.first_seen,
            weak.last_reviewed,
        ),
    )


def list_weak_areas(conn: Connection, user_id: UUID) -> list[WeakArea]:
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute("SELECT * FROM weak_areas WHERE user_id = %s ORDER BY due, area", (user_id,))
        return [_weak_area(row) for row in cur.fetchall()]


# -- why a question was planned -------------------------------------------------------------------


def insert_plan_reasons(conn: Connection, session_id: UUID, reasons: Sequence[PlanReason]) -> None:
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO plan_reasons (session_id, question_number, reason, areas, retry_of) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
            [(session_id, r.question_number, r.reason, list(r.areas), r.retry_of) for r in reasons],
        )


def list_plan_reasons(conn: Connection, session_id: UUID) -> list[PlanReason]:
    rows = conn.execute(
        "SELECT question_number, reason, areas, retry_of FROM plan_reasons "
        "WHERE session_id = %s ORDER BY question_number",
        (session_id,),
    ).fetchall()
    return [
        PlanReason(number, reason, tuple(areas), retry_of)
        for number, reason, areas, retry_of in rows
    ]


# -- answers across sessions ----------------------------------------------------------------------

_ANSWERED = """
SELECT a.id AS answer_id, s.id AS session_id, s.session_name, s.job_title, s.job_description,
       s.created_at AS session_created_at, q.question_number, q.question_text, q.category,
       q.difficulty_level AS difficulty, a.answer_text, a.ai_score AS score, a.answered_at,
       f.facts
FROM interview_answers a
JOIN interview_questions q ON q.id = a.question_id
JOIN sessions s ON s.id = a.session_id
LEFT JOIN answer_facts f ON f.answer_id = a.id
"""


def answered_questions(
    conn: Connection,
    user_id: UUID,
    *,
    job_title: str | None = None,
    session_id: UUID | None = None,
    answer_ids: Sequence[UUID] | None = None,
) -> list[AnsweredQuestion]:
    """The person's answers (oldest first), optionally for one job title (any case), one
    session or some answers."""
    where = ["s.user_id = %(user)s", "s.deleted_at IS NULL"]  # (a deleted session: gone)
    params: dict[str, Any] = {"user": user_id}
    if job_title is not None:
        where.append("lower(btrim(s.job_title)) = lower(btrim(%(title)s))")
        params["title"] = job_title
    if session_id is not None:
        where.append("s.id = %(session)s")
        params["session"] = session_id
    if answer_ids is not None:
        where.append("a.id = ANY(%(answers)s)")
        params["answers"] = list(answer_ids)
    query = (
        _ANSWERED + " WHERE " + " AND ".join(where) + " ORDER BY a.answered_at, q.question_number"
    )
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(query.encode(), params)
        return [AnsweredQuestion(**row) for row in cur.fetchall()]


# -- talking points shown before answering --------------------------------------------------------


def mark_points_shown(conn: Connection, session_id: UUID, number: int, at: datetime) -> None:
    conn.execute(
        "INSERT INTO talking_points_shown (session_id, question_number, shown_at) "
        "VALUES (%s, %s, %s) ON CONFLICT DO NOTHING",
        (session_id, number, at),
    )


def points_shown(conn: Connection, session_id: UUID) -> dict[int, datetime]:
    rows = conn.execute(
        "SELECT question_number, shown_at FROM talking_points_shown "
        "WHERE session_id = %s ORDER BY question_number",
        (session_id,),
    ).fetchall()
    return {int(number): at for number, at in rows}


# -- the person's CV ------------------------------------------------------------------------------


def save_cv(conn: Connection, user_id: UUID, text: str, source_name: str, at: datetime) -> None:
    conn.execute(
        "INSERT INTO user_cv (user_id, cv_text, source_name, imported_at) "
        "VALUES (%s, %s, %s, %s) ON CONFLICT (user_id) DO UPDATE SET "
        "cv_text = EXCLUDED.cv_text, source_name = EXCLUDED.source_name, "
        "imported_at = EXCLUDED.imported_at",
        (user_id, text, source_name, at),
    )


def get_cv(conn: Connection, user_id: UUID) -> str | None:
    row = conn.execute("SELECT cv_text FROM user_cv WHERE user_id = %s", (user_id,)).fetchone()
    return str(row[0]) if row else None
