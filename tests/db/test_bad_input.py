"""Bad input raises one family of errors with a message a person understands, and writes
nothing (issue: section 8). Text is stored exactly as given."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg
import pytest

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import (
    ConflictError,
    InvalidInputError,
    MockMateError,
    NotFoundError,
    TimerStateError,
)
from mockmate_tui.models import Session
from mockmate_tui.service import MockMate

TABLES = ("users", "sessions", "timer_intervals", "interview_questions", "interview_answers",
          "credit_ledger")


def row_counts(database_url: str) -> dict[str, int]:
    with psycopg.connect(database_url) as conn:
        counts = {}
        for table in TABLES:
            row = conn.execute(f"SELECT count(*) FROM {table}").fetchone()  # noqa: S608
            assert row is not None
            counts[table] = row[0]
        return counts


@pytest.fixture
def session(service: MockMate) -> Session:
    user = service.create_user("Ada", "ada@example.com")
    return service.create_session(user.id, "Mock", "Backend engineer", "")


@pytest.fixture
def question_id(service: MockMate, session: Session) -> str:
    return service.save_interview_question(session.id, 1, "Tell me about yourself",
                                           "introduction", "easy", 3)


MISSING = "00000000-0000-4000-8000-000000000000"

CASES: list[tuple[str, type[MockMateError], str, Callable[[MockMate, Session, str], Any]]] = [
    ("malformed session id", InvalidInputError, "not a valid session id",
     lambda m, s, q: m.start_interview_timer("not-a-uuid")),
    ("unknown session id", NotFoundError, "no session",
     lambda m, s, q: m.get_timer_state(MISSING)),
    ("unknown session for a question", NotFoundError, "no session",
     lambda m, s, q: m.save_interview_question(MISSING, 2, "Why?", "behavioral", "easy", 2)),
    ("score above 10", InvalidInputError, "ai_score must be between 1 and 10",
     lambda m, s, q: m.save_interview_answer(s.id, q, "answer", 30, "ok", 11)),
    ("score below 1", InvalidInputError, "ai_score must be between 1 and 10",
     lambda m, s, q: m.save_interview_answer(s.id, q, "answer", 30, "ok", 0)),
    ("unknown category", InvalidInputError, "Unknown category 'trivia'",
     lambda m, s, q: m.save_interview_question(s.id, 2, "Why?", "trivia", "easy", 2)),
    ("unknown difficulty", InvalidInputError, "Unknown difficulty 'brutal'",
     lambda m, s, q: m.save_interview_question(s.id, 2, "Why?", "behavioral", "brutal", 2)),
    ("negative response time", InvalidInputError, "response_time",
     lambda m, s, q: m.save_interview_answer(s.id, q, "answer", -5)),
    ("negative expected duration", InvalidInputError, "expected_duration",
     lambda m, s, q: m.save_interview_question(s.id, 2, "Why?", "behavioral", "easy", -1)),
    ("question number 0", InvalidInputError, "question_number",
     lambda m, s, q: m.save_interview_question(s.id, 0, "Why?", "behavioral", "easy", 2)),
    ("duplicate question number", ConflictError, "Question number 1 already exists",
     lambda m, s, q: m.save_interview_question(s.id, 1, "Again?", "behavioral", "easy", 2)),
    ("empty question", InvalidInputError, "question text cannot be empty",
     lambda m, s, q: m.save_interview_question(s.id, 2, "   ", "behavioral", "easy", 2)),
    ("pause a timer that is not running", TimerStateError, "has not started yet",
     lambda m, s, q: m.pause_interview_timer(s.id)),
    ("resume a timer that is not paused", TimerStateError, "has not started yet",
     lambda m, s, q: m.resume_interview_timer(s.id)),
    ("stop a timer never started", TimerStateError, "has not started",
     lambda m, s, q: m.stop_interview_timer(s.id)),
    ("NUL in an answer", InvalidInputError, "NUL",
     lambda m, s, q: m.save_interview_answer(s.id, q, "a\x00b", 5)),
    ("bad email", InvalidInputError, "not an email address",
     lambda m, s, q: m.create_user("Bob", "bob-at-example")),
    ("duplicate email, other case", ConflictError, "already exists",
     lambda m, s, q: m.create_user("Ada Two", "ADA@example.com")),
    ("empty job title", InvalidInputError, "job title cannot be empty",
     lambda m, s, q: m.create_session(s.user_id, "Mock", " ", "")),
    ("session for an unknown user", NotFoundError, "no user",
     lambda m, s, q: m.create_session(MISSING, "Mock", "Dev", "")),
    ("response time that is not a number", InvalidInputError, "whole number",
     lambda m, s, q: m.save_interview_answer(s.id, q, "answer", "12")),
]


@pytest.mark.parametrize(("name", "error", "message", "call"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_clearly_and_writes_nothing(
    service: MockMate, session: Session, question_id: str, database_url: str, name: str,
    error: type[MockMateError], message: str, call: Callable[[MockMate, Session, str], Any],
) -> None:
    before = row_counts(database_url)
    with pytest.raises(error, match=message):
        call(service, session, question_id)
    assert row_counts(database_url) == before


def test_an_answer_to_a_question_of_another_session_is_refused(
    service: MockMate, session: Session, question_id: str, database_url: str
) -> None:
    other = service.create_session(session.user_id, "Other", "Dev", "")
    before = row_counts(database_url)
    with pytest.raises(InvalidInputError, match="belongs to another session"):
        service.save_interview_answer(other.id, question_id, "answer", 10)
    assert row_counts(database_url) == before


def test_a_question_cannot_be_answered_twice(
    service: MockMate, session: Session, question_id: str
) -> None:
    service.save_interview_answer(session.id, question_id, "first", 10, "fine", 6)
    with pytest.raises(ConflictError, match="already been answered"):
        service.save_interview_answer(session.id, question_id, "second", 10)
    assert [a.answer_text for a in service.get_session_answers(session.id)] == ["first"]


def test_a_completed_session_cannot_start_again_or_take_questions(
    service: MockMate, session: Session, clock: FakeClock, database_url: str
) -> None:
    service.start_interview_timer(session.id)
    clock.advance(5)
    service.stop_interview_timer(session.id)
    before = row_counts(database_url)
    with pytest.raises(TimerStateError, match="already completed"):
        service.start_interview_timer(session.id)
    with pytest.raises(TimerStateError, match="completed"):
        service.save_interview_question(session.id, 2, "Why?", "behavioral", "easy", 2)
    with pytest.raises(TimerStateError, match="already completed"):
        service.stop_interview_timer(session.id)
    assert row_counts(database_url) == before


TRICKY_TEXTS = [
    "Café naïve — 面接の練習 🚀👩‍💻 مرحبا",
    "It's \"quoted\" and back\\slashed; DROP TABLE users; --",
    "'); DELETE FROM sessions WHERE ('1'='1",
    "  leading and trailing spaces, tabs\tand\nnew lines\n",
    "x" * 1_000_000,
]


@pytest.mark.parametrize("text", TRICKY_TEXTS, ids=["unicode", "quotes", "sql", "space", "1MB"])
def test_text_is_stored_exactly_as_given(
    service: MockMate, session: Session, text: str
) -> None:
    question_id = service.save_interview_question(session.id, 2, text, "technical", "hard", 5)
    service.save_interview_answer(session.id, question_id, text, 60, text, 5)
    report = service.get_interview_report(session.id)
    assert report.questions[0].question_text == text
    assert report.answers[0].answer_text == text
    assert report.answers[0].ai_feedback == text
    assert len(service.list_users()) == 1
