"""The design document's JavaScript usage example, replayed through MockMate end to end."""

from __future__ import annotations

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate


def test_the_spec_usage_example(service: MockMate, clock: FakeClock) -> None:
    user = service.create_user("Sam Candidate", "sam@example.com")
    session = service.create_session(user.id, "Spec example", "Software developer", "Build APIs")

    timer_state = service.start_interview_timer(session.id)
    assert timer_state.is_running and timer_state.credits_used == 1

    question_id = service.save_interview_question(
        session.id, 1, "Tell me about yourself", "introduction", "easy", 3
    )
    clock.advance(120)
    answer_id = service.save_interview_answer(
        session.id, question_id, "I am a software developer...", 120,
        "Good introduction, clear communication", 8,
    )
    assert answer_id != question_id

    final_state = service.stop_interview_timer(session.id)
    assert (final_state.elapsed_seconds, final_state.credits_used) == (120, 1)

    report = service.get_interview_report(session.id)
    assert report.session.status == "completed"
    assert report.user.email == "sam@example.com"
    assert [q.question_text for q in report.questions] == ["Tell me about yourself"]
    assert report.answers[0].ai_score == 8
    assert (report.total_questions, report.total_answers) == (1, 1)
    assert report.average_response_time == 120.0
    assert report.average_score == 8.0
    assert report.session.interview_duration == 2
    assert service.finalize_session_duration(session.id, 2).startswith("Session ")
    assert service.get_user(user.id).credit_balance == 9
