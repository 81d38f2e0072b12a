"""The report builds its models from the rows without validating them twice: what comes back
is exactly what pydantic's validation of the same data gives, the answers' JSON (delivery,
key-point marks) included, for typed and spoken answers."""

from __future__ import annotations

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.delivery import TimedWord, spoken_delivery
from mockmate_tui.models import InterviewAnswer, InterviewQuestion, SessionReport
from mockmate_tui.service import MockMate
from tests.support.answers import STRONG_STORY


def test_the_report_is_what_validating_its_rows_would_give(service: MockMate,
                                                            clock: FakeClock) -> None:
    user = service.create_user("Ada", "ada@example.com")
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=3, seed=3,
                                      follow_ups=False)
    service.interviews.start(session.id)
    clock.advance(30)
    words = [TimedWord(word, 0.4 * i, 0.4 * i + 0.3) for i, word in enumerate(STRONG_STORY.split())]
    service.interviews.submit(session.id, STRONG_STORY, mode="spoken",
                              delivery=spoken_delivery(words, expected_minutes=2))
    clock.advance(40)
    service.interviews.submit(session.id, "I would measure first, then decide.")
    report = service.get_interview_report(session.id)

    validated = SessionReport.model_validate(report.model_dump())
    assert report == validated
    assert report.model_dump(mode="json") == validated.model_dump(mode="json")
    assert all(type(q) is InterviewQuestion for q in report.questions)
    assert all(type(a) is InterviewAnswer for a in report.answers)
    spoken = report.answers[0]
    assert spoken.answer_mode == "spoken" and spoken.delivery is not None
    assert spoken.delivery == validated.answers[0].delivery
    assert report.answers[1].delivery is None or report.answers[1].answer_mode == "typed"
    assert report.questions[0].asked_at.utcoffset() is not None
