"""The progress screen read at 80x24 and 60x20: each chart line's figures whole in their
columns, the sparklines with room to show a trend, one line a weak area, the weak areas due
counted by kind, each job's description coverage as a bar, and F1 Help in the footer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Label, ProgressBar, Sparkline, Static

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.progress import ProgressScreen

from .conftest import AppFactory, settle
from .test_home_details import f1_shown
from .test_progress import practised
from .test_snapshots import then_still

SnapCompare = Callable[..., bool]


def label_text(label: Label) -> str:
    return str(label.content)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_progress_is_readable_on_a_small_terminal(
    app_factory: AppFactory, service: MockMate, clock: FakeClock, size: tuple[int, int]
) -> None:
    practised(service, clock)
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen) and screen.view is not None
        view = screen.view
        width = size[0]
        rows = list(screen.query(".progress-row").results())
        assert rows
        for row in rows:
            # The figures are whole: every one fits its column, and no line is taller than one.
            assert row.size.height == 1
            for cell in row.query(".progress-latest, .progress-change").results(Label):
                assert cell_len(label_text(cell)) <= cell.content_region.width, label_text(cell)
            for cell in row.query(".progress-count").results(Label):
                if cell.display:
                    assert cell_len(label_text(cell)) <= cell.content_region.width
            assert row.region.right <= width
        for spark in screen.query(Sparkline).results():
            if spark.data:
                assert spark.size.width >= 10
        job = screen.query_one("#job-0")
        figures = [
            label_text(c) for c in job.query(".progress-latest, .progress-change").results(Label)
        ]
        series = view.by_job[0]
        assert figures == [f"{series.latest:.1f}", f"{series.change:+.1f}"]
        # The count of sessions shows where there is room for it.
        count = job.query_one(".progress-count", Label)
        assert count.display == (width >= 70)
        assert f1_shown(app)


async def test_weak_areas_due_by_kind_one_line_each_and_coverage_bars(
    app_factory: AppFactory, service: MockMate, clock: FakeClock
) -> None:
    practised(service, clock)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ProgressScreen) and screen.view is not None
        view = screen.view
        due = [a for a in view.weak_areas if a.due]
        headings = [str(s.content) for s in screen.query(".report-heading").results(Static)]
        summary = next(h for h in headings if h.startswith("Weak areas"))
        assert summary.startswith(f"Weak areas: {len(due)} due of {len(view.weak_areas)} (")
        habits = sum(1 for a in due if a.kind == "criterion")
        assert habits and f"{habits} answer habits" in summary
        # One line an area, however long its label.
        weak = screen.query_one("#weak-areas", Static)
        assert weak.size.height == len(view.weak_areas)
        # Each job's coverage as a bar: the skills shown of those the description names.
        assert view.coverage
        for number, coverage in enumerate(view.coverage):
            row = screen.query_one(f"#coverage-{number}")
            bar = row.query_one(ProgressBar)
            assert bar.total == max(len(coverage.skills), 1)
            assert bar.progress == coverage.shown
            assert label_text(row.query_one(".progress-latest", Label)) == (
                f"{coverage.shown}/{len(coverage.skills)}"
            )


def test_progress_snapshot_at_80x24(
    snap_compare: SnapCompare, app_factory: AppFactory, service: MockMate, clock: FakeClock
) -> None:
    practised(service, clock)

    async def open_progress(pilot: Pilot[None]) -> None:
        await pilot.press("f8")

    assert snap_compare(app_factory(), terminal_size=(80, 24), run_before=then_still(open_progress))
