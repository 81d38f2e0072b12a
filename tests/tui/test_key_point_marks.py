"""'I covered this' (issue 17): m in the report, on the answer at the top of the view, and F7 in
the interview, on the feedback shown (while the answer box has the focus), open a dialog to pick
a key point the judge missed and the sentence that covers it; the mark shows at once as the
person's, beside the unchanged score, and can be taken back the same way."""

from __future__ import annotations

from io import StringIO

from rich.console import Console
from textual.widgets import OptionList, Select, Static

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.mark_dialog import MarkKeyPointDialog
from mockmate_tui.tui.screens.report import ReportScreen
from tests.db.test_key_point_marks import (
    ANSWER,
    ATOMIC,
    CLIENT_KEYS,
    FEEDBACK,
    QUESTION,
    REPLAY,
    SCORE,
    THEIR_SENTENCE,
)
from tests.support.interview_driver import interview

from .conftest import (
    AppFactory,
    notifications,
    seed_completed_session,
    seed_user,
    settle,
)
from .test_interview_flow import report_text


def completed_session(service: MockMate, clock: FakeClock, user_id: str) -> str:
    session_id = service.create_session(user_id, "Payments mock", "Backend engineer").id
    service.start_interview_timer(session_id)
    question_id = service.save_interview_question(session_id, 1, QUESTION, "technical",
                                                  "medium", 4)
    clock.advance(120)
    service.save_interview_answer(session_id, question_id, ANSWER, 120, FEEDBACK, SCORE)
    service.stop_interview_timer(session_id)
    return session_id


async def test_the_report_marks_a_missed_point_and_takes_it_back(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    session_id = completed_session(service, clock, seed_user(service))
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the session's report
        await settle(pilot)
        report = app.screen
        assert isinstance(report, ReportScreen)
        assert "(your mark)" not in report_text(report)

        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MarkKeyPointDialog)
        points = dialog.query_one("#mark-point", Select)
        assert points.value == "mark:0"  # the first missed point: the judge's ✓ is not offered
        sentences = dialog.query_one("#mark-sentence", OptionList)
        texts = [str(sentences.get_option_at_index(i).prompt)
                 for i in range(sentences.option_count)]
        sentences.highlighted = texts.index(THEIR_SENTENCE)
        await pilot.click("#confirm")
        await settle(pilot)

        assert app.screen is report
        (answer,) = service.get_session_answers(session_id)
        assert [(m.key_point, m.quote) for m in answer.key_point_marks] == [
            (CLIENT_KEYS, THEIR_SENTENCE)]
        assert answer.ai_score == SCORE
        shown = report_text(report)
        assert f"✓ (your mark) {CLIENT_KEYS}" in shown  # at once, no reload
        assert f"Score {SCORE}/10" in shown and "1 key point marked covered by you" in shown
        assert any("The judge's score stays 4/10" in n for n in notifications(app))

        # Again: the marked point is not offered to mark, but to take back.
        await pilot.press("m")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, MarkKeyPointDialog)
        options = dialog.query_one("#mark-point", Select)
        values = [value for _, value in options._options]
        assert values == ["mark:0", "mark:1", "unmark:0"]  # ATOMIC, REPLAY, then the mark
        options.value = "unmark:0"
        await pilot.pause()
        assert not dialog.query_one("#mark-sentence", OptionList).display
        await pilot.click("#confirm")
        await settle(pilot)
        assert app.screen is report
        assert service.get_session_answers(session_id)[0].key_point_marks == []
        shown = report_text(report)
        assert "(your mark)" not in shown and f"✗ {CLIENT_KEYS}" in shown
        assert ATOMIC in shown and REPLAY in shown


async def test_f7_marks_a_point_of_the_feedback_being_read(
        app_factory: AppFactory, service: MockMate) -> None:
    async with interview(app_factory, service, size=(100, 32)) as run:
        app, pilot, session_id = run.app, run.pilot, run.session_id
        screen = run.screen
        await run.press("f7")  # nothing scored yet: F7 is not offered, and does nothing
        assert app.screen is screen

        typed = "I enjoy chess on weekends. Lately I build payment APIs at Acme as a lead."
        await run.submit(typed)
        (answer,) = service.get_session_answers(session_id)
        points = service.answer_key_points(answer.id)
        assert points.missed, "the judge ticked every point: the test needs a missed one"
        point = points.missed[0]

        # The feedback fills the screen to be read: F7 works there, and from the answer box
        # once the next question is on (the last feedback stays markable).
        assert screen.reading and screen.feedback_pane.has_focus
        await run.press("f7")
        dialog = app.screen
        assert isinstance(dialog, MarkKeyPointDialog)
        sentences = dialog.query_one("#mark-sentence", OptionList)
        sentences.highlighted = 1  # "Lately I build payment APIs at Acme as a lead."
        await pilot.click("#confirm")
        await settle(pilot)
        assert app.screen is screen

        (stored,) = service.get_session_answers(session_id)
        assert [(m.key_point, m.quote) for m in stored.key_point_marks] == [
            (point, "Lately I build payment APIs at Acme as a lead.")]
        assert stored.ai_score == answer.ai_score and stored.ai_feedback == answer.ai_feedback
        body = screen.feedback_pane.query_one("#feedback-body", Static)
        out = StringIO()
        Console(file=out, width=200, color_system=None).print(body.content)
        assert f"✓ (your mark) {point} — “Lately I build payment APIs" in out.getvalue()
        assert f"Score {answer.ai_score}/10" in out.getvalue()


async def test_m_takes_the_answer_at_the_top_of_the_view(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    seed_completed_session(service, clock, seed_user(service), scores=(8, 6))
    app = app_factory()
    async with app.run_test(size=(80, 16)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        report = app.screen
        assert isinstance(report, ReportScreen) and report.loaded is not None
        first, second = report.loaded.report.answers
        assert report.selected_answer() == (1, first.id)  # at the top: the first answer
        # Scrolled past the first one's heading: the second.
        first_entry = report.query_one("#transcript-q1")
        report.scroller.scroll_to(y=first_entry.virtual_region.y + 1, animate=False)
        await pilot.pause()
        assert report.selected_answer() == (2, second.id)
        # Its question is in no bank and has no plan: nothing to mark, and it says so.
        await pilot.press("m")
        await settle(pilot)
        assert app.screen is report
        assert "Question 2 has no key points to mark." in notifications(app)
