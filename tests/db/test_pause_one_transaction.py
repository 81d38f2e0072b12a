"""Issue 18: a pause (or a stop) with the answer typed so far is one step: one record (the
timer entry carries the draft), one writer (timer/store.py, which stores the draft through
journal/store.py store_draft), one transaction online and one journal entry offline. Before,
the draft was stored first, in a transaction of its own, then the pause: a pause that failed
left the draft written, and offline the two were two entries."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import MockMateError
from mockmate_tui.service import MockMate
from tests.support.cable import Cable, cable_to

TYPED = "First I would measure where the time goes"


@pytest.fixture
def cable(database_url: str) -> Iterator[Cable]:
    with cable_to(database_url) as cable:
        yield cable


def drafts(database_url: str, sid: str) -> list[tuple[int, str]]:
    with psycopg.connect(database_url) as conn:
        return [
            (int(n), str(d))
            for n, d in conn.execute(
                "SELECT question_number, draft FROM interview_plan WHERE session_id = %s "
                "AND draft <> '' ORDER BY question_number",
                (sid,),
            )
        ]


def status(database_url: str, sid: str) -> str:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT status FROM sessions WHERE id = %s", (sid,)).fetchone()
    assert row is not None
    return str(row[0])


def running_session(app: MockMate, clock: FakeClock) -> str:
    user = app.create_user("Ada", "ada@example.com")
    session = app.interviews.plan(
        user.id, "Mock", "Backend engineer", "Python", count=3, seed=3, follow_ups=False
    )
    app.interviews.start(session.id)
    clock.advance(40)
    return session.id


def test_a_pause_that_fails_keeps_no_draft_either(
    service: MockMate, clock: FakeClock, database_url: str
) -> None:
    sid = running_session(service, clock)
    with psycopg.connect(database_url, autocommit=True) as conn:  # closing the interval fails
        conn.execute(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'the interval cannot be closed' USING ERRCODE = 'XX000'; END $$"
        )
        conn.execute(
            "CREATE TRIGGER refuse BEFORE UPDATE ON timer_intervals "
            "FOR EACH ROW EXECUTE FUNCTION refuse()"
        )

    with pytest.raises(MockMateError, match="the interval cannot be closed"):
        service.interviews.pause(sid, draft=TYPED)

    assert drafts(database_url, sid) == []  # before: the draft, stored on its own
    assert status(database_url, sid) == "active"
    assert service.offline.pending == 0


@pytest.mark.parametrize("step", ["pause", "stop"])
def test_offline_a_pause_or_stop_with_its_draft_is_one_entry_stored_together(
    cable: Cable, clock: FakeClock, settings: Settings, database_url: str, step: str
) -> None:
    offline = replace(settings, database_timeout_seconds=0.5)
    with MockMate.open(cable.conninfo, clock, settings=offline, heartbeat=False) as app:
        sid = running_session(app, clock)
        cable.unplug()

        progress = getattr(app.interviews, step)(sid, draft=TYPED)

        assert app.offline.pending == 1  # before: 2 (the draft, then the step)
        assert progress.pending_writes == 1
        # What the screen shows next: the draft with its question, from this window's memory.
        assert [q.draft for q in progress.questions if q.number == 1] == [TYPED]
        cable.plug()
        app.heartbeat()
        assert app.offline.pending == 0 and app.offline.dropped == 0
        assert drafts(database_url, sid) == [(1, TYPED)]
        assert status(database_url, sid) == ("paused" if step == "pause" else "completed")


def test_online_the_draft_goes_with_the_pause(
    service: MockMate, clock: FakeClock, database_url: str
) -> None:
    sid = running_session(service, clock)
    progress = service.interviews.pause(sid, draft=TYPED)
    assert drafts(database_url, sid) == [(1, TYPED)]
    assert progress.current is not None and progress.current.draft == TYPED
    resumed = service.interviews.resume(sid)
    assert resumed.current is not None and resumed.current.draft == TYPED
