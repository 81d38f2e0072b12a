"""A session cannot be created without the credit to start it: the form says so at once, and
creating is refused until credits are added (what was typed stays)."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.dialogs import AddCreditsDialog, ConfirmDialog
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.screens.new_session import NewSessionScreen

from .conftest import AppFactory, notifications, seed_session, seed_user, settle


async def test_the_form_says_no_credits_and_creates_nothing(app_factory: AppFactory,
                                                            service: MockMate) -> None:
    user_id = seed_user(service)
    with service.database.transaction() as conn:
        conn.execute("UPDATE users SET credit_balance = 0")
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        note = form.query_one("#credit-note", Static)
        assert note.display and "No credits left" in str(note.content)
        form.query_one("#session_name", Input).value = "Round one"
        form.query_one("#job_title", Input).value = "Data Engineer"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "1 credit to start" in str(form.query_one("#form-error", Static).content)
        assert service.list_sessions(user_id) == []

        await form.run_action("add_credits")
        await settle(pilot)
        assert isinstance(app.screen, AddCreditsDialog)
        app.screen.query_one("#credits", Input).value = "2"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is form and not note.display
        assert form.query_one("#session_name", Input).value == "Round one"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)


async def test_the_form_remembers_the_last_job_and_the_name_is_optional(
        app_factory: AppFactory, service: MockMate) -> None:
    user_id = seed_user(service)
    service.create_session(user_id, "Earlier", "Site Reliability Engineer", "Kubernetes, Go")
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        assert form.query_one("#job_title", Input).value == "Site Reliability Engineer"
        assert form.read_form().job_description == "Kubernetes, Go"
        await pilot.press("escape")  # nothing typed by the person: no question asked
        await settle(pilot)
        assert not isinstance(app.screen, NewSessionScreen)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("ctrl+s")  # no session name: filled from the job title
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
    names = {s.session_name for s in service.list_sessions(user_id)}
    assert names == {"Practice: Site Reliability Engineer", "Earlier"}


async def test_typing_a_new_job_replaces_the_remembered_one(
        app_factory: AppFactory, service: MockMate) -> None:
    """The remembered title and description are there to keep or to type over: typing a new
    description does not glue it to the last one ("Airflow and dbt.Kubernetes, Go")."""
    user_id = seed_user(service)
    service.create_session(user_id, "Earlier", "Site Reliability Engineer", "Kubernetes, Go")
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        await pilot.press("tab")  # the job title
        await pilot.press(*"Data Engineer")
        await pilot.press("tab", "tab")  # past the company, into the description
        await pilot.press(*"Airflow and dbt.")
        await settle(pilot)
        typed = form.read_form()
        assert typed.job_title == "Data Engineer"
        assert typed.job_description == "Airflow and dbt."


async def test_a_solo_install_says_top_ups_are_free(app_factory: AppFactory, service: MockMate,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from mockmate_tui.db.pool import Database

    monkeypatch.setattr(Database, "embedded", property(lambda _: True))
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AddCreditsDialog)
        message = str(app.screen.query_one("#credits-message", Static).content)
        assert "top-ups are free" in message


async def test_the_stop_dialog_says_the_first_minute_refund(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    user_id = seed_user(service)
    seed_session(service, user_id)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "f5")
        await settle(pilot)
        clock.advance(20)
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        text = str(app.screen.query_one(".dialog-message", Static).content)
        assert "within its first minute and with no answer, its credit is refunded" in text
        await pilot.press("enter")
        await settle(pilot)
        assert any("its credit is refunded" in m for m in notifications(app))
    assert service.get_user(user_id).credit_balance == 10
