"""The timer widget and credits: the time shown is always the clock's, the next charge is
announced, and running out of credit pauses the interview visibly without losing any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.service import MockMate
from mockmate_tui.tui.app import MockMateApp
from mockmate_tui.tui.formatting import clock_text
from mockmate_tui.tui.screens.dialogs import AddCreditsDialog
from mockmate_tui.tui.screens.interview import InterviewScreen
from tests.support.interview_driver import interview as started

from .conftest import AppFactory, notifications, seed_session, seed_user, settle


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """One credit to start with: enough for one interview's first hour, no more."""
    return Settings(data_dir=tmp_path / "data", database_url=None, starting_credits=1)


async def open_interview(app: MockMateApp, pilot: object, session_id: str) -> InterviewScreen:
    screen = InterviewScreen(session_id)
    await app.push_screen(screen)
    await settle(pilot)  # type: ignore[arg-type]
    return screen


def next_credit_text(screen: InterviewScreen) -> str:
    return str(screen.query_one("#timer-next-credit", Static).content)


async def test_shown_time_is_the_clocks_however_often_it_redraws(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    async with started(app_factory, service, size=(80, 24), start=False) as run:
        pilot, interview = run.pilot, run.screen
        assert interview.timer_display.shown_time == "00:00:00"
        await run.start()
        for _ in range(5):  # redraws without the clock moving change nothing
            interview.refresh_timer()
        await pilot.pause()
        assert interview.timer_display.shown_time == "00:00:00"
        clock.advance(754.6)  # one reading, however many redraws were skipped meanwhile
        interview.refresh_timer()
        await pilot.pause()
        assert interview.timer_display.shown_time == clock_text(754) == "00:12:34"
        reading = interview.timer_display.reading
        assert reading is not None and reading.phase is TimerPhase.RUNNING
        assert reading.credits_used == 1
        assert next_credit_text(interview) == "Next credit in 48 min"  # 47:26, rounded up
        # Time on this question counts from when it appeared, and warns once over the
        # expected duration (2 minutes for the first question).
        assert "over 2 min" in str(interview.query_one("#question-clock", Static).content)


async def test_credit_warning_shows_the_balance(app_factory: AppFactory, clock: FakeClock,
                                                service: MockMate) -> None:
    async with started(app_factory, service, size=(80, 24)) as run:
        pilot, interview = run.pilot, run.screen
        clock.advance(55 * 60 - 1)
        interview.refresh_timer()
        await settle(pilot)
        assert "⚠" not in next_credit_text(interview)
        clock.advance(1)  # exactly five minutes before the next hour
        interview.refresh_timer()
        await settle(pilot)
        interview.refresh_timer()
        text = next_credit_text(interview)
        assert "⚠ Next credit in 05:00" in text and "balance 0 credits" in text


async def test_running_out_of_credit_pauses_visibly_and_keeps_the_answer(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    async with started(app_factory, service, size=(80, 24)) as run:
        app, pilot, interview = run.app, run.pilot, run.screen
        interview.answer_pane.text_area.insert("A long answer in progress")
        clock.advance(3600 + 30)
        assert app.service is not None
        app.service.heartbeat()  # the service's own save: it cannot charge hour 2, so pauses
        interview.refresh_timer()
        await settle(pilot)
        assert interview.phase is TimerPhase.PAUSED
        assert interview.timer_display.shown_time == "00:59:59"  # never billed past the hour
        notice = str(interview.query_one("#notice", Static).content)
        assert interview.query_one("#notice").display and "needs 1 more credit" in notice
        assert any("credit" in message for message in notifications(app))
        assert interview.answer_pane.text == "A long answer in progress"
        assert interview.answer_pane.text_area.read_only

        # Resuming without credit is refused with a clear message...
        await pilot.press("f5")
        await settle(pilot)
        assert interview.phase is TimerPhase.PAUSED
        assert any("credit" in message.lower() for message in notifications(app))
        # ...and adding credits from the palette's action lets it go on.
        interview.action_add_credits()
        await settle(pilot)
        assert isinstance(app.screen, AddCreditsDialog)
        await pilot.press("2", "enter")
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert interview.phase is TimerPhase.RUNNING
        assert interview.answer_pane.text == "A long answer in progress"


async def test_starting_without_credit_is_refused(app_factory: AppFactory, clock: FakeClock,
                                                  service: MockMate) -> None:
    user_id = seed_user(service)
    spent = seed_session(service, user_id, name="Spends the only credit")
    service.start_interview_timer(spent)
    service.stop_interview_timer(spent)
    session_id = seed_session(service, user_id)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        interview = await open_interview(app, pilot, session_id)
        assert interview.phase is TimerPhase.CREATED
        await pilot.press("f5")
        await settle(pilot)
        assert interview.phase is TimerPhase.CREATED
        assert service.get_session(session_id).status == "created"
        assert any("no credits" in message.lower() for message in notifications(app))


async def test_paused_interview_takes_no_typing(app_factory: AppFactory, service: MockMate) -> None:
    async with started(app_factory, service, size=(80, 24)) as run:
        app, pilot, interview, session_id = run.app, run.pilot, run.screen, run.session_id
        await pilot.press("a", "b")
        assert interview.answer_pane.text == "ab"
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("c", "d", "ctrl+s")
        await settle(pilot)
        assert interview.answer_pane.text == "ab"
        assert service.get_session_answers(session_id) == []
        assert any("paused" in message for message in notifications(app))
