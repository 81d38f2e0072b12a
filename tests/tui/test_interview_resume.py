"""Leaving and coming back: the interview continues exactly where the person was, because the
engine keeps it (not the screen). Esc home and back, or quitting and starting MockMate again,
bring back the same question, what was typed for it, and its clock; a skipped question stays
skipped."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.service import MockMate
from mockmate_tui.tui.app import MockMateApp
from mockmate_tui.tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from mockmate_tui.tui.screens.home import HomeScreen
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.widgets.answer_pane import TYPING_PAUSE_SECONDS

from .conftest import QUESTIONS, AppFactory, seed_session, seed_user, session_status, settle


async def open_from_home(app: MockMateApp, pilot: Pilot[None]) -> InterviewScreen:
    """Open the selected session from the history (the only one, in these tests)."""
    assert isinstance(app.screen, HomeScreen)
    await pilot.press("enter")
    await settle(pilot)
    interview = app.screen
    assert isinstance(interview, InterviewScreen)
    return interview


def question_clock(interview: InterviewScreen) -> str:
    return str(interview.query_one("#question-clock", Static).content)


async def test_a_skipped_question_stays_skipped_after_leaving_and_resuming(
        app_factory: AppFactory, service: MockMate) -> None:
    session_id = seed_session(service, seed_user(service))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        interview = await open_from_home(app, pilot)
        await pilot.press("f5")
        await settle(pilot)
        assert interview.current is not None and interview.current.number == 1
        await pilot.press("ctrl+n")  # skip question 1
        await settle(pilot)
        assert interview.current is not None and interview.current.number == 2
        await pilot.press("escape")  # home, pausing
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)

        back = await open_from_home(app, pilot)
        assert back.phase is TimerPhase.PAUSED
        await pilot.press("f5")
        await settle(pilot)
        assert back.phase is TimerPhase.RUNNING
        assert back.current is not None and back.current.number == 2
        assert back.question_pane.text_shown == QUESTIONS[1].question_text
    states = [q.state for q in service.interviews.progress(session_id).questions]
    assert states == ["skipped", "asked", "pending"]


async def test_a_draft_is_in_the_box_when_the_interview_reopens(
        app_factory: AppFactory, service: MockMate) -> None:
    session_id = seed_session(service, seed_user(service))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        interview = await open_from_home(app, pilot)
        await pilot.press("f5")
        await settle(pilot)
        interview.answer_pane.text_area.insert("Half an answer")
        await pilot.press("escape")  # at once: the pause carries the draft
        await settle(pilot)
        assert session_status(service, session_id) == "paused"

        back = await open_from_home(app, pilot)
        # At once, while still paused (read-only): nothing is lost, nothing is re-typed.
        assert back.phase is TimerPhase.PAUSED
        assert back.answer_pane.text == "Half an answer"
        await pilot.press("f5")
        await settle(pilot)
        assert back.answer_pane.text == "Half an answer" and back.answer_pane.writable


async def test_the_draft_is_saved_once_typing_stops(app_factory: AppFactory,
                                                    service: MockMate) -> None:
    """No key needed: a crash a moment after typing stops loses nothing."""
    session_id = seed_session(service, seed_user(service))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        interview = await open_from_home(app, pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press(*"Start")
        current = service.interviews.progress(session_id).current
        assert current is not None and current.draft == ""  # not on every key
        await pilot.pause(TYPING_PAUSE_SECONDS + 0.3)
        await settle(pilot)
        current = service.interviews.progress(session_id).current
        assert current is not None and current.draft == "Start"
        assert interview.phase is TimerPhase.RUNNING  # saved without pausing anything


async def test_quit_and_start_again_keeps_the_draft_and_the_question_clock(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    session_id = seed_session(service, seed_user(service))
    first_app = app_factory()
    async with first_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        interview = await open_from_home(first_app, pilot)
        await pilot.press("f5")
        await settle(pilot)
        interview.answer_pane.text_area.insert("An answer to the first question.")
        clock.advance(30)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("enter")  # read the feedback: on to question 2
        await settle(pilot)
        assert interview.current is not None and interview.current.number == 2
        clock.advance(95)  # 95 s on question 2...
        interview.refresh_timer()
        await pilot.pause()
        assert question_clock(interview) == "On it 01:35"
        interview.answer_pane.text_area.insert("Half an answer")
        await pilot.press("ctrl+q")  # ...then quit, mid-sentence, keeping the draft
        await settle(pilot)
        assert isinstance(first_app.screen, ChoiceDialog)
        await pilot.press("enter")  # "Keep as draft" has the focus
        await settle(pilot)
    assert first_app.return_code == 0
    assert session_status(service, session_id) == "paused"

    clock.advance(3600)  # an hour away: none of it billed, none of it on the question
    second_app = app_factory()
    async with second_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        interview = await open_from_home(second_app, pilot)
        assert interview.phase is TimerPhase.PAUSED
        assert interview.timer_display.shown_time == "00:02:05"
        assert interview.answer_pane.text == "Half an answer"
        assert question_clock(interview) == "On it 01:35"  # continues, not 00:00
        await pilot.press("f5")
        await settle(pilot)
        assert interview.current is not None and interview.current.number == 2
        clock.advance(10)
        interview.refresh_timer()
        await pilot.pause()
        assert question_clock(interview) == "On it 01:45"
        # The draft is the answer's text now: skipping asks before discarding it.
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(second_app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert interview.current is not None and interview.current.number == 3
        assert interview.answer_pane.text == ""


async def test_a_draft_never_lands_on_the_next_question(app_factory: AppFactory,
                                                        service: MockMate) -> None:
    """Submitting straight after typing: the pending draft save belongs to the answered
    question, so the next question starts empty, in the box and in the database."""
    session_id = seed_session(service, seed_user(service))
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        interview = await open_from_home(app, pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press(*"My answer", "ctrl+s")  # the typing pause has not come yet
        await settle(pilot)
        await pilot.pause(TYPING_PAUSE_SECONDS + 0.3)
        await settle(pilot)
        await pilot.press("enter")  # read the feedback: on to question 2
        await settle(pilot)
        assert interview.current is not None and interview.current.number == 2
        assert interview.answer_pane.text == ""
    current = service.interviews.progress(session_id).current
    assert current is not None and current.number == 2 and current.draft == ""


async def test_an_answer_that_leaves_a_key_point_out_brings_a_follow_up_on_screen(
        app_factory: AppFactory, service: MockMate) -> None:
    technical = QUESTIONS[2].model_copy(update={"question_number": 1, "follow_ups": True})
    session_id = seed_session(service, seed_user(service), questions=(technical,))
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        interview = await open_from_home(app, pilot)
        await pilot.press("f5")
        await settle(pilot)
        # A token bucket, but not a word on keeping the count across servers.
        interview.answer_pane.text_area.insert(
            "I would use a token bucket per API key: each key gets 100 tokens that refill at "
            "10 a second, and a request without a token gets HTTP 429 with Retry-After.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        hint = str(interview.feedback_pane.query_one("#feedback-hint", Static).content)
        assert "A follow-up question was added: the interview now has 2 questions" in hint
        await pilot.press("enter")
        await settle(pilot)
        follow = interview.current
        assert follow is not None and follow.follow_up_of == 1 and follow.number == 2
        assert follow.key_points == ("Distributed state",)
        assert "distributed state" in interview.question_pane.text_shown.lower()
        assert interview.question_pane.border_title == "Question 2 of 2 (1 follow-up added)"
    assert session_status(service, session_id) == "paused"
