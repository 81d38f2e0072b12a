"""What the progress and comparison screens look like at 120x40, with the clock frozen and
answers given by a scripted person, so a change in layout shows up as a changed picture.

Update after an intended change with:
pytest tests/tui/test_snapshots_practice.py --snapshot-update (then look at the new SVGs)."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.comparison import ComparisonScreen
from tests.support.practice import answer_session

from .test_progress import practised
from .test_snapshots import then_still

from .conftest import AppFactory  # isort: skip

SnapCompare = Callable[..., bool]


def test_progress_screen(snap_compare: SnapCompare, app_factory: AppFactory,
                         service: MockMate, clock: FakeClock) -> None:
    practised(service, clock)

    async def open_progress(pilot: Pilot[None]) -> None:
        await pilot.press("f8")

    assert snap_compare(app_factory(), terminal_size=(120, 40),
                        run_before=then_still(open_progress))


def test_comparison_screen(snap_compare: SnapCompare, app_factory: AppFactory,
                           service: MockMate, clock: FakeClock) -> None:
    first_id, person = practised(service, clock)
    retry = service.practice.retry(first_id, weakest=1)
    person.improved = True
    answer_session(service, person, retry.id, clock)

    async def open_comparison(pilot: Pilot[None]) -> None:
        await pilot.app.push_screen(ComparisonScreen(retry.id))

    assert snap_compare(app_factory(), terminal_size=(120, 40),
                        run_before=then_still(open_comparison))
