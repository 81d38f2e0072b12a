"""What each screen looks like at 80x24 (the smallest size MockMate supports) and at 120x40, with
the clock frozen and fixed data, so a change in layout shows up as a changed picture.

Update after an intended change with: pytest tests/tui/test_snapshots.py --snapshot-update
(then look at the new SVGs in tests/tui/__snapshots__ before committing them).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.app import MockMateApp
from mockmate_tui.tui.screens.interview import InterviewScreen

from .conftest import AppFactory, seed_completed_session, seed_session, seed_user, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
SnapCompare = Callable[..., bool]
RunBefore = Callable[[Pilot[None]], Awaitable[None]]


def still(app: MockMateApp) -> None:
    """Nothing that moves by itself: no blinking cursors, no toasts."""
    for widget in app.screen.query(TextArea):
        widget.cursor_blink = False
    for field in app.screen.query(Input):
        field.cursor_blink = False
    app.clear_notifications()


def then_still(steps: RunBefore | None = None) -> RunBefore:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if steps is not None:
            await steps(pilot)
            await settle(pilot)
        still(pilot.app)  # type: ignore[arg-type]
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_welcome(snap_compare: SnapCompare, app_factory: AppFactory,
                 size: tuple[int, int]) -> None:
    assert snap_compare(app_factory(), terminal_size=size, run_before=then_still())


@pytest.mark.parametrize("size", SIZES)
def test_home_with_history(snap_compare: SnapCompare, app_factory: AppFactory,
                           service: MockMate, clock: FakeClock,
                           size: tuple[int, int]) -> None:
    user_id = seed_user(service)
    seed_completed_session(service, clock, user_id, name="Morning round",
                           job_title="Data Engineer", scores=(8, 6))
    clock.advance(600)
    paused = seed_session(service, user_id, name="Lunch round",
                          job_title="Site Reliability Engineer")
    service.start_interview_timer(paused)
    clock.advance(200)
    service.pause_interview_timer(paused)
    clock.advance(600)
    seed_session(service, user_id, name="Evening round", job_title="Backend Engineer")
    assert snap_compare(app_factory(), terminal_size=size, run_before=then_still())


@pytest.mark.parametrize("size", SIZES)
def test_new_session_with_errors(snap_compare: SnapCompare, app_factory: AppFactory,
                                 service: MockMate, size: tuple[int, int]) -> None:
    seed_user(service)

    async def submit_empty_form(pilot: Pilot[None]) -> None:
        await pilot.press("n")
        await settle(pilot)
        pilot.app.screen.query_one("#question_count", Input).value = "99"
        await pilot.press("ctrl+s")

    assert snap_compare(app_factory(), terminal_size=size,
                        run_before=then_still(submit_empty_form))


async def _open_running_interview(pilot: Pilot[None], session_id: str, clock: FakeClock,
                                  seconds: float) -> InterviewScreen:
    screen = InterviewScreen(session_id)
    await pilot.app.push_screen(screen)
    await settle(pilot)
    await pilot.press("f5")
    await settle(pilot)
    screen.answer_pane.text_area.insert(
        "At my last job I owned the billing service: Python, PostgreSQL and a queue. "
        "I cut failed charges by a third by making retries idempotent."
    )
    clock.advance(seconds)
    screen.refresh_timer()
    return screen


@pytest.mark.parametrize("size", SIZES)
def test_interview_running(snap_compare: SnapCompare, app_factory: AppFactory,
                           service: MockMate, clock: FakeClock,
                           size: tuple[int, int]) -> None:
    session_id = seed_session(service, seed_user(service))

    async def run(pilot: Pilot[None]) -> None:
        await _open_running_interview(pilot, session_id, clock, 83)

    assert snap_compare(app_factory(), terminal_size=size, run_before=then_still(run))


@pytest.mark.parametrize("size", SIZES)
def test_interview_paused(snap_compare: SnapCompare, app_factory: AppFactory,
                          service: MockMate, clock: FakeClock,
                          size: tuple[int, int]) -> None:
    session_id = seed_session(service, seed_user(service))

    async def run(pilot: Pilot[None]) -> None:
        screen = await _open_running_interview(pilot, session_id, clock, 3300)
        await pilot.press("f5")
        await settle(pilot)
        clock.advance(120)
        screen.refresh_timer()

    assert snap_compare(app_factory(), terminal_size=size, run_before=then_still(run))


@pytest.mark.parametrize("size", SIZES)
def test_interview_reading_feedback(snap_compare: SnapCompare, app_factory: AppFactory,
                                    service: MockMate, clock: FakeClock,
                                    size: tuple[int, int]) -> None:
    """After a submit: the feedback in full, focused; enter brings the next question."""
    session_id = seed_session(service, seed_user(service))

    async def run(pilot: Pilot[None]) -> None:
        screen = await _open_running_interview(pilot, session_id, clock, 83)
        screen.answer_pane.text_area.insert(
            "I lead a team of four building Python services on PostgreSQL; last year we cut "
            "p99 latency by 40% by reworking our connection pooling.")
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen.refresh_timer()

    assert snap_compare(app_factory(), terminal_size=size, run_before=then_still(run))


@pytest.mark.parametrize("size", SIZES)
def test_report(snap_compare: SnapCompare, app_factory: AppFactory, service: MockMate,
                clock: FakeClock, size: tuple[int, int]) -> None:
    seed_completed_session(service, clock, seed_user(service), scores=(9, 4, None))

    async def open_report(pilot: Pilot[None]) -> None:
        await pilot.press("enter")

    assert snap_compare(app_factory(), terminal_size=size, run_before=then_still(open_report))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: SnapCompare, app_factory: AppFactory, service: MockMate,
              size: tuple[int, int]) -> None:
    seed_user(service)

    async def open_help(pilot: Pilot[None]) -> None:
        await pilot.press("f1")

    assert snap_compare(app_factory(), terminal_size=size, run_before=then_still(open_help))
