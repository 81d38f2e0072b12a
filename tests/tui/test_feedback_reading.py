"""Feedback you can read: after a submit the feedback takes the question's and the answer's
place, focused and scrollable, and the next question and its own clock start only when the
person presses enter; the screen says a pause keeps the feedback readable. The score shows once;
a skip says so and clears the last feedback."""

from __future__ import annotations

from io import StringIO

from rich.console import Console
from textual.widgets import Static

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.interview import InterviewScreen
from tests.support.interview_driver import InterviewDriver, interview

from .conftest import AppFactory

ANSWER = ("I lead a team of four building Python services on PostgreSQL; last year we cut p99 "
          "latency by 40% by reworking our connection pooling, measured over two weeks.")


def on_question(run: InterviewDriver) -> int:
    """Seconds on the question on screen, by the app's own service (which runs the timer)."""
    service = run.app.service
    assert isinstance(service, MockMate)
    return service.interviews.seconds_on_question(run.session_id)


def body(screen: InterviewScreen) -> str:
    out = StringIO()
    Console(file=out, width=120, color_system=None).print(
        screen.feedback_pane.query_one("#feedback-body", Static).content)
    return out.getvalue()


async def test_feedback_fills_the_screen_until_enter(app_factory: AppFactory, clock: FakeClock,
                                                     service: MockMate) -> None:
    async with interview(app_factory, service, size=(80, 24)) as run:
        screen = run.screen
        clock.advance(60)
        await run.submit(ANSWER)

        pane = screen.feedback_pane
        assert screen.reading and pane.has_focus
        assert not screen.question_pane.display or not screen.question_pane.region
        assert pane.region.height >= 15  # the question area given over to it, at 80x24
        hint = str(pane.query_one("#feedback-hint", Static).content)
        assert "press enter for the next question" in hint
        assert "pause keeps this feedback readable" in hint
        assert screen.current is None  # the next question is not on screen yet...
        # ...so reading costs it no time: five minutes of reading, then enter.
        clock.advance(300)
        await run.press("f5")  # a pause keeps the feedback on screen
        assert screen.phase is TimerPhase.PAUSED and screen.reading and pane.display
        await run.press("f5")  # resuming brings the next question
        assert not screen.reading and screen.current is not None
        assert screen.current.number == 2
        assert on_question(run) == 0
        assert screen.answer_pane.text_area.has_focus

        # The score once in the feedback block: the headline's, not the text's.
        assert body(screen).count("/10") == 1

        # A skip says so and the last feedback goes.
        await run.press("ctrl+n")
        assert screen.current is not None and screen.current.number == 3
        assert pane.last is None
        assert "Question 2 was skipped" in body(screen)
        assert "/10" not in body(screen)


async def test_enter_after_reading_starts_the_next_question_clock(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    async with interview(app_factory, service, size=(80, 24)) as run:
        screen = run.screen
        await run.submit(ANSWER)
        clock.advance(120)  # reading
        await run.next_question()
        assert screen.current is not None and screen.current.number == 2
        clock.advance(10)
        assert on_question(run) == 10
