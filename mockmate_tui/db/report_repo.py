"""A whole report in one round trip (the per-table queries are in question_repo.py, shared
with it)."""

from __future__ import annotations

from typing import Any, TypeVar
from uuid import UUID

import psycopg
from psycopg.rows import dict_row
from pydantic import BaseModel, TypeAdapter

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

# The session's answers as list_answers reads them, but an answer with no key-point marks (most
# of them) brings NULL rather than '[]': a JSON document not decoded 1,000 times a report.
REPORT_ANSWERS = SESSION_ANSWERS.replace(
    "a.key_point_marks,", "nullif(a.key_point_marks, '[]'::jsonb) AS key_point_marks,")
assert REPORT_ANSWERS != SESSION_ANSWERS
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
            acur.execute(REPORT_ANSWERS, (session_id,))
        header = report_header(head.fetchone())
        question_fields, answer_fields = set(InterviewQuestion.model_fields), \
            set(InterviewAnswer.model_fields)
        questions = [_built(InterviewQuestion, row, question_fields)
                     for row in _as_dicts(qcur, qcur.fetchall(), InterviewQuestion)]
        answers = [_answer(row, answer_fields)
                   for row in _as_dicts(acur, acur.fetchall(), InterviewAnswer)]
    return header, questions, answers


def _answer(row: dict[str, Any], fields_set: set[str]) -> InterviewAnswer:
    # The JSON columns' shape is not the database's to check: validated (when there is any).
    marks, delivery = row["key_point_marks"], row["delivery"]
    row["key_point_marks"] = _MARKS.validate_python(marks) if marks else []
    if delivery is not None:
        row["delivery"] = Delivery.model_validate(delivery)
    return _built(InterviewAnswer, row, fields_set)


M = TypeVar("M", bound=BaseModel)

# A pydantic model's own slots, set directly: what validation would leave in them.
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__


def _built(model: type[M], values: dict[str, Any], fields_set: set[str]) -> M:
    """A model holding `values` (every one of its fields, checked by _as_dicts), unvalidated.
    Not model_construct: that one fills defaults and sorts extras field by field in Python,
    and measured three times slower than validating (which is what this saves). The models
    are frozen, so one `fields_set` is shared by a report's rows (pydantic copies it on
    model_copy and changes it only on assignment, which a frozen model refuses)."""
    built = object.__new__(model)
    _SET_DICT(built, values)
    _SET_FIELDS_SET(built, fields_set)
    _SET_EXTRA(built, None)
    _SET_PRIVATE(built, None)
    return built


def _as_dicts(cursor: psycopg.Cursor[Any], rows: list[Any],
              model: type[BaseModel]) -> list[dict[str, Any]]:
    names = [column.name for column in cursor.description or ()]
    # The statement names every field of the model, and nothing else (or it would be built
    # with a field missing): checked once per statement, not per row.
    assert sorted(names) == sorted(model.model_fields), (names, model.__name__)
    return [dict(zip(names, row, strict=False)) for row in rows]  # (checked above)


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
