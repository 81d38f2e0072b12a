"""The history's filters (`/`): free text, one job title (a choice of the jobs in the history)
and a range of days typed as a person says it. A range that is not one gets a one-line error
and narrows nothing; escape clears every filter."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Select, Static

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.history_filters import BadDates, DayRange, parse_day_range
from mockmate_tui.tui.widgets.history_table import HistoryTable

from .conftest import AppFactory, seed_session, seed_user, settle

DAY = 86_400
TODAY = date(2026, 3, 15)


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("", None, None),
        ("2026-03-02", date(2026, 3, 2), date(2026, 3, 2)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("2026-02-10..2026-03", date(2026, 2, 10), date(2026, 3, 31)),
        ("2026-02 .. ", date(2026, 2, 1), None),
        ("..2026-02-10", None, date(2026, 2, 10)),
        ("7d", date(2026, 3, 9), TODAY),
        ("1d", TODAY, TODAY),
        ("2W", date(2026, 3, 2), TODAY),
        ("today", TODAY, TODAY),
        ("yesterday..today", date(2026, 3, 14), TODAY),
    ],
)
def test_ranges_of_days(typed: str, first: date | None, last: date | None) -> None:
    assert parse_day_range(typed, TODAY) == DayRange(first, last)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("last week", "“last week” is not a date; try 2026-11 or 7d"),
        ("2026-02-30", "there is no 2026-02-30"),
        ("2026-13", "there is no 2026-13"),
        ("2026-03..2026-02", "2026-03-01..2026-02-28 runs backwards"),
        ("..", "give a start, an end or both around “..”"),
        ("0d", "1d is today; 0d is no day at all"),
    ],
)
def test_what_is_not_a_range_says_why(typed: str, says: str) -> None:
    with pytest.raises(BadDates) as raised:
        parse_day_range(typed, TODAY)
    # Said in one line of a 60-column terminal, after "Dates: ".
    assert str(raised.value) == says and len(says) <= 60 - 4 - 7


def names(app: object) -> list[str]:
    """The sessions' names as listed (below 100 columns the job follows the name: "Monday ·
    Data Engineer")."""
    table = app.screen.query_one(HistoryTable)  # type: ignore[attr-defined]
    column = 1 if table.ordered_columns[0].key.value == "date" else 0
    return [str(table.get_row_at(row)[column]).split(" · ")[0]
            for row in range(table.row_count)]


def seed_days(service: MockMate, clock: FakeClock) -> None:
    """Sessions on Jan 05, 06 and 08 (2026), two jobs, one spelt two ways."""
    user_id = seed_user(service)
    seed_session(service, user_id, name="Monday", job_title="Backend Engineer")
    clock.advance(DAY)
    seed_session(service, user_id, name="Tuesday", job_title="Data Engineer [senior]")
    clock.advance(2 * DAY)
    seed_session(service, user_id, name="Thursday", job_title="backend engineer ")


async def test_filter_by_job_and_by_days(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    seed_days(service, clock)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert names(app) == ["Thursday", "Tuesday", "Monday"]
        await pilot.press("slash")
        await pilot.pause()
        screen = app.screen
        # The filters take one row and leave the list its full width.
        assert screen.query_one("#filters").size.height == 1
        assert screen.query_one(HistoryTable).region.right == 80 - 1
        job: Select[str] = screen.query_one("#job-filter", Select)
        # One choice a job: titles that differ in case or spacing are one job, named as first
        # written.
        assert [str(prompt) for prompt, _ in job._options[1:]] == [
            "Backend Engineer",
            "Data Engineer [senior]",
        ]
        # Shown as written, never read as markup.
        job.value = "data engineer [senior]"
        await pilot.pause()
        shown = job.query_one("SelectCurrent #label", Static).render()
        assert "Data Engineer [senior]" in str(shown)
        job.value = "backend engineer"
        await pilot.pause()
        assert names(app) == ["Thursday", "Monday"]
        dates = screen.query_one("#date-filter", Input)
        hint = screen.query_one("#filter-hint", Static)
        assert not hint.display
        dates.focus()
        await pilot.pause()
        # While the dates have focus, a line of examples says what they may be.
        assert hint.display and ".." in str(hint.content) and hint.size.height == 1
        await pilot.press(*"2026-01-05..2026-01-06")
        await pilot.pause()
        assert names(app) == ["Monday"]
        job.clear()
        await pilot.pause()
        assert names(app) == ["Tuesday", "Monday"]
        # The last 3 days, as of the clock's today (Jan 08).
        dates.value = "3d"
        await pilot.pause()
        assert names(app) == ["Thursday", "Tuesday"]
        # With the free text too.
        screen.query_one("#filter", Input).value = "thu"
        await pilot.pause()
        assert names(app) == ["Thursday"]
        # Enter leaves the filters showing and goes to the list; escape clears them all.
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(HistoryTable).has_focus
        assert screen.query_one("#filters").display and not hint.display
        await pilot.press("escape")
        await pilot.pause()
        assert names(app) == ["Thursday", "Tuesday", "Monday"]
        assert not screen.query_one("#filters").display
        assert dates.value == "" and job.is_blank()


async def test_dates_that_are_not_a_range_say_so_in_one_line(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    seed_days(service, clock)
    app = app_factory()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        screen = app.screen
        dates = screen.query_one("#date-filter", Input)
        dates.value = "2026-01-40"
        await pilot.pause()
        error = screen.query_one("#filter-error", Static)
        assert error.display and dates.has_class("-invalid")
        assert not screen.query_one("#filter-hint").display  # the error instead
        assert str(error.content) == "Dates: there is no 2026-01-40"
        assert error.size.height == 1
        assert names(app) == ["Thursday", "Tuesday", "Monday"]  # nothing narrowed
        dates.value = "2026-01-08"
        await pilot.pause()
        assert not error.display and not dates.has_class("-invalid")
        assert names(app) == ["Thursday"]


async def test_no_match_says_how_to_clear(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    seed_days(service, clock)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        app.screen.query_one("#date-filter", Input).value = "2025"
        await pilot.pause()
        empty = app.screen.query_one("#history-empty", Static)
        assert empty.display
        assert "No session matches the filters" in str(empty.content)
