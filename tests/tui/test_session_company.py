"""The new-session form's Company field (issue 20): typed, it is the session's, the interview
asks about it in its name and the report's header names it; left empty, the session has none."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, Label

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.models import MAX_NAME_LENGTH
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.screens.new_session import NewSessionScreen
from mockmate_tui.tui.screens.report import ReportScreen

from .conftest import AppFactory, seed_user, settle

ABOUT_US = "What do you know about Acme Robotics so far?"


async def _form(pilot: Pilot[None]) -> NewSessionScreen:
    await pilot.press("n")
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, NewSessionScreen)
    return form


async def test_a_company_typed_in_the_form_is_the_sessions(app_factory: AppFactory,
                                                           service: MockMate) -> None:
    user_id = seed_user(service)
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        form = await _form(pilot)
        form.query_one("#job_title", Input).value = "Backend Engineer"
        form.query_one("#company", Input).focus()
        await pilot.press(*"Acme Robotics ")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        # Before the start, the interview says whom it is for, and so does its title.
        assert "questions for Backend Engineer at Acme Robotics." in \
            app.screen.question_pane.text_shown
        assert app.screen.sub_title.endswith("Backend Engineer · Acme Robotics")
    [session] = service.list_sessions(user_id)
    assert session.company == "Acme Robotics"
    texts = [q.text for q in service.interviews.progress(session.id).questions]
    assert texts[1] == ABOUT_US


async def test_no_company_typed_is_none_and_a_long_one_is_refused_beside_the_field(
        app_factory: AppFactory, service: MockMate) -> None:
    user_id = seed_user(service)
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        form = await _form(pilot)
        form.query_one("#job_title", Input).value = "Backend Engineer"
        form.query_one("#company", Input).value = "x" * (MAX_NAME_LENGTH + 1)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = form.query_one("#company-error", Label)
        assert error.display and "company name is too long" in str(error.content)
        assert service.list_sessions(user_id) == []
        form.query_one("#company", Input).value = "   "
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
    [session] = service.list_sessions(user_id)
    assert session.company is None


async def test_the_report_header_names_the_company(app_factory: AppFactory, service: MockMate,
                                                   clock: FakeClock) -> None:
    user_id = seed_user(service)
    session = service.interviews.plan(user_id, "Mock", "Backend Engineer", count=2, seed=1,
                                      follow_ups=False, company="Acme Robotics")
    plain = service.interviews.plan(user_id, "Plain", "Backend Engineer", count=2, seed=1,
                                    follow_ups=False)
    for sid in (session.id, plain.id):
        progress = service.interviews.start(sid)
        while progress.current is not None:
            clock.advance(60)
            progress = service.interviews.submit(sid, "I build robots in Python.").progress
        service.interviews.stop(sid)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(ReportScreen(session.id))
        await settle(pilot)
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "Company" in shown and "Acme Robotics" in shown
        assert app.screen.sub_title == "Mock · Backend Engineer · Acme Robotics"
        await app.push_screen(ReportScreen(plain.id))
        await settle(pilot)
        assert "Company" not in app.export_screenshot()
