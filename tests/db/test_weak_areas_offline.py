"""Issue 20: answers stored from the offline journal record their weak areas as answers stored
at once do, through the same writer (journal/store.py store_answer): the same facts, the same
reviews, once each however often the journal is replayed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from tests.support.cable import Cable, cable_to

VAGUE = ("We kind of worked on the migration as a team and I think it went fine in the end, "
         "maybe, we were happy with it.")


@pytest.fixture
def cable(database_url: str) -> Iterator[Cable]:
    with cable_to(database_url) as cable:
        yield cable


def _facts(url: str, sid: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT q.question_number, f.facts->'areas' FROM answer_facts f "
            "JOIN interview_answers a ON a.id = f.answer_id "
            "JOIN interview_questions q ON q.id = a.question_id "
            "WHERE a.session_id = %s ORDER BY 1", (sid,)).fetchall()


def _reviews(url: str, sid: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT area, grade FROM weak_area_reviews r JOIN interview_answers a "
            "ON a.id = r.answer_id WHERE a.session_id = %s ORDER BY 1, 2", (sid,)).fetchall()


def test_answers_stored_at_replay_record_their_weak_areas_as_online_ones_do(
        cable: Cable, clock: FakeClock, settings: Settings, database_url: str) -> None:
    offline = replace(settings, database_timeout_seconds=0.5)
    with MockMate.open(cable.conninfo, clock, settings=offline, heartbeat=False) as app:
        user = app.create_user("Ada", "ada@example.com")
        sessions = []
        for unplugged in (False, True):
            session = app.interviews.plan(user.id, "Mock", "Backend engineer",
                                          "Python and PostgreSQL", count=2, seed=3,
                                          follow_ups=False)
            app.interviews.start(session.id)
            clock.advance(30)
            if unplugged:
                cable.unplug()
            for _ in range(2):
                app.interviews.submit(session.id, VAGUE)
                clock.advance(20)
            if unplugged:
                assert app.offline.pending > 0
                cable.plug()
                app.heartbeat()
                assert app.offline.pending == 0 and app.offline.dropped == 0
            app.interviews.stop(session.id)
            sessions.append(session.id)
        online, replayed = (_facts(database_url, sid) for sid in sessions)
        assert len(online) == len(replayed) == 2
        # The same answer, read the same way (the questions differ: a new session avoids the
        # last one's): hedged and too short, online and at replay alike.
        for _, areas in online + replayed:
            assert isinstance(areas, dict)
            assert {"criterion:hedging", "criterion:too_short"} <= set(areas)
        online_reviews, replayed_reviews = (_reviews(database_url, sid) for sid in sessions)
        assert ("criterion:hedging", 1) in online_reviews
        assert ("criterion:hedging", 1) in replayed_reviews
