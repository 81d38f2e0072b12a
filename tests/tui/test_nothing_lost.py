"""Nothing typed is thrown away without asking: F10 and ctrl+q with an answer not submitted ask
what becomes of it (submit, keep as draft, discard, or cancel); a signal never asks and keeps the
draft; a filled new-session form asks before Esc (or ctrl+q) throws it away."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.service import MockMate
from mockmate_tui.tui.app import MockMateApp
from mockmate_tui.tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from mockmate_tui.tui.screens.home import HomeScreen
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.screens.new_session import NewSessionScreen
from mockmate_tui.tui.screens.report import ReportScreen
from tests.support.interview_driver import InterviewDriver, interview

from .conftest import AppFactory, seed_user, session_status, settle

ANSWER = "I would use a token bucket per client, kept in Redis."


def drafts(service: MockMate, session_id: str) -> dict[int, str]:
    """The draft the engine keeps for each question shown."""
    return {q.number: q.draft for q in service.interviews.progress(session_id).questions
            if q.state != "pending"}


def with_answer(run: InterviewDriver) -> InterviewScreen:
    """The running interview (the driver opened and started it), an answer typed, not sent."""
    run.type(ANSWER)
    return run.screen


async def choose(app: MockMateApp, pilot: Pilot[None], key: str, choice: str) -> None:
    """Press `key`, see the choice dialog, and click `choice`."""
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(app.screen, ChoiceDialog)
    await pilot.click(f"#choice-{choice}")
    await settle(pilot)


# -- F10 -------------------------------------------------------------------------------------

async def test_stop_and_submit_scores_the_answer_first(app_factory: AppFactory,
                                                       service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        app, pilot, session_id = run.app, run.pilot, run.session_id
        with_answer(run)
        await choose(app, pilot, "f10", "submit")
        assert isinstance(app.screen, ReportScreen)
    assert session_status(service, session_id) == "completed"
    [answer] = service.get_session_answers(session_id)
    assert answer.answer_text == ANSWER and answer.ai_score is not None


async def test_stop_never_offers_a_draft_for_an_interview_that_cannot_resume(
        app_factory: AppFactory, service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        app, pilot = run.app, run.pilot
        with_answer(run)
        await pilot.press("f10")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert not dialog.query("#choice-keep")
        assert dialog.query("#choice-submit") and dialog.query("#choice-discard")


async def test_time_in_the_stop_and_quit_dialogs_is_not_billed(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        app, pilot, session_id = run.app, run.pilot, run.session_id
        screen = with_answer(run)
        clock.advance(30)
        for key in ("ctrl+q", "f10"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, ChoiceDialog)
            assert not service.get_timer_state(session_id).is_running  # paused to ask
            clock.advance(600)  # ten minutes reading the dialog
            await pilot.press("escape")  # stay: the interview runs again
            await settle(pilot)
            assert app.screen is screen and screen.phase is TimerPhase.RUNNING
            assert screen.answer_pane.text == ANSWER
        assert service.get_timer_state(session_id).elapsed_seconds == 30
        await choose(app, pilot, "ctrl+q", "keep")
    assert service.get_timer_state(session_id).elapsed_seconds == 30
    assert drafts(service, session_id) == {1: ANSWER}


async def test_stop_and_discard_drops_even_a_saved_draft(app_factory: AppFactory,
                                                         service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        app, pilot, session_id = run.app, run.pilot, run.session_id
        screen = with_answer(run)
        screen._save_draft()  # as a typing pause would: the engine holds it already
        await settle(pilot)
        assert drafts(service, session_id) == {1: ANSWER}
        await choose(app, pilot, "f10", "discard")
        assert isinstance(app.screen, ReportScreen)
    assert session_status(service, session_id) == "completed"
    assert drafts(service, session_id) == {1: ""}


async def test_stop_dialog_cancels_with_escape(app_factory: AppFactory,
                                               service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        app, pilot, session_id = run.app, run.pilot, run.session_id
        screen = with_answer(run)
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.answer_pane.text == ANSWER
    assert session_status(service, session_id) == "paused"  # paused by quitting the test app


# -- ctrl+q ----------------------------------------------------------------------------------

async def test_quit_and_submit_saves_the_answer_then_pauses(app_factory: AppFactory,
                                                            service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        app, pilot, session_id = run.app, run.pilot, run.session_id
        with_answer(run)
        await choose(app, pilot, "ctrl+q", "submit")
    assert app.return_code == 0
    assert session_status(service, session_id) == "paused"
    assert [a.answer_text for a in service.get_session_answers(session_id)] == [ANSWER]
    # Submitting on the way out shows no next question: question 2 comes with the resume, and
    # nothing typed was carried to it.
    assert drafts(service, session_id) == {1: ""}


async def test_quit_and_keep_pauses_with_the_draft(app_factory: AppFactory,
                                                   service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        app, pilot, session_id = run.app, run.pilot, run.session_id
        with_answer(run)
        await choose(app, pilot, "ctrl+q", "keep")
    assert session_status(service, session_id) == "paused"
    assert drafts(service, session_id) == {1: ANSWER}


async def test_quit_and_discard_pauses_with_an_empty_draft(app_factory: AppFactory,
                                                           service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        app, pilot, session_id = run.app, run.pilot, run.session_id
        screen = with_answer(run)
        screen._save_draft()
        await settle(pilot)
        await choose(app, pilot, "ctrl+q", "discard")
    assert session_status(service, session_id) == "paused"
    assert drafts(service, session_id) == {1: ""}
    assert service.get_session_answers(session_id) == []


async def test_quit_dialog_cancels_with_escape(app_factory: AppFactory,
                                               service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        app, pilot = run.app, run.pilot
        screen = with_answer(run)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("ctrl+q")  # asked already: one dialog, not two
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and app.is_running
        assert screen.phase is TimerPhase.RUNNING


async def test_quit_without_an_answer_quits_at_once(app_factory: AppFactory,
                                                    service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        app, pilot, session_id = run.app, run.pilot, run.session_id
        with_answer(run)
        app.screen.query_one("#answer-text", TextArea).load_text("   ")
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.return_code == 0
    assert session_status(service, session_id) == "paused"


async def test_a_signal_never_asks_and_keeps_the_draft(app_factory: AppFactory,
                                                       service: MockMate) -> None:
    """SIGTERM quits through `quit_now` (nobody may be there to answer a dialog)."""
    async with interview(app_factory, service) as run:
        app, pilot, session_id = run.app, run.pilot, run.session_id
        with_answer(run)
        app.quit_now()
        await settle(pilot)
    assert app.return_code == 0
    assert session_status(service, session_id) == "paused"
    assert drafts(service, session_id) == {1: ANSWER}


# -- the new-session form --------------------------------------------------------------------

async def test_escape_on_a_filled_form_asks_before_discarding(app_factory: AppFactory,
                                                              service: MockMate) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        form.query_one("#job_description", TextArea).insert("We need a Rust engineer. " * 40)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")  # the focus is on "Keep editing"
        await settle(pilot)
        assert app.screen is form
        assert form.query_one("#job_description", TextArea).text.startswith("We need")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.click("#confirm")  # Discard
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert service.list_sessions(service.list_users()[0].id) == []


async def test_escape_on_an_empty_form_goes_home_at_once(app_factory: AppFactory,
                                                         service: MockMate) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_quitting_from_a_filled_form_asks_too(app_factory: AppFactory,
                                                    service: MockMate) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#session_name", Input).value = "Round one"
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert isinstance(app.screen, NewSessionScreen) and app.is_running
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.click("#confirm")  # Discard & quit
        await settle(pilot)
    assert app.return_code == 0
