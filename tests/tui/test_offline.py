"""The database goes away while a person answers: the interview screen says it is offline and
how many changes wait, the answer is scored and the next question shown as usual, and once the
database is back the screen says everything is saved, and it is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.offline_status import BACK_ONLINE
from tests.support.answers import STRONG_STORY
from tests.support.cable import Cable, cable_to
from tests.support.interview_driver import app_through, interview

from .conftest import notifications, settle


@pytest.fixture
def cable(database_url: str) -> Iterator[Cable]:
    with cable_to(database_url) as cable:
        yield cable


async def test_offline_the_interview_goes_on_and_says_what_waits(
        cable: Cable, clock: FakeClock, settings: Settings, tmp_path: Path,
        service: MockMate, database_url: str) -> None:
    async with interview(app_through(cable, clock, settings, tmp_path), service,
                         size=(110, 34)) as run:
        app, pilot, screen = run.app, run.pilot, run.screen
        clock.advance(40)

        cable.unplug()
        screen.answer_pane.text_area.insert(STRONG_STORY)
        await pilot.press("ctrl+s")
        await settle(pilot, rounds=6)
        await pilot.press("enter")  # read the feedback: on to question 2
        await settle(pilot, rounds=6)
        notice = str(screen.notice.render())
        assert "Offline" in notice and "changes wait" in notice, notice
        assert screen.current is not None and screen.current.number == 2
        assert screen.feedback_pane.display  # the answer was scored, as always

        cable.plug()
        assert app.service is not None
        app.service.heartbeat()  # the heartbeat thread's beat, here on demand
        screen.refresh_timer()
        await settle(pilot)
        assert not screen.notice.display
        assert BACK_ONLINE in notifications(app)
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT answer_text FROM interview_answers").fetchall()
    assert rows == [(STRONG_STORY,)]
