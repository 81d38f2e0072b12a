"""Keys typed faster than the app reads them (a burst over a slow SSH link, or from tmux) are
queued to the field focused when each arrives. A key that reads the form (ctrl+s) must wait its
turn behind them: handled as it arrived, it read the fields before their last keys and created
nothing ("Enter the job title." under a typed title) or sent half an answer."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App
from textual.widgets import Input

from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.home import HomeScreen
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.screens.new_session import NewSessionScreen
from mockmate_tui.tui.screens.settings import SettingsScreen
from tests.support.interview_driver import interview

from .conftest import AppFactory, seed_user, settle


def burst(app: App[None], text: str, *then: str) -> None:
    """Post every key of `text`, then the keys `then`, before the app handles any of them."""
    for character in text:
        name = {" ": "space", ".": "full_stop", ",": "comma"}.get(character, character)
        app.post_message(events.Key(name, character))
    for key in then:
        app.post_message(events.Key(key, None))


async def test_create_right_behind_the_job_title_reads_all_of_it(
        app_factory: AppFactory, service: MockMate) -> None:
    user_id = seed_user(service)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        form.set_focus(form.query_one("#job_title", Input))
        burst(app, "Data Engineer", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        [session] = service.list_sessions(user_id)
        assert session.job_title == "Data Engineer"


async def test_save_right_behind_a_setting_reads_all_of_it(
        app_factory: AppFactory, service: MockMate, own_config_file: Path) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        limit = screen.query_one("#question_time_limit_minutes", Input)
        limit.value = ""
        screen.set_focus(limit)
        burst(app, "12", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "question_time_limit_minutes = 12" in own_config_file.read_text()


async def test_send_right_behind_the_answer_sends_all_of_it(
        app_factory: AppFactory, service: MockMate) -> None:
    typed = "I would add an index on the customer id, then check the plan again."
    async with interview(app_factory, service) as run:
        assert run.app.focused is run.screen.answer_pane.text_area
        burst(run.app, typed, "ctrl+s")
        await run.settle()
        [answer] = service.get_session_answers(run.session_id)
        assert answer.answer_text == typed
