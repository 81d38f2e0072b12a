"""`MockMate.question_key_points` on real PostgreSQL: each asked question's key points, the
interview plan's, else the question bank's for a question saved through the design's commands,
else none; what the PDF lists under "What a strong answer covers" for an unanswered question.
The same lookup rescoring and "I covered this" use (service/key_points.py)."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from mockmate_tui.db import interview_repo
from mockmate_tui.errors import NotFoundError
from mockmate_tui.export.content import build_content
from mockmate_tui.models import User
from mockmate_tui.service import MockMate

BANK_QUESTION = "What is idempotency, and how would you make a payment API idempotent?"
BANK_POINTS = (
    "The same request applied twice has the effect of once",
    "Idempotency keys sent by the client",
    "Storing the key with the result atomically",
    "Returning the stored result for a repeated key",
)
OWN_QUESTION = "Which of our products did you use before applying?"


@pytest.fixture
def user(service: MockMate) -> User:
    return service.create_user("Grace Hopper", "grace@example.com")


def test_a_planned_question_has_the_plans_key_points(service: MockMate, user: User) -> None:
    session = service.interviews.plan(
        user.id, "Mock", "Backend engineer", "Python", count=3, seed=3
    )
    service.interviews.start(session.id)
    with service.database.connection() as conn:
        plan = interview_repo.list_plan(conn, UUID(session.id))
    (shown,) = service.get_session_questions(session.id)
    planned = next(item for item in plan if str(item.question_id) == shown.id)
    assert planned.key_points  # the bank's planned questions carry key points

    assert service.question_key_points(session.id) == {shown.id: planned.key_points}


def test_an_unplanned_question_has_the_banks_or_none(service: MockMate, user: User) -> None:
    session = service.create_session(user.id, "Mock", "Backend engineer")
    in_bank = service.save_interview_question(
        session.id, 1, BANK_QUESTION, "technical", "medium", 3
    )
    own = service.save_interview_question(session.id, 2, OWN_QUESTION, "behavioral", "easy", 2)

    assert service.question_key_points(session.id) == {in_bank: BANK_POINTS, own: ()}


def test_the_pdf_lists_them_for_an_unanswered_question(service: MockMate, user: User) -> None:
    session = service.create_session(user.id, "Mock", "Backend engineer")
    unanswered = service.save_interview_question(
        session.id, 1, BANK_QUESTION, "technical", "medium", 3
    )
    service.start_interview_timer(session.id)
    service.stop_interview_timer(session.id)
    report = service.get_interview_report(session.id)

    content = build_content(report, key_points=service.question_key_points(session.id))

    (entry,) = content.transcript
    assert (entry.answer, entry.strong_answer) == (None, BANK_POINTS)
    assert unanswered == report.questions[0].id


def test_an_unknown_session_is_not_found(service: MockMate) -> None:
    with pytest.raises(NotFoundError):
        service.question_key_points(str(uuid4()))
