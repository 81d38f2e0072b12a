"""A session cannot be created without the credit to start it: the form says so at once, and
creating is refused until credits are added (what was typed stays)."""

from __future__ import annotations

from textual.widgets import Input, Static

from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.dialogs import AddCreditsDialog
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.screens.new_session import NewSessionScreen

from .conftest import AppFactory, seed_user, settle


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
