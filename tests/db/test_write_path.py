"""The write path: saving a question or an answer is one checking statement, and every check it
makes still refuses bad input clearly, writing nothing."""

from __future__ import annotations

import psycopg
import pytest

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import InvalidInputError, MockMateError, NotFoundError, TimerStateError
from mockmate_tui.service import MockMate
from tests.support.statements import recorded_statements

MISSING = "00000000-0000-4000-8000-000000000000"


def answer_count(database_url: str) -> int:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT count(*) FROM interview_answers").fetchone()
        assert row is not None
        return int(row[0])


def test_saving_a_question_and_an_answer_is_one_statement_each(service: MockMate) -> None:
    user = service.create_user("Ada", "ada@example.com")
    session = service.create_session(user.id, "Mock", "Backend engineer")
    with recorded_statements() as sent:
        question_id = service.save_interview_question(session.id, 1, "Why?", "behavioral",
                                                      "easy", 2)
    assert len(sent) == 1 and sent[0].startswith("INSERT INTO interview_questions")
    with recorded_statements() as sent:
        service.save_interview_answer(session.id, question_id, "Because.", 10, "ok", 7)
    assert len(sent) == 1 and sent[0].startswith("INSERT INTO interview_answers")
    assert [a.ai_score for a in service.get_session_answers(session.id)] == [7]


def test_each_failed_check_of_an_answer_gets_its_own_error(
    service: MockMate, clock: FakeClock, database_url: str
) -> None:
    user = service.create_user("Ada", "ada@example.com")
    session = service.create_session(user.id, "Mock", "Backend engineer")
    other = service.create_session(user.id, "Other", "Backend engineer")
    question_id = service.save_interview_question(session.id, 1, "Why?", "behavioral", "easy", 2)
    with pytest.raises(NotFoundError, match="no session"):
        service.save_interview_answer(MISSING, question_id, "A", 1)
    with pytest.raises(NotFoundError, match="no question"):
        service.save_interview_answer(session.id, MISSING, "A", 1)
    with pytest.raises(InvalidInputError, match="belongs to another session") as refused:
        service.save_interview_answer(other.id, question_id, "A", 1)
    assert refused.value.field == "question_id"
    service.start_interview_timer(session.id)
    clock.advance(5)
    service.stop_interview_timer(session.id)
    with pytest.raises(TimerStateError, match="completed"):
        service.save_interview_answer(session.id, question_id, "A", 1)
    assert answer_count(database_url) == 0


def test_a_failed_write_leaves_the_connection_usable(service: MockMate) -> None:
    """A refusal inside the pipelined transaction rolls back cleanly: the next call works."""
    user = service.create_user("Ada", "ada@example.com")
    session = service.create_session(user.id, "Mock", "Backend engineer")
    question_id = service.save_interview_question(session.id, 1, "Why?", "behavioral", "easy", 2)
    for _ in range(6):  # more than the pool's connections
        with pytest.raises(MockMateError):
            service.save_interview_question(session.id, 1, "Again?", "behavioral", "easy", 2)
        with pytest.raises(MockMateError):
            service.save_interview_answer(MISSING, question_id, "A", 1)
    service.save_interview_answer(session.id, question_id, "A", 1)
    assert service.get_interview_report(session.id).total_answers == 1
