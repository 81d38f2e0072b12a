"""A whole interview driven by the keyboard alone, on a real database, timed by a FakeClock.

The clock only moves when a test says so, so every figure on screen can be checked against
exactly what the clock says.
"""

from __future__ import annotations

from io import StringIO

from rich.console import Console
from textual.widgets import Checkbox, Input, Static

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.dialogs import ChoiceDialog, ConfirmDialog
from mockmate_tui.tui.screens.home import HomeScreen
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.screens.new_session import NewSessionScreen
from mockmate_tui.tui.screens.report import ReportScreen
from mockmate_tui.tui.screens.welcome import WelcomeScreen
from tests.support.interview_driver import interview

from .conftest import AppFactory, notifications, session_status, settle


def report_text(screen: ReportScreen) -> str:
    """Everything the report shows, as plain text."""
    out = StringIO()
    console = Console(file=out, width=120, color_system=None)
    for static in screen.query(Static):
        console.print(static.content)
    return out.getvalue()


async def test_first_run_to_report_keyboard_only(app_factory: AppFactory, clock: FakeClock,
                                                 service: MockMate) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # First run: no user yet, so MockMate asks who is practising.
        assert isinstance(app.screen, WelcomeScreen)
        app.screen.query_one("#name", Input).value = "Ada Lovelace"
        await pilot.press("enter")  # on to the email field
        app.screen.query_one("#email", Input).value = "ada@example.com"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        user = service.local_user()
        assert user is not None and user.email == "ada@example.com"

        # A new session with two questions.
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        form.query_one("#session_name", Input).value = "Backend practice"
        form.query_one("#job_title", Input).value = "Backend Engineer"
        form.query_one("#question_count", Input).value = "2"
        form.query_one("#follow_ups", Checkbox).value = False  # two questions, no more
        await pilot.press("ctrl+s")
        await settle(pilot)
        interview = app.screen
        assert isinstance(interview, InterviewScreen)
        assert interview.phase is TimerPhase.CREATED
        session_id = interview.session_id
        assert session_status(service, session_id) == "created"

        # F5 starts; the first question appears and the answer box has focus.
        await pilot.press("f5")
        await settle(pilot)
        assert interview.phase is TimerPhase.RUNNING
        assert interview.answer_pane.text_area.has_focus
        first = interview.current
        assert first is not None and first.number == 1
        assert interview.question_pane.text_shown == first.text

        # Answer it 90 running seconds later; ctrl+s works from inside the answer box.
        interview.answer_pane.text_area.insert(
            "I lead a team of four building Python services on PostgreSQL; last year we cut "
            "p99 latency by 40% by reworking our connection pooling."
        )
        clock.advance(90)
        await pilot.press("ctrl+s")
        await settle(pilot)
        answers = service.get_session_answers(session_id)
        assert [a.response_time for a in answers] == [90]
        assert answers[0].ai_score is not None and 1 <= answers[0].ai_score <= 10
        assert interview.feedback_pane.last is not None
        assert interview.feedback_pane.last[0] == 1
        assert interview.answer_pane.text == ""
        # The feedback fills the screen until enter brings the next question.
        assert interview.reading and interview.feedback_pane.has_focus
        assert interview.current is None
        await pilot.press("enter")
        await settle(pilot)
        second = interview.current
        assert second is not None and second.number == 2

        # Pause between the questions: the question hides, the answer is read-only, and the
        # ten minutes paused are not billed.
        await pilot.press("f5")
        await settle(pilot)
        assert interview.phase is TimerPhase.PAUSED
        assert interview.answer_pane.text_area.read_only
        assert second.text not in interview.question_pane.text_shown
        clock.advance(600)
        interview.refresh_timer()
        await pilot.pause()
        assert interview.timer_display.shown_time == "00:01:30"
        assert session_status(service, session_id) == "paused"

        await pilot.press("f5")
        await settle(pilot)
        assert interview.phase is TimerPhase.RUNNING
        assert interview.question_pane.text_shown == second.text
        interview.answer_pane.text_area.insert("We settled it with a small experiment.")
        clock.advance(45)
        interview.refresh_timer()
        await pilot.pause()
        assert interview.timer_display.shown_time == "00:02:15"  # 90 s + 45 s, pause excluded
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert sorted(a.response_time for a in service.get_session_answers(session_id)) \
            == [45, 90]
        assert interview.reading
        await pilot.press("enter")  # read
        await settle(pilot)

        # That was the last question: MockMate offers to stop; confirm with Enter.
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("enter")
        await settle(pilot)
        report = app.screen
        assert isinstance(report, ReportScreen)
        session = service.get_session(session_id)
        assert session.status == "completed"
        assert (session.billed_seconds, session.paused_seconds) == (135, 600)
        text = report_text(report)
        assert "00:02:15" in text and "00:10:00" in text
        assert first.text in text and second.text in text
        assert "Ada Lovelace" in text

        # Scroll it with the keyboard, then go home where the session is listed as completed.
        scroller = report.scroller
        await pilot.press("end")
        await pilot.pause()
        assert scroller.scroll_y == scroller.max_scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert scroller.scroll_y == 0
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert scroller.scroll_y == 3
        await pilot.press("k")
        await pilot.pause()
        assert scroller.scroll_y == 2
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroller.scroll_y > 3
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#history").row_count == 1  # type: ignore[attr-defined]


async def test_stop_asks_first_and_cancel_keeps_going(app_factory: AppFactory,
                                                      service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        screen = run.screen
        run.type("Draft")
        await run.press("f10")
        assert isinstance(run.app.screen, ChoiceDialog)  # the answer typed? (test_nothing_lost)
        await run.press("escape")
        assert run.screen is screen and screen.phase is TimerPhase.RUNNING
        assert screen.answer_pane.text == "Draft"
        assert session_status(service, run.session_id) == "active"
        await run.press("f10")
        await run.press("enter")  # "Submit & stop" has the focus
        assert isinstance(run.app.screen, ReportScreen)
        assert session_status(service, run.session_id) == "completed"


async def test_skip_leaves_question_unanswered(app_factory: AppFactory, service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        screen = run.screen
        await run.press("ctrl+n")
        assert screen.current is not None and screen.current.number == 2
        # With text typed, skipping asks first.
        run.type("Something")
        await run.press("ctrl+n")
        assert isinstance(run.app.screen, ConfirmDialog)
        await run.press("enter")
        assert screen.current is not None and screen.current.number == 3
        questions = service.get_session_questions(run.session_id)
        assert [q.question_number for q in questions] == [1, 2, 3]
        assert service.get_session_answers(run.session_id) == []


async def test_quitting_pauses_a_running_interview(app_factory: AppFactory, clock: FakeClock,
                                                   service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        clock.advance(40)
        await run.press("ctrl+q")  # works from inside the answer box too
        clock.advance(600)  # after quitting: not billed
    assert run.app.return_code == 0
    assert run.app.service is None
    session = service.get_session(run.session_id)
    assert (session.status, session.billed_seconds) == ("paused", 40)


async def test_a_refused_answer_keeps_what_was_typed(app_factory: AppFactory,
                                                     service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        screen = run.screen
        typed = "Pasted from somewhere odd:\x00 the rest of my answer"
        await run.submit(typed)
        assert any("NUL" in message for message in notifications(run.app))
        assert screen.answer_pane.text == typed  # nothing lost
        assert screen.answer_pane.writable  # and it can be fixed and sent again
        assert not screen.feedback_pane.display
        assert screen.current is not None and screen.current.number == 1
        assert service.get_session_answers(run.session_id) == []
        screen.answer_pane.set_text(typed.replace("\x00", ""))
        await run.submit()
        assert len(service.get_session_answers(run.session_id)) == 1


async def test_the_palette_offers_the_interview_keys(app_factory: AppFactory,
                                                     service: MockMate) -> None:
    async with interview(app_factory, service, start=False) as run:
        screen = run.screen
        titles = [command.title for command in screen.palette_commands()]
        assert titles[:4] == ["Pause / resume interview", "Stop interview", "Submit answer",
                              "Skip question"]
        await run.pilot.press("ctrl+p")
        await run.pilot.pause()
        await run.pilot.press(*"pause / resume")
        await run.pilot.pause(0.3)
        await run.press("enter")  # F5's meaning now: start
        assert screen.phase is TimerPhase.RUNNING
