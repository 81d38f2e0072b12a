"""Home, first run, the new-session form, the report, help and the palette: what a person sees
and what their keys do, on a real database."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Label, SelectionList, Static

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.errors import InvalidInputError
from mockmate_tui.service import MockMate
from mockmate_tui.tui.app import make_app
from mockmate_tui.tui.formatting import clock_text
from mockmate_tui.tui.screens.dialogs import AddCreditsDialog, ExportDialog
from mockmate_tui.tui.screens.help import HelpScreen
from mockmate_tui.tui.screens.home import HomeScreen
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.screens.new_session import NewSessionScreen
from mockmate_tui.tui.screens.report import ReportScreen
from mockmate_tui.tui.screens.welcome import WelcomeScreen
from mockmate_tui.tui.service_calls import call_service
from mockmate_tui.tui.widgets.history_table import HistoryTable

from .conftest import (
    AppFactory,
    notifications,
    seed_completed_session,
    seed_session,
    seed_user,
    settle,
)

UNREACHABLE = "postgresql://postgres@127.0.0.1:1/nowhere?connect_timeout=2"


def static_text(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)  # type: ignore[attr-defined]


async def test_home_paints_before_the_database_is_ready(database_url: str, clock: FakeClock,
                                                         settings: Settings) -> None:
    ready = threading.Event()

    def slow_open() -> MockMate:
        ready.wait(10)  # a cold embedded database takes a while
        return MockMate.open(database_url, clock, settings=settings, heartbeat=False)

    app = make_app(slow_open, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.service_status == "starting"
        assert "Starting database" in static_text(app.screen, "#startup-message")
        await pilot.press("n")  # too early: a message, not a crash
        assert "still starting" in " ".join(notifications(app))
        ready.set()
        await settle(pilot)
        assert app.service_status == "ready"
        assert isinstance(app.screen, WelcomeScreen)


async def test_unreachable_database_says_so_and_can_retry(database_url: str, clock: FakeClock,
                                                          settings: Settings,
                                                          service: MockMate) -> None:
    seed_user(service)
    urls = [UNREACHABLE, database_url]
    app = make_app(lambda: MockMate.open(urls.pop(0), clock, settings=settings,
                                         heartbeat=False), clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.service_status == "failed"
        assert "Cannot reach the database" in static_text(app.screen, "#startup-message")
        assert any("connect" in message.lower() for message in notifications(app))
        await pilot.press("r")  # retry
        await settle(pilot)
        assert app.service_status == "ready"
        assert "Ada Lovelace" in static_text(app.screen, "#profile")


async def test_first_run_shows_each_error_beside_its_field(app_factory: AppFactory,
                                                          service: MockMate) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        welcome.query_one("#email", Input).value = "not-an-email"
        await pilot.press("ctrl+s")
        await settle(pilot)
        name_error = welcome.query_one("#name-error", Label)
        email_error = welcome.query_one("#email-error", Label)
        assert name_error.display and "name" in str(name_error.content)
        assert email_error.display and "email address" in str(email_error.content)
        assert service.local_user() is None
        # What was typed is kept; fixing the name is enough.
        assert welcome.query_one("#email", Input).value == "not-an-email"
        welcome.query_one("#name", Input).value = "Grace Hopper"
        welcome.query_one("#email", Input).value = "grace@example.com"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "Grace Hopper" in static_text(app.screen, "#profile")


@pytest.mark.parametrize(("key", "character"), [("tab", "\t"), ("enter", "\r")])
async def test_keys_typed_faster_than_the_app_reads_them_land_where_tab_sends_them(
        app_factory: AppFactory, service: MockMate, key: str, character: str) -> None:
    """A burst ("Ada Lovelace<Tab>ada@example.com" arriving at once, as over a slow SSH link)
    put everything in the name field: each key was queued to the field focused when it
    arrived, and the Tab moved focus only once the name field got to it. Enter, which moves
    on to the email field too, asked for the focus later than the keys behind it (seen in
    tests/e2e/test_tmux_interview.py under load)."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        welcome = app.screen
        assert isinstance(welcome, WelcomeScreen)
        burst = [(c, c) for c in "Ada Lovelace"] + [(key, character)] + \
            [(c, c) for c in "ada@example.com"]
        for name, typed in burst:  # all posted before the app handles any of them
            app.post_message(events.Key(name, typed))
        await settle(pilot)
        assert welcome.query_one("#name", Input).value == "Ada Lovelace"
        assert welcome.query_one("#email", Input).value == "ada@example.com"
        # ctrl+s right behind the email reads all of it (it read "ada@exa..." and refused it).
        welcome.query_one("#email", Input).value = ""
        welcome.set_focus(welcome.query_one("#email", Input))
        for typed in "ada@example.com":
            app.post_message(events.Key(typed, typed))
        app.post_message(events.Key("ctrl+s", None))
        await settle(pilot)
        assert service.local_user() is not None
        assert service.local_user().email == "ada@example.com"  # type: ignore[union-attr]


async def test_first_run_puts_the_services_refusal_beside_its_field(
        app_factory: AppFactory, service: MockMate) -> None:
    seed_user(service, email="taken@example.com")
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        welcome = WelcomeScreen()
        await app.push_screen(welcome)
        await settle(pilot)
        welcome.query_one("#name", Input).value = "Grace Hopper"
        welcome.query_one("#email", Input).value = "taken@example.com"
        await pilot.press("ctrl+s")  # fine for the form; the service finds the email taken
        await settle(pilot)
        assert welcome.query_one("#email-error", Label).display
        assert not welcome.query_one("#name-error", Label).display
        welcome._refused(InvalidInputError("Not that name.", field="name"))
        await pilot.pause()
        assert str(welcome.query_one("#name-error", Label).content) == "Not that name."
        assert not welcome.query_one("#email-error", Label).display


async def test_new_session_form_marks_every_invalid_field(app_factory: AppFactory,
                                                         service: MockMate) -> None:
    user_id = seed_user(service)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        form.query_one("#question_count", Input).value = "0"
        form.query_one("#categories", SelectionList).deselect_all()
        form.query_one("#job_description").insert("A description worth keeping")  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        for field in ("job_title", "question_count", "categories"):
            assert form.query_one(f"#{field}-error", Label).display, field
        # The session name is optional (filled from the job title).
        assert not form.query_one("#session_name-error", Label).display
        assert not form.query_one("#difficulty-error", Label).display
        assert service.list_sessions(user_id) == []
        assert form.read_form().job_description == "A description worth keeping"

        form.query_one("#session_name", Input).value = "Round one"
        form.query_one("#job_title", Input).value = "Data Engineer"
        form.query_one("#question_count", Input).value = "3"
        form.query_one("#categories", SelectionList).select("technical")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        assert app.screen.progress is not None and app.screen.progress.total == 3
        [session] = service.list_sessions(user_id)
        assert session.session_name == "Round one"


async def test_a_refusal_from_the_service_sits_beside_its_field(app_factory: AppFactory,
                                                                 service: MockMate) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        # The service names the field (InvalidInputError.field); its words do not matter.
        form._refused(InvalidInputError("Not like that.", field="job_title"))
        await pilot.pause()
        label = form.query_one("#job_title-error", Label)
        assert label.display and str(label.content) == "Not like that."
        assert not form.query_one("#session_name-error", Label).display
        form._refused(InvalidInputError("Something else.", field=None))
        await pilot.pause()
        assert "Something else." in static_text(form, "#form-error")
        assert not form.query_one("#job_title-error", Label).display


async def test_history_lists_sessions_newest_first_and_filters(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    user_id = seed_user(service)
    seed_completed_session(service, clock, user_id, name="Morning round",
                           job_title="Data Engineer", scores=(8, 6))
    clock.advance(600)
    seed_session(service, user_id, name="Evening round", job_title="Backend Engineer")
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(HistoryTable)
        assert table.row_count == 2
        first_row = [str(cell) for cell in table.get_row_at(0)]
        second_row = [str(cell) for cell in table.get_row_at(1)]
        assert first_row[1] == "Evening round" and first_row[3] == "Ready"
        assert second_row[1:4] == ["Morning round", "Data Engineer", "Completed"]
        assert second_row[4] == clock_text(150) and second_row[5] == "1"
        assert second_row[6] == "7.0"  # the average of 8 and 6, to one decimal like the rest
        assert second_row[0] == "Jan 05 09:00"

        await pilot.press("slash", *"data")
        await pilot.pause()
        assert table.row_count == 1
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 2
        assert table.has_focus


async def test_add_credits_from_home(app_factory: AppFactory, service: MockMate) -> None:
    user_id = seed_user(service)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AddCreditsDialog)
        await pilot.press("x", "enter")
        await pilot.pause()
        assert dialog.query_one("#credits-error", Label).display  # not a number
        dialog.query_one("#credits", Input).value = "5"
        await pilot.press("enter")
        await settle(pilot)
        assert service.get_user(user_id).credit_balance == 15
        assert "15" in static_text(app.screen, "#balance")


async def test_completed_session_opens_its_report_and_exports(
        app_factory: AppFactory, clock: FakeClock, service: MockMate,
        tmp_path: Path) -> None:
    user_id = seed_user(service)
    seed_completed_session(service, clock, user_id, scores=(9, None))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        report = app.screen
        assert isinstance(report, ReportScreen)
        assert report.loaded is not None
        assert report.loaded.statistics.coverage.unanswered == 1
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")  # the first format
        await settle(pilot)
        exported = list(tmp_path.glob("mockmate-report-*"))
        assert len(exported) == 1 and exported[0].stat().st_size > 0
        assert any(str(exported[0]) in message for message in notifications(app))


async def test_help_screen_and_command_palette(app_factory: AppFactory,
                                              service: MockMate) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        # The home screen's own entries, and the app's (Theme, Quit...).
        home = app.screen
        assert isinstance(home, HomeScreen)
        titles = [command.title for command in home.palette_commands()]
        titles += [command.title for command in app.get_system_commands(home)]
        for title in ("New session", "Open report", "Add credits", "Theme", "Help"):
            assert title in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"new session")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NewSessionScreen)


async def test_an_unexpected_error_becomes_a_notification(app_factory: AppFactory,
                                                         service: MockMate) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen

        def broken(_: MockMate) -> int:
            raise RuntimeError("disk on fire")

        call_service(home, app.service, broken, name="broken call")
        await settle(pilot)
        assert app.is_running and app.screen is home
        assert any("disk on fire" in message for message in notifications(app))


async def test_a_slow_call_shows_a_loading_indicator_until_it_returns(
        app_factory: AppFactory, service: MockMate) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        area = home.query_one("#history-area")
        answered = threading.Event()

        def slow(service: MockMate) -> int:
            answered.wait(10)  # a database that takes its time
            return 1

        call_service(home, app.service, slow, busy=area, name="slow call")
        await pilot.pause(0.4)
        assert area.loading  # the person sees that something is happening
        assert app.screen is home  # and the app still answers keys meanwhile
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        answered.set()
        await settle(pilot)
        assert not area.loading


async def test_quitting_while_the_database_starts_still_closes_it(
        database_url: str, clock: FakeClock, settings: Settings) -> None:
    release = threading.Event()
    opened: list[MockMate] = []

    def slow_open() -> MockMate:
        release.wait(10)
        service = MockMate.open(database_url, clock, settings=settings, heartbeat=False)
        opened.append(service)
        return service

    app = make_app(slow_open, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    release.set()  # the database comes up after the app has gone
    deadline = time.monotonic() + 10
    while not opened and time.monotonic() < deadline:
        await asyncio.sleep(0.02)
    assert opened
    while time.monotonic() < deadline:
        try:
            opened[0].list_users()
        except Exception:
            break  # closed: nothing left running
        await asyncio.sleep(0.02)
    else:
        raise AssertionError("the service opened after quitting was never closed")
