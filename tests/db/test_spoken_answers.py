"""Spoken answers through the interview engine, on real PostgreSQL: how an answer was given and
its delivery are stored with it (online, and through the offline journal), come back in the
report, and a spoken answer is judged by the spoken yardstick."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.delivery import TimedWord, spoken_delivery, typed_delivery
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.models import Delivery
from mockmate_tui.service import MockMate
from tests.support.answers import STRONG_STORY
from tests.support.cable import Cable, cable_to


def _spoken(text: str) -> Delivery:
    words = [TimedWord(word, 0.4 * i, 0.4 * i + 0.3) for i, word in enumerate(text.split())]
    words[5] = TimedWord(words[5].text, words[5].start + 3, words[5].end + 3)
    later = [TimedWord(w.text, w.start + 3, w.end + 3) for w in words[6:]]
    return spoken_delivery([*words[:6], *later], expected_minutes=2)


def _started(service: MockMate, clock: FakeClock) -> str:
    user = service.create_user("Ada", "ada@example.com")
    session = service.interviews.plan(user.id, "Mock", "Backend engineer", count=4, seed=3,
                                      follow_ups=False)
    service.interviews.start(session.id)
    clock.advance(30)
    return session.id


def test_a_spoken_answer_is_stored_with_its_delivery_and_judged_as_spoken(
        service: MockMate, clock: FakeClock) -> None:
    sid = _started(service, clock)
    spoken = _spoken("Um so I " + STRONG_STORY)
    result = service.interviews.submit(sid, STRONG_STORY, mode="spoken", delivery=spoken)
    assert result.mode == "spoken" and result.delivery == spoken
    assert "spoken answer" in result.evaluation.feedback
    typed = typed_delivery("I build payment services", [4.0, 9.5])
    service.interviews.submit(sid, "I build payment services in Python.", delivery=typed)
    report = service.get_interview_report(sid)
    first, second = report.answers
    assert (first.answer_mode, first.delivery) == ("spoken", spoken)
    assert first.delivery is not None and first.delivery.long_pauses
    assert (second.answer_mode, second.delivery) == ("typed", typed)


def test_a_delivery_of_the_other_mode_is_refused(service: MockMate, clock: FakeClock) -> None:
    sid = _started(service, clock)
    with pytest.raises(InvalidInputError) as raised:
        service.interviews.submit(sid, "An answer.", mode="spoken",
                                  delivery=typed_delivery("An answer.", [1.0]))
    assert raised.value.field == "delivery"
    with pytest.raises(InvalidInputError) as raised:
        service.interviews.submit(sid, "An answer.", mode="sung")  # type: ignore[arg-type]
    assert raised.value.field == "mode"


@pytest.fixture
def cable(database_url: str) -> Iterator[Cable]:
    with cable_to(database_url) as cable:
        yield cable


def test_an_offline_spoken_answer_keeps_its_delivery_through_the_journal(
        cable: Cable, clock: FakeClock, settings: Settings) -> None:
    offline = replace(settings, database_timeout_seconds=0.5)
    service = MockMate.open(cable.conninfo, clock, settings=offline, heartbeat=False)
    try:
        sid = _started(service, clock)
        spoken = _spoken(STRONG_STORY)
        cable.unplug()
        result = service.interviews.submit(sid, STRONG_STORY, mode="spoken", delivery=spoken)
        assert result.progress.offline and result.delivery == spoken
        cable.plug()
        service.heartbeat()
        assert service.offline.pending == 0
        (answer,) = service.get_interview_report(sid).answers
        assert (answer.answer_mode, answer.delivery) == ("spoken", spoken)
    finally:
        cable.plug()
        service.close()


def test_history_trends_the_spoken_answers(service: MockMate, clock: FakeClock) -> None:
    from mockmate_tui.export.progress import delivery_trend

    sid = _started(service, clock)
    spoken = _spoken("Um so I " + STRONG_STORY)
    service.interviews.submit(sid, STRONG_STORY, mode="spoken", delivery=spoken)
    service.interviews.submit(sid, "A typed one.")
    user = service.local_user()
    assert user is not None
    (summary,) = service.list_session_summaries(user.id)
    assert summary.spoken_answers == 1 and summary.total_answers == 2
    assert summary.words_per_minute == spoken.words_per_minute
    assert summary.fillers_per_minute == spoken.fillers_per_minute
    trend = delivery_trend([summary])
    assert trend is not None and f"{spoken.words_per_minute:.0f}" in trend.plain
    assert delivery_trend([replace(summary, spoken_answers=0)]) is None
