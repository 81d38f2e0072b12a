"""Home selects the session the person just came from: after creating one, after leaving one
(escape) and after stopping one, so enter then F5 never opens and bills another interview."""

from __future__ import annotations

from textual.widgets import Input

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.home import HomeScreen
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.screens.new_session import NewSessionScreen
from mockmate_tui.tui.screens.report import ReportScreen
from mockmate_tui.tui.widgets.history_table import HistoryTable

from .conftest import AppFactory, seed_session, seed_user, settle


def selected(app: object) -> str | None:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, HomeScreen)
    return screen.query_one(HistoryTable).selected_session_id


async def test_home_selects_the_session_just_created_and_left(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    user_id = seed_user(service)
    older = seed_session(service, user_id, name="Older round")
    clock.advance(60)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert selected(app) == older
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        form.query_one("#session_name", Input).value = "Fresh round"
        form.query_one("#job_title", Input).value = "Data Engineer"
        form.query_one("#question_count", Input).value = "2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        created = app.screen.session_id
        await pilot.press("escape")
        await settle(pilot)
        assert selected(app) == created != older

        # Open the older one (second row), leave it: the older one stays selected.
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen) and app.screen.session_id == older
        await pilot.press("escape")
        await settle(pilot)
        assert selected(app) == older


async def test_home_selects_the_session_just_stopped(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    user_id = seed_user(service)
    first = seed_session(service, user_id, name="First round")
    clock.advance(60)
    seed_session(service, user_id, name="Second round")
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen) and app.screen.session_id == first
        await pilot.press("f5")
        await settle(pilot)
        clock.advance(120)
        await pilot.press("f10")
        await settle(pilot)
        await pilot.press("enter")  # confirm the stop
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert selected(app) == first
