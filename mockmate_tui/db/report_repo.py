"""A whole report in one round trip (the per-table queries are in question_repo.py, shared
with it)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import psycopg
from psycopg.rows import dict_row
from pydantic import TypeAdapter

from mockmate_tui.core.report_stats import report_average_response_time, report_average_score
from mockmate_tui.db.question_repo import (
    REPORT_HEADER,
    SESSION_ANSWERS,
    SESSION_QUESTIONS,
    report_header,
)
from mockmate_tui.db.repo import Connection
from mockmate_tui.models import (
    Delivery,
    InterviewAnswer,
    InterviewQuestion,
    KeyPointMark,
    Session,
    SessionReport,
    User,
)

_MARKS: TypeAdapter[list[KeyPointMark]] = TypeAdapter(list[KeyPointMark])


def report_rows(conn: Connection, session_id: UUID) -> tuple[
        tuple[Session, User] | None, list[InterviewQuestion], list[InterviewAnswer]]:
    """A report's header, questions and answers, in one round trip: the three SELECTs go out in
    one pipeline, whose exit sends the one Sync and collects every result; the rows are read
    after that. On an autocommit connection the three run in one implicit transaction (up to
    the Sync), so they agree with each other.

    Rows come as tuples in binary (timestamps decode faster) and become models without being
    validated again: every field is already what the database's types and checks guarantee
    (ids as text, the category and difficulty by CHECK, whole numbers, timestamps with their
    zone), so pydantic's validation would only prove it twice, at a third of a long report's
    time. Only the answer's JSON columns (key-point marks, delivery), whose shape the database
    does not check, are validated. (Building the JSON in SQL instead measured slower: the
    server's json_agg costs more than it saves.)"""
    with conn.cursor(row_factory=dict_row) as head, conn.cursor(binary=True) as qcur, \
            conn.cursor(binary=True) as acur:
        with conn.pipeline():
            head.execute(REPORT_HEADER, (session_id,))
            qcur.execute(SESSION_QUESTIONS, (session_id,))
            acur.execute(SESSION_ANSWERS, (session_id,))
        header = report_header(head.fetchone())
        questions = [InterviewQuestion.model_construct(**row)
                     for row in _as_dicts(qcur, qcur.fetchall())]
        answers = [_answer(row) for row in _as_dicts(acur, acur.fetchall())]
    return header, questions, answers


def _answer(row: dict[str, Any]) -> InterviewAnswer:
    marks, delivery = row.pop("key_point_marks"), row.pop("delivery")
    return InterviewAnswer.model_construct(
        **row,
        key_point_marks=_MARKS.validate_python(marks) if marks else [],
        delivery=None if delivery is None else Delivery.model_validate(delivery),
    )


def _as_dicts(cursor: psycopg.Cursor[Any], rows: list[Any]) -> list[dict[str, Any]]:
    names = [column.name for column in cursor.description or ()]
    return [dict(zip(names, row, strict=True)) for row in rows]


def session_report(conn: Connection, session_id: UUID) -> SessionReport | None:
    """The whole report of a session (None: no such session), from one report_rows call."""
    header, questions, answers = report_rows(conn, session_id)
    if header is None:
        return None
    session, user = header
    return SessionReport.model_construct(  # its parts are models already (see report_rows)
        session=session,
        user=user,
        questions=questions,
        answers=answers,
        total_questions=len(questions),
        total_answers=len(answers),
        average_response_time=report_average_response_time(answers),
        average_score=report_average_score(answers),
    )
