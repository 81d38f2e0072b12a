"""A whole report in one round trip (the per-table queries are in question_repo.py, shared
with it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
    with conn.cursor(row_factory=dict_row) as head, \
            conn.cursor(binary=True, row_factory=_model_rows(InterviewQuestion)) as qcur, \
            conn.cursor(binary=True, row_factory=_model_rows(InterviewAnswer)) as acur:
        with conn.pipeline():
            head.execute(REPORT_HEADER, (session_id,))
            qcur.execute(SESSION_QUESTIONS, (session_id,))
            acur.execute(REPORT_ANSWERS, (session_id,))
        header = report_header(head.fetchone())
        questions = qcur.fetchall()
        answers = [_with_json(answer) for answer in acur.fetchall()]
    return header, questions, answers


def _dict_maker(names: list[str]) -> Callable[[Sequence[Any]], dict[str, Any]]:
    """`lambda v: {"id": v[0], "session_id": v[1], ...}` for these column names: a dict
    display measured twice as fast as dict(zip(names, v)), the larger half of making a row a
    model. The names are a model's field names (checked by the caller: identifiers of ours,
    never a value from outside), written as literals with repr()."""
    assert all(name.isidentifier() for name in names)
    items = ", ".join(f"{name!r}: v[{index}]" for index, name in enumerate(names))
    made: Callable[[Sequence[Any]], dict[str, Any]] = eval(f"lambda v: {{{items}}}")
    return made


def _with_json(answer: InterviewAnswer) -> InterviewAnswer:
    """The answer with its JSON columns as models: their shape is not the database's to
    check, so they are validated (when there is any: most answers have neither)."""
    values = answer.__dict__
    marks, delivery = values["key_point_marks"], values["delivery"]
    values["key_point_marks"] = _MARKS.validate_python(marks) if marks else []
    if delivery is not None:
        values["delivery"] = Delivery.model_validate(delivery)
    return answer


M = TypeVar("M", bound=BaseModel)

# A pydantic model's own slots, set directly: what validation would leave in them.
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__


def _model_rows(model: type[M]) -> Callable[[psycopg.Cursor[Any]], Callable[[Sequence[Any]], M]]:
    """A row factory making each row a `model` holding its values, unvalidated. Not
    model_construct: that one fills defaults and sorts extras field by field in Python, and
    measured three times slower than validating (which is what this saves). The statement
    must name every field of the model and nothing else: checked once per statement."""

    def factory(cursor: psycopg.Cursor[Any]) -> Callable[[Sequence[Any]], M]:
        names = [column.name for column in cursor.description or ()]
        assert sorted(names) == sorted(model.model_fields), (names, model.__name__)
        # The models are frozen: one fields set is shared by the statement's rows (pydantic
        # copies it on model_copy, and changes it only on assignment, which they refuse).
        fields_set = set(names)
        new = object.__new__
        as_dict = _dict_maker(names)

        def make(values: Sequence[Any]) -> M:
            built: M = new(model)
            _SET_DICT(built, as_dict(values))
            _SET_FIELDS_SET(built, fields_set)
            _SET_EXTRA(built, None)
            _SET_PRIVATE(built, None)
            return built

        return make

    return factory


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
