"""Every command refusing bad input names the field at fault, as the forms name it, so a front
end can put the message beside that field; nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import Session
from mockmate_tui.service import MockMate


@pytest.fixture
def session(service: MockMate) -> Session:
    user = service.create_user("Ada", "ada@example.com")
    return service.create_session(user.id, "Mock", "Backend engineer", "")


@pytest.fixture
def question_id(service: MockMate, session: Session) -> str:
    return service.save_interview_question(session.id, 1, "Why?", "behavioral", "easy", 2)


CASES: list[tuple[str, Callable[[MockMate, Session, str], Any]]] = [
    ("name", lambda m, s, q: m.create_user(" ", "bob@example.com")),
    ("email", lambda m, s, q: m.create_user("Bob", "bob")),
    ("user_id", lambda m, s, q: m.create_session("nope", "Mock", "Dev")),
    ("session_name", lambda m, s, q: m.create_session(s.user_id, "", "Dev")),
    ("job_title", lambda m, s, q: m.create_session(s.user_id, "Mock", "x" * 201)),
    ("job_description", lambda m, s, q: m.create_session(s.user_id, "Mock", "Dev", "a\x00")),
    ("credits", lambda m, s, q: m.add_credits(s.user_id, 0)),
    ("note", lambda m, s, q: m.add_credits(s.user_id, 1, "\x00")),
    ("session_id", lambda m, s, q: m.pause_interview_timer("nope")),
    ("question_number", lambda m, s, q: m.save_interview_question(s.id, 0, "Q", "technical",
                                                                   "easy", 1)),
    ("question_text", lambda m, s, q: m.save_interview_question(s.id, 2, " ", "technical",
                                                                 "easy", 1)),
    ("category", lambda m, s, q: m.save_interview_question(s.id, 2, "Q", "trivia", "easy", 1)),
    ("difficulty_level", lambda m, s, q: m.save_interview_question(s.id, 2, "Q", "technical",
                                                                    "brutal", 1)),
    ("expected_duration", lambda m, s, q: m.save_interview_question(s.id, 2, "Q", "technical",
                                                                     "easy", -1)),
    ("question_id", lambda m, s, q: m.save_interview_answer(s.id, "nope", "A", 1)),
    ("answer_text", lambda m, s, q: m.save_interview_answer(s.id, q, None, 1)),
    ("response_time", lambda m, s, q: m.save_interview_answer(s.id, q, "A", -1)),
    ("ai_feedback", lambda m, s, q: m.save_interview_answer(s.id, q, "A", 1, 5)),
    ("ai_score", lambda m, s, q: m.save_interview_answer(s.id, q, "A", 1, "ok", 0)),
]


@pytest.mark.parametrize(("field", "call"), CASES, ids=[case[0] for case in CASES])
def test_bad_input_names_its_field(service: MockMate, session: Session, question_id: str,
                                   field: str, call: Callable[[MockMate, Session, str], Any]
                                   ) -> None:
    with pytest.raises(InvalidInputError) as error:
        call(service, session, question_id)
    assert error.value.field == field
