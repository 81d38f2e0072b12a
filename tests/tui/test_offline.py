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
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.service import MockMate
from mockmate_tui.tui.app import MockMateApp, make_app
from mockmate_tui.tui.offline_status import BACK_ONLINE
from mockmate_tui.tui.screens.interview import InterviewScreen
from tests.support.answers import STRONG_STORY
from tests.support.cable import Cable, cable_to

from .conftest import notifications, seed_session, seed_user, settle


@pytest.fixture
def cable(database_url: str) -> Iterator[Cable]:
    with cable_to(database_url) as cable:
        yield cable


async def test_offline_the_interview_goes_on_and_says_what_waits(
        cable: Cable, clock: FakeClock, settings: Settings, tmp_path: Path,
        service: MockMate, database_url: str) -> None:
    seed_session(service, seed_user(service))
    quick = settings.model_copy(update={"database_timeout_seconds": 0.5})
    opened: list[MockMate] = []

    def open_service() -> MockMate:
        opened.append(MockMate.open(cable.conninfo, clock, settings=quick, heartbeat=False))
        return opened[-1]

    app: MockMateApp = make_app(open_service, clock=clock, export_dir=tmp_path)
    async with app.run_test(size=(110, 34)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen) and screen.phase is TimerPhase.RUNNING
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
        opened[0].heartbeat()  # the heartbeat thread's beat, here on demand
        screen.refresh_timer()
        await settle(pilot)
        assert not screen.notice.display
        assert BACK_ONLINE in notifications(app)
    with psycopg.connect(database_url) as conn:
        rows = conn.execute("SELECT answer_text FROM interview_answers").fetchall()
    assert rows == [(STRONG_STORY,)]
