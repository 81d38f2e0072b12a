"""A report costs at most 3 SQL statements, however many questions the session has."""

from __future__ import annotations

import pytest

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.report_stats import report_statistics
from mockmate_tui.service import MockMate
from tests.support.statements import recorded_statements


def make_session(service: MockMate, clock: FakeClock, questions: int) -> str:
    user = service.local_user() or service.create_user("Ada", "ada@example.com")
    session = service.create_session(user.id, f"{questions} questions", "Engineer")
    service.start_interview_timer(session.id)
    for number in range(1, questions + 1):
        question_id = service.save_interview_question(
            session.id, number, f"Question {number}?", "technical", "medium", 2)
        clock.advance(45)
        if number % 4:  # every fourth question stays unanswered
            service.save_interview_answer(session.id, question_id, f"Answer {number}", 45,
                                          "Fine.", number % 10 + 1)
    service.stop_interview_timer(session.id)
    return session.id


@pytest.mark.parametrize("questions", [1, 120])
def test_a_report_takes_three_statements_whatever_its_size(
    service: MockMate, clock: FakeClock, questions: int
) -> None:
    session_id = make_session(service, clock, questions)
    with recorded_statements() as statements:
        report = service.get_interview_report(session_id)
    assert len(statements) == 3, statements
    assert report.total_questions == questions
    assert report.total_answers == questions - questions // 4
    assert [q.question_number for q in report.questions] == list(range(1, questions + 1))


def test_the_counter_sees_every_statement(service: MockMate, clock: FakeClock) -> None:
    """The counter would catch a report that queried once per question."""
    session_id = make_session(service, clock, 5)
    with recorded_statements() as statements:
        for question in service.get_session_questions(session_id):
            service.get_session(question.session_id)
    assert len(statements) == 2 + 5  # (session check + questions) + one per question


def test_report_statistics_match_what_was_saved(service: MockMate, clock: FakeClock) -> None:
    session_id = make_session(service, clock, 8)
    report = service.get_interview_report(session_id)
    stats = report_statistics(report)
    assert stats.unanswered == [4, 8]
    assert stats.coverage.scored == 6
    assert stats.billed_seconds == report.session.billed_seconds == 8 * 45
    assert stats.credits_used == 1
    scores = [number % 10 + 1 for number in range(1, 9) if number % 4]
    assert stats.average_score == pytest.approx(sum(scores) / len(scores))
    assert report.average_score == pytest.approx(sum(scores) / len(scores))
