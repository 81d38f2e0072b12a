"""Issue 20: talking points shown while the database is away are a step of the interview like
the others (journal/store.py store_points_shown): journaled ahead of the answer that follows,
stored once when the database is back, so the report says they were shown and the answer is
read as hinted (its key points seen, not recalled), as online. A completed interview takes
nothing, online or at replay."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from uuid import UUID

import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import TimerStateError
from mockmate_tui.service import MockMate
from mockmate_tui.service.journal.entries import PointsShownEntry
from mockmate_tui.service.journal.replay import store_entry
from mockmate_tui.service.journal.store import Outcome, Overtaken
from tests.support.cable import Cable, cable_to

ANSWER = (
    "I would add an idempotency key to each request and store it with the result, so a "
    "repeated request returns the stored result instead of charging twice."
)


@pytest.fixture
def cable(database_url: str) -> Iterator[Cable]:
    with cable_to(database_url) as cable:
        yield cable


def hinted(url: str, session_id: str) -> list[tuple[object, ...]]:
    """Each stored answer's question number and whether it was read as hinted."""
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT q.question_number, (f.facts->>'talking_points_shown')::boolean "
            "FROM answer_facts f JOIN interview_answers a ON a.id = f.answer_id "
            "JOIN interview_questions q ON q.id = a.question_id "
            "WHERE a.session_id = %s ORDER BY 1",
            (session_id,),
        ).fetchall()


def test_shown_offline_stored_once_back_ahead_of_the_answer(
    cable: Cable, clock: FakeClock, settings: Settings, database_url: str
) -> None:
    offline = replace(settings, database_timeout_seconds=0.5)
    with MockMate.open(cable.conninfo, clock, settings=offline, heartbeat=False) as app:
        user = app.create_user("Ada", "ada@example.com")
        session = app.interviews.plan(
            user.id, "Mock", "Backend engineer", "Python", count=2, seed=3, follow_ups=False
        )
        app.interviews.start(session.id)
        clock.advance(30)
        cable.unplug()

        number, points = app.practice.talking_points(session.id)  # before: it raised

        assert number == 1 and points
        assert app.offline.pending == 1
        app.interviews.submit(session.id, ANSWER)
        assert app.offline.pending >= 2
        cable.plug()
        app.heartbeat()
        assert app.offline.pending == 0 and app.offline.dropped == 0
        assert app.practice.points_shown(session.id) == (1,)
        # Stored ahead of the answer: the answer stored at replay was read as hinted.
        assert hinted(database_url, session.id) == [(1, True)]


def test_stored_once_however_often_replayed_and_never_into_a_completed_one(
    service: MockMate, clock: FakeClock
) -> None:
    user = service.create_user("Ada", "ada@example.com")
    session = service.interviews.plan(
        user.id, "Mock", "Backend engineer", "Python", count=2, seed=3, follow_ups=False
    )
    service.interviews.start(session.id)
    record = PointsShownEntry(session_id=UUID(session.id), at=clock.now(), question_number=1)
    assert store_entry(service.database, record) is Outcome.STORED
    assert store_entry(service.database, record) is Outcome.ALREADY
    service.interviews.stop(session.id)
    assert store_entry(service.database, record) is Outcome.ALREADY  # stored before the stop
    late = record.model_copy(update={"question_number": 2})
    with pytest.raises(Overtaken):
        store_entry(service.database, late)
    assert service.practice.points_shown(session.id) == (1,)


def test_online_a_completed_interview_refuses_and_writes_nothing(
    service: MockMate, clock: FakeClock
) -> None:
    user = service.create_user("Ada", "ada@example.com")
    session = service.interviews.plan(
        user.id, "Mock", "Backend engineer", "Python", count=2, seed=3, follow_ups=False
    )
    service.interviews.start(session.id)
    service.interviews.stop(session.id, draft="half an answer")  # question 1 stays on screen
    assert service.interviews.progress(session.id).current is not None
    with pytest.raises(TimerStateError):
        service.practice.talking_points(session.id)
    assert service.practice.points_shown(session.id) == ()
