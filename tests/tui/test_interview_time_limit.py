"""A per-question time limit (issue 20): with `question_time_limit_minutes` in the settings, the
question's clock counts down from the timer's billed seconds since the question was shown, so
it stands still while paused, continues where it was after quitting and after going offline,
and at zero says time is up once, keeping what was typed (nothing is sent for the person)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from mockmate_tui.config import Settings
from mockmate_tui.config_file import save
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.service import MockMate
from mockmate_tui.tui.app import MockMateApp
from mockmate_tui.tui.screens.dialogs import ChoiceDialog
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.widgets.question_countdown import countdown
from tests.support.answers import STRONG_STORY
from tests.support.cable import Cable, cable_to
from tests.support.interview_driver import app_through, interview

from .conftest import AppFactory, notifications, seed_session, seed_user


def question_clock(screen: InterviewScreen) -> str:
    return str(screen.query_one("#question-clock", Static).content)


def times_told(app: MockMateApp) -> int:
    return sum(1 for message in notifications(app) if message.startswith("Time is up"))


@pytest.fixture
def one_minute_limit() -> None:
    save({"question_time_limit_minutes": 1})  # as the settings screen saves it


def test_the_countdown_turns_amber_at_30_seconds_and_red_at_zero() -> None:
    assert (countdown(60, 29).text, countdown(60, 29).level) == ("⏳ 00:31 left", "running")
    assert countdown(60, 30).level == "soon"
    assert (countdown(60, 60).text, countdown(60, 60).level) == ("⏰ Time is up", "up")
    assert countdown(60, 75).text == "⏰ Time is up +00:15"
    assert countdown(120, 0).text == "⏳ 02:00 left"


@pytest.mark.usefixtures("one_minute_limit")
async def test_the_countdown_survives_a_pause_and_time_up_keeps_the_answer(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        screen = run.screen
        assert question_clock(screen) == "⏳ 01:00 left"
        clock.advance(35)
        await run.redraw()
        assert question_clock(screen) == "⏳ 00:25 left"
        assert screen.question_pane.has_class("-time-soon")

        await run.press("f5")  # pause: ten minutes away, none of it on the question
        clock.advance(600)
        await run.redraw()
        assert question_clock(screen) == "⏳ 00:25 left"
        await run.start()
        assert question_clock(screen) == "⏳ 00:25 left"

        run.type("Half of my answer")
        clock.advance(25)
        await run.redraw()
        assert question_clock(screen) == "⏰ Time is up"
        assert screen.question_pane.has_class("-time-up")
        assert times_told(run.app) == 1
        clock.advance(12)
        await run.redraw()
        assert question_clock(screen) == "⏰ Time is up +00:12"
        assert times_told(run.app) == 1  # said once, not every second
        # Nothing was sent for the person: the answer is as typed, the question the same.
        assert screen.answer_pane.text == "Half of my answer" and screen.answer_pane.writable
        assert screen.current is not None and screen.current.number == 1
        assert service.get_session_answers(run.session_id) == []

        await run.answer(" and the rest of it.")  # running over was their choice
        assert [a.response_time for a in service.get_session_answers(run.session_id)] == [72]
        assert question_clock(screen) == "⏳ 01:00 left"  # the next question's own limit
        assert not screen.question_pane.has_class("-time-up")


@pytest.mark.usefixtures("one_minute_limit")
async def test_the_countdown_continues_after_quitting_and_coming_back(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        clock.advance(40)
        run.type("A draft")
        await run.press("ctrl+q")
        assert isinstance(run.app.screen, ChoiceDialog)
        await run.press("enter")  # keep as draft
    clock.advance(3600)
    async with interview(app_factory, service, session_id=run.session_id) as again:
        screen = again.screen
        assert screen.phase is TimerPhase.PAUSED
        assert question_clock(screen) == "⏳ 00:20 left"
        await again.start()
        clock.advance(5)
        await again.redraw()
        assert question_clock(screen) == "⏳ 00:15 left"


async def test_without_a_limit_the_clock_counts_up(app_factory: AppFactory, clock: FakeClock,
                                                   service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        clock.advance(7)
        await run.redraw()
        assert question_clock(run.screen) == "On it <1 min"
        clock.advance(60)
        await run.redraw()
        assert question_clock(run.screen) == "On it 1 min"


@pytest.fixture
def cable(database_url: str) -> Iterator[Cable]:
    with cable_to(database_url) as cable:
        yield cable


@pytest.mark.usefixtures("one_minute_limit")
async def test_the_countdown_keeps_counting_offline(
        cable: Cable, clock: FakeClock, settings: Settings, tmp_path: Path,
        service: MockMate) -> None:
    session_id = seed_session(service, seed_user(service))
    app_factory = app_through(cable, clock, settings, tmp_path)
    async with interview(app_factory, service, session_id=session_id) as run:
        screen = run.screen
        clock.advance(20)
        cable.unplug()
        await run.submit(STRONG_STORY)  # stored in the journal: offline from here
        await run.next_question()
        assert screen.progress is not None and screen.progress.offline
        assert screen.current is not None and screen.current.number == 2
        clock.advance(45)
        await run.redraw()
        assert question_clock(screen) == "⏳ 00:15 left"
        clock.advance(15)
        await run.redraw()
        assert question_clock(screen) == "⏰ Time is up"
        cable.plug()


async def test_the_limit_can_be_each_questions_expected_duration(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    save({"question_time_limit_minutes": 1, "question_time_limit_expected": True})
    async with interview(app_factory, service) as run:
        screen = run.screen
        current = screen.current
        assert current is not None and current.expected_minutes > 1
        assert question_clock(screen) == f"⏳ {current.expected_minutes:02d}:00 left"
        clock.advance(current.expected_minutes * 60)
        await run.redraw()
        assert question_clock(screen) == "⏰ Time is up"
