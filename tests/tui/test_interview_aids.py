"""What helps the person answer, in the interview screen (issue 20), through the service calls
`mockmate practice` uses: F4 shows the question's talking points before answering (recorded,
so the report says so), a model answer is shown beside theirs after the feedback when one
exists, and a weak-spots session says why each question was picked."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.db.interview_repo import NewPlanItem
from mockmate_tui.questions import import_bank, user_bank_dir
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.screens.report import ReportScreen
from mockmate_tui.tui.widgets.feedback_pane import FeedbackPane
from tests.support.cable import Cable, cable_to
from tests.support.interview_driver import app_through, interview
from tests.support.practice import ScriptedPerson, answer_session, scripted_engine

from .conftest import QUESTIONS, AppFactory, notifications, seed_session, seed_user

POINTS = "Talking points: Current role; Relevant experience"


def shown(screen: InterviewScreen, selector: str) -> str | None:
    """The text of a line under the question, or None while it is hidden."""
    widget = screen.query_one(selector, Static)
    return str(widget.content) if widget.display else None


async def test_f4_shows_the_talking_points_and_the_report_says_so(
        app_factory: AppFactory, service: MockMate) -> None:
    async with interview(app_factory, service, start=False) as run:
        screen = run.screen
        await run.press("f4")  # not started: says how
        assert any("F5 to start" in message for message in notifications(run.app))
        assert shown(screen, "#question-points") is None
        await run.start()
        assert shown(screen, "#question-points") is None  # only when asked for
        await run.press("f4")
        assert shown(screen, "#question-points") == POINTS
        assert service.practice.points_shown(run.session_id) == (1,)

        await run.press("f5")  # paused: hidden with the question
        assert shown(screen, "#question-points") is None
        back = await run.leave_and_reopen()  # and shown again when it comes back
        await run.start()
        assert shown(back, "#question-points") == POINTS

        await run.answer("I lead a team of four building Python services.")
        assert back.current is not None and back.current.number == 2
        assert shown(back, "#question-points") is None  # question 2's were not asked for
        await run.press("f10")
        await run.press("enter")  # stop
        report = run.app.screen
        assert isinstance(report, ReportScreen)
        text = str(report.query_one("#points-shown", Static).content)
        assert "shown before answering question(s) 1." in text


MODEL_QUESTION = "How would you roll out a risky database migration without downtime?"
MODEL_ANSWER = ("I would expand and contract: add the new column, backfill it in batches while "
                "both versions write to it, switch reads behind a flag, and drop the old column "
                "a release later, with a rollback plan at every step.")
BANK = f'''
[[questions]]
text = "{MODEL_QUESTION}"
category = "technical"
difficulty = "hard"
expected_minutes = 5
key_points = ["Expand and contract", "Rollback plan"]
model_answer = "{MODEL_ANSWER}"
'''


def migration_question() -> NewPlanItem:
    """The bank's question with a model answer (BANK), as a session's question 1."""
    return NewPlanItem(question_number=1, question_text=MODEL_QUESTION, category="technical",
                       difficulty_level="hard", expected_duration=5,
                       key_points=("Expand and contract", "Rollback plan"))


def model_text(pane: FeedbackPane) -> str | None:
    """The model answer section as plain text, 100 columns wide; None while hidden."""
    widget = pane.query_one("#feedback-model", Static)
    if not widget.display:
        return None
    out = StringIO()
    Console(file=out, width=100, color_system=None).print(widget.content)
    return out.getvalue()


async def test_a_model_answer_is_shown_beside_the_persons_own(
        app_factory: AppFactory, service: MockMate, tmp_path: Path) -> None:
    source = tmp_path / "mine.toml"
    source.write_text(BANK, encoding="utf-8")
    import_bank(source, user_bank_dir(service.settings.data_dir))
    migration = migration_question()
    second = QUESTIONS[0].model_copy(update={"question_number": 2})
    mine = "I would add the new column first and copy the data over in batches."
    async with interview(app_factory, service, questions=(migration, second)) as run:
        pane = run.screen.feedback_pane
        await run.submit(mine)
        text = model_text(pane)
        assert text is not None
        header = text.splitlines()[:2]  # side by side: theirs on the left (its title wraps)
        yours_at = next(line.index("Your answer") for line in header if "Your answer" in line)
        model_at = next(line.index("A model") for line in header if "A model" in line)
        assert yours_at < model_at
        flat = " ".join(text.split())
        assert "someone else's experience)" in flat
        assert " ".join(mine.split()[:5]) in flat and "expand and contract" in flat
        assert pane.last is not None  # a mark redraws the feedback (marks.py): it stays
        pane.show_evaluation(pane.last[0], pane.last[1], ())
        assert model_text(pane) is not None

        await run.next_question()
        await run.submit("I lead a team of four building Python services.")
        assert pane.last is not None and pane.last[0] == 2
        assert model_text(pane) is None  # none in the bank, no language model: none invented


async def test_a_weak_spots_question_says_why_it_was_picked(
        app_factory: AppFactory, service: MockMate, clock: FakeClock) -> None:
    person = ScriptedPerson()  # bad at stories: their weak areas come due
    service._interviews = scripted_engine(service, person)
    user_id = seed_user(service)
    service.add_credits(user_id, 20)
    first = service.interviews.plan(user_id, "Mock 1", "Backend engineer",
                                    "Kafka and PostgreSQL; Python services.", count=5, seed=3,
                                    follow_ups=False)
    answer_session(service, person, first.id, clock)
    clock.advance(86_400)
    weak = service.practice.plan_weak_spots(user_id)
    reasons = service.practice.plan_reasons(weak.id)
    assert reasons  # what the test is about

    async with interview(app_factory, service, session_id=weak.id) as run:
        screen = run.screen
        assert shown(screen, "#question-why") == f"Why this question: {reasons[1]}"
        await run.press("ctrl+n")  # each question its own reason
        assert screen.current is not None and screen.current.number == 2
        assert shown(screen, "#question-why") == (
            f"Why this question: {reasons[2]}" if 2 in reasons else None)


async def test_an_ordinary_session_says_nothing_of_why(app_factory: AppFactory,
                                                       service: MockMate) -> None:
    async with interview(app_factory, service) as run:
        assert shown(run.screen, "#question-why") is None


@pytest.fixture
def cable(database_url: str) -> Iterator[Cable]:
    with cable_to(database_url) as cable:
        yield cable


async def test_offline_f4_shows_the_points_and_records_them_once_back_online(
        cable: Cable, clock: FakeClock, settings: Settings, tmp_path: Path,
        service: MockMate) -> None:
    session_id = seed_session(service, seed_user(service))
    app_factory = app_through(cable, clock, settings, tmp_path)
    async with interview(app_factory, service, session_id=session_id) as run:
        cable.unplug()
        await run.press("f4")
        await run.settle()
        assert shown(run.screen, "#question-points") == POINTS
        assert not any(message.startswith("The talking points are shown, but not recorded")
                       for message in notifications(run.app))
        cable.plug()
        run.screen.mockmate.service.heartbeat()  # type: ignore[union-attr]
        assert service.practice.points_shown(session_id) == (1,)
