"""Leaving and coming back: the interview continues exactly where the person was, because the
engine keeps it (not the screen). Esc home and back, or quitting and starting MockMate again,
bring back the same question, what was typed for it, and its clock; a skipped question stays
skipped."""

from __future__ import annotations

from textual.widgets import Static

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.widgets.answer_pane import TYPING_PAUSE_SECONDS
from tests.support.interview_driver import interview

from .conftest import QUESTIONS, AppFactory, session_status


def question_clock(screen: InterviewScreen) -> str:
    return str(screen.query_one("#question-clock", Static).content)


async def test_a_skipped_question_stays_skipped_after_leaving_and_resuming(
        app_factory: AppFactory, service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        assert run.screen.current is not None and run.screen.current.number == 1
        await run.press("ctrl+n")  # skip question 1
        assert run.screen.current is not None and run.screen.current.number == 2

        back = await run.leave_and_reopen()
        assert back.phase is TimerPhase.PAUSED
        await run.start()
        assert back.current is not None and back.current.number == 2
        assert back.question_pane.text_shown == QUESTIONS[1].question_text
    states = [q.state for q in service.interviews.progress(run.session_id).questions]
    assert states == ["skipped", "asked", "pending"]


async def test_a_draft_is_in_the_box_when_the_interview_reopens(
        app_factory: AppFactory, service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        run.type("Half an answer")
        await run.press("escape")  # at once: the pause carries the draft
        assert session_status(service, run.session_id) == "paused"

        back = await run.open_from_home()
        # At once, while still paused (read-only): nothing is lost, nothing is re-typed.
        assert back.phase is TimerPhase.PAUSED
        assert back.answer_pane.text == "Half an answer"
        await run.start()
        assert back.answer_pane.text == "Half an answer" and back.answer_pane.writable


async def test_the_draft_is_saved_once_typing_stops(app_factory: AppFactory,
                                                    service: MockMate) -> None:
    """No key needed: a crash a moment after typing stops loses nothing."""
    async with interview(app_factory, service) as run:
        await run.pilot.press(*"Start")
        current = service.interviews.progress(run.session_id).current
        assert current is not None and current.draft == ""  # not on every key
        await run.pilot.pause(TYPING_PAUSE_SECONDS + 0.3)
        await run.settle()
        current = service.interviews.progress(run.session_id).current
        assert current is not None and current.draft == "Start"
        assert run.screen.phase is TimerPhase.RUNNING  # saved without pausing anything


async def test_quit_and_start_again_keeps_the_draft_and_the_question_clock(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        await run.answer("An answer to the first question.", seconds=30, clock=clock)
        screen = run.screen
        assert screen.current is not None and screen.current.number == 2
        clock.advance(95)  # 95 s on question 2...
        await run.redraw()
        assert question_clock(screen) == "On it 1 min"
        run.type("Half an answer")
        await run.press("ctrl+q")  # ...then quit, mid-sentence, keeping the draft
        assert isinstance(run.app.screen, ChoiceDialog)
        await run.press("enter")  # "Keep as draft" has the focus
    assert run.app.return_code == 0
    assert session_status(service, run.session_id) == "paused"

    clock.advance(3600)  # an hour away: none of it billed, none of it on the question
    async with interview(app_factory, service, session_id=run.session_id) as again:
        screen = again.screen
        assert screen.phase is TimerPhase.PAUSED
        assert screen.timer_display.shown_time == "00:02:05"
        assert screen.answer_pane.text == "Half an answer"
        assert question_clock(screen) == "On it 1 min"  # continues, not "<1 min"
        await again.start()
        assert screen.current is not None and screen.current.number == 2
        clock.advance(30)  # 95 s + 30 s: into its third minute
        await again.redraw()
        assert question_clock(screen) == "On it 2 min"
        # The draft is the answer's text now: skipping asks before discarding it.
        await again.press("ctrl+n")
        assert isinstance(again.app.screen, ConfirmDialog)
        await again.press("enter")
        assert screen.current is not None and screen.current.number == 3
        assert screen.answer_pane.text == ""


async def test_a_draft_never_lands_on_the_next_question(app_factory: AppFactory,
                                                        service: MockMate) -> None:
    """Submitting straight after typing: the pending draft save belongs to the answered
    question, so the next question starts empty, in the box and in the database."""
    async with interview(app_factory, service) as run:
        await run.pilot.press(*"My answer", "ctrl+s")  # the typing pause has not come yet
        await run.settle()
        await run.pilot.pause(TYPING_PAUSE_SECONDS + 0.3)
        await run.settle()
        await run.next_question()
        assert run.screen.current is not None and run.screen.current.number == 2
        assert run.screen.answer_pane.text == ""
    current = service.interviews.progress(run.session_id).current
    assert current is not None and current.number == 2 and current.draft == ""


async def test_an_answer_that_leaves_a_key_point_out_brings_a_follow_up_on_screen(
        app_factory: AppFactory, service: MockMate) -> None:
    technical = QUESTIONS[2].model_copy(update={"question_number": 1, "follow_ups": True})
    async with interview(app_factory, service, questions=(technical,)) as run:
        screen = run.screen
        # A token bucket, but not a word on keeping the count across servers.
        await run.submit(
            "I would use a token bucket per API key: each key gets 100 tokens that refill at "
            "10 a second, and a request without a token gets HTTP 429 with Retry-After.")
        hint = str(screen.feedback_pane.query_one("#feedback-hint", Static).content)
        assert "A follow-up question was added: the interview now has 2 questions" in hint
        await run.next_question()
        follow = screen.current
        assert follow is not None and follow.follow_up_of == 1 and follow.number == 2
        assert follow.key_points == ("Distributed state",)
        assert "distributed state" in screen.question_pane.text_shown.lower()
        assert screen.question_pane.border_title == "Question 2 of 2 (1 follow-up added)"
    assert session_status(service, run.session_id) == "paused"
