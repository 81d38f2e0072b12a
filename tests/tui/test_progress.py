"""The progress screen (F8 from any screen, or the palette), retry from a report and the
comparison screen, driven with Pilot on a real database. The answers are given through the
engine with a scripted evaluator (tests/support/practice.py), so the figures are known."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Sparkline, Static

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.service.interviews import InterviewEngine
from mockmate_tui.tui.screens.comparison import ComparisonScreen, RetryDialog
from mockmate_tui.tui.screens.home import HomeScreen
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.screens.progress import ProgressScreen
from mockmate_tui.tui.screens.report import ReportScreen
from tests.support.practice import ScriptedPerson, answer_session

from .conftest import AppFactory, notifications, seed_user, settle

DAY = 86_400
JOB = "Backend engineer"
DESCRIPTION = "Kafka and PostgreSQL at the core; Python services."


def practised(service: MockMate, clock: FakeClock) -> tuple[str, ScriptedPerson]:
    """Two sessions for one job, answered by a person bad at stories; the first's id."""
    person = ScriptedPerson()
    service._interviews = InterviewEngine(service, evaluator=person)
    user_id = seed_user(service)
    service.add_credits(user_id, 20)
    first = service.interviews.plan(user_id, "Mock 1", JOB, DESCRIPTION, count=5, seed=3,
                                    follow_ups=False)
    answer_session(service, person, first.id, clock)
    clock.advance(DAY)
    second = service.interviews.plan(user_id, "Mock 2", JOB, DESCRIPTION, count=5, seed=4,
                                     follow_ups=False)
    answer_session(service, person, second.id, clock)
    clock.advance(DAY)
    return first.id, person


def text_of(screen: ProgressScreen, selector: str) -> str:
    return "\n".join(str(widget.content) for widget in screen.query(selector).results(Static))


async def test_f8_opens_progress_with_sparklines_weak_areas_and_coverage(
        app_factory: AppFactory, service: MockMate, clock: FakeClock) -> None:
    practised(service, clock)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("f8")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen) and screen.view is not None
        # One trend per job (two sessions), and one per category: Textual's Sparkline.
        job_spark = screen.query_one("#job-0 Sparkline", Sparkline)
        assert len(list(job_spark.data or [])) == 2
        assert {s.name for s in screen.view.by_category} >= {"behavioral", "technical"}
        assert len(screen.query(Sparkline)) == 1 + len(screen.view.by_category) + 1
        # The weak areas due on each of the last 30 days, today last: none before practice.
        due = list(screen.query_one("#due-history Sparkline", Sparkline).data or [])
        assert len(due) == 30 and due[0] == 0 and due[-1] > 0
        weak = str(screen.query_one("#weak-areas", Static).content)
        assert "● due now" in weak and "No measurable result" in weak
        coverage = text_of(screen, ".coverage")
        assert f"{JOB}:" in coverage and "Kafka" in coverage
        assert "✗" in coverage or "✓" in coverage
        # w: a weak-spots session, opened in the interview screen.
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
        reasons = service.practice.plan_reasons(app.screen.session_id)
        assert reasons and all(r.startswith(("Weak spot: ", "A check")) for r in reasons.values())


async def test_progress_is_in_every_screens_palette(app_factory: AppFactory,
                                                   service: MockMate) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"progress and")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_retry_from_the_report_then_compare_and_export(
        app_factory: AppFactory, service: MockMate, clock: FakeClock, tmp_path: Path) -> None:
    first_id, person = practised(service, clock)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(ReportScreen(first_id))
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, RetryDialog)
        await pilot.press("enter")  # the first choice: the weakest answers
        await settle(pilot)
        interview = app.screen
        assert isinstance(interview, InterviewScreen)
        retry_id = interview.session_id
        assert all("Retry of question" in r
                   for r in service.practice.plan_reasons(retry_id).values())
        await pilot.press("escape")
        await settle(pilot)
        # The person answers the retry (through the engine), now telling stories well.
        person.improved = True
        answer_session(service, person, retry_id, clock)
        await app.push_screen(ReportScreen(retry_id))
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ComparisonScreen) and screen.comparisons
        changes = "\n".join(str(w.content) for w in screen.query(".compare-changes")
                            .results(Static))
        assert "Score 4/10 → 9/10 (+5)" in changes
        assert "Fixed: No measurable result" in changes
        await pilot.press("e")
        await settle(pilot)
        exported = list(tmp_path.glob("mockmate-retry-*.md"))
        assert len(exported) == 1
        assert "**Score 4/10 → 9/10 (+5)**" in exported[0].read_text(encoding="utf-8")
        assert any(str(exported[0]) in message for message in notifications(app))


async def test_the_new_session_form_takes_a_focus(app_factory: AppFactory,
                                                 service: MockMate) -> None:
    from textual.widgets import Input

    from mockmate_tui.questions import find_question
    from mockmate_tui.tui.screens.new_session import NewSessionScreen

    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        form.query_one("#session_name", Input).value = "Focused"
        form.query_one("#job_title", Input).value = "Backend engineer"
        form.query_one("#focus", Input).value = "Kafka, system design"
        await pilot.press("ctrl+s")
        await settle(pilot)
        interview = app.screen
        assert isinstance(interview, InterviewScreen)
        plan = service.interviews.progress(interview.session_id).questions
        slugs = {slug for q in plan if (found := find_question(q.text)) is not None
                 for slug in found.technologies}
        assert {"kafka", "system-design"} <= slugs


async def test_the_report_says_which_talking_points_were_shown(
        app_factory: AppFactory, service: MockMate, clock: FakeClock) -> None:
    person = ScriptedPerson()
    service._interviews = InterviewEngine(service, evaluator=person)
    user_id = seed_user(service)
    session = service.interviews.plan(user_id, "Mock 1", JOB, DESCRIPTION, count=2, seed=3,
                                      follow_ups=False)
    progress = service.interviews.start(session.id)
    number, points = service.practice.talking_points(session.id)
    assert number == 1 and points == progress.questions[0].key_points
    while progress.current is not None:
        clock.advance(60)
        progress = service.interviews.submit(
            session.id, person.answer(progress.current.category)).progress
    service.interviews.stop(session.id)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(ReportScreen(session.id))
        await settle(pilot)
        shown = app.screen.query_one("#points-shown", Static)
        assert "shown before answering question(s) 1." in str(shown.content)


async def test_over_a_simulated_week_the_weak_areas_due_shrink_on_screen(
        app_factory: AppFactory, service: MockMate, clock: FakeClock) -> None:
    """Bad at stories for two days, then better at them: the progress screen's count of weak
    areas due falls as the weak-spots sessions are answered well."""
    _, person = practised(service, clock)
    user = service.local_user()
    assert user is not None

    async def due_on_screen() -> int:
        app = app_factory()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("f8")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ProgressScreen) and screen.view is not None
            return sum(1 for area in screen.view.weak_areas if area.due)

    before = await due_on_screen()
    person.improved = True
    for _ in range(3):
        answer_session(service, person, service.practice.plan_weak_spots(user.id).id, clock)
        clock.advance(DAY)
    after = await due_on_screen()
    assert before > 0 and after < before, (before, after)


async def test_retry_one_question_from_the_report(app_factory: AppFactory, service: MockMate,
                                                  clock: FakeClock) -> None:
    first_id, _ = practised(service, clock)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(ReportScreen(first_id))
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("down", "down", "enter")  # past "the weakest answers": question 2
        await settle(pilot)
        interview = app.screen
        assert isinstance(interview, InterviewScreen)
        reasons = service.practice.plan_reasons(interview.session_id)
        assert list(reasons.values()) == [reasons[1]]
        assert reasons[1].startswith("Retry of question 2 from 'Mock 1'")


async def test_compare_on_a_session_that_retries_nothing_says_so_and_goes_back(
        app_factory: AppFactory, service: MockMate, clock: FakeClock) -> None:
    first_id, _ = practised(service, clock)
    app = app_factory()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.push_screen(ReportScreen(first_id))
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ReportScreen)
        assert any("retries no earlier answer" in m for m in notifications(app))
