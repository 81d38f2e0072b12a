"""Narrow terminals: at 80 columns the session's name gets the room (not the date, the billed
time or a job title column repeating it); at 60x20 Score and Credits stay, the footer keeps F1
Help and the answer box keeps at least 5 rows. Choices show their state by a glyph, not only a
colour; averages line up."""

from __future__ import annotations

from textual.app import App
from textual.widgets._footer import FooterKey

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.screens.interview import InterviewScreen
from mockmate_tui.tui.screens.new_session import NewSessionScreen
from mockmate_tui.tui.widgets.choices import MarkedCheckbox, MarkedSelectionList
from mockmate_tui.tui.widgets.history_table import HistoryTable
from tests.support.interview_driver import interview

from .conftest import AppFactory, seed_completed_session, seed_session, seed_user, settle

LONG_NAME = "Evening round with system design and a long name"


def columns(table: HistoryTable) -> dict[str, int]:
    return {str(column.label): column.width for column in table.columns.values()}


def f1_shown(app: App[None]) -> bool:
    """F1 Help whole in the footer: inside the screen, and not under the palette's entry,
    which is docked on the right over whatever reaches it."""
    width = app.size.width
    keys = [key for key in app.screen.query(FooterKey) if key.key == "f1"]
    palette = [key.region for key in app.screen.query(FooterKey)
               if key.has_class("-command-palette")]
    return bool(keys) and all(key.region.width >= len("f1 Help") and key.region.right <= width
                              and not any(key.region.overlaps(other) for other in palette)
                              for key in keys)


async def test_the_history_at_80_and_60_columns(app_factory: AppFactory, clock: FakeClock,
                                                service: MockMate) -> None:
    user_id = seed_user(service)
    seed_completed_session(service, clock, user_id, name="Practice: Data Engineer",
                           scores=(8, 6))
    clock.advance(60)
    seed_session(service, user_id, name=LONG_NAME)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(HistoryTable)
        widths = columns(table)
        assert "Billed" not in widths and widths["Date"] <= 6
        # The job joins the name: a name that says it ("Practice: Data Engineer") is not cut
        # beside a column repeating it; another name is followed by it.
        assert "Job title" not in widths and widths["Session"] >= 36
        sessions = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        assert sessions == [f"{LONG_NAME} · Backend Engineer", "Practice: Data Engineer"]
        assert str(table.get_row_at(1)[-1]) == "7.0"  # one precision in the column
        assert f1_shown(app)
    app = app_factory()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(HistoryTable)
        widths = columns(table)
        assert {"Session", "Credits", "Score"} <= set(widths)
        assert sum(widths.values()) + 2 * len(widths) <= 60
        assert f1_shown(app)


async def test_the_interview_at_60x20(app_factory: AppFactory, service: MockMate) -> None:
    seed_session(service, seed_user(service))
    app = app_factory()
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "f5")
        await settle(pilot)
        interview = app.screen
        assert isinstance(interview, InterviewScreen)
        assert interview.answer_pane.text_area.content_region.height >= 5
        assert f1_shown(app)


async def test_the_interview_at_80x24_with_every_key_shown(
        app_factory: AppFactory, service: MockMate) -> None:
    """While the next question is answered below the last feedback, the footer shows eight
    keys (F6 Speak and F7 Mark among them): the palette's entry made way for them, or it left
    "f1 Hel"."""
    async with interview(app_factory, service, size=(80, 24)) as run:
        await run.answer("I would add an index on the customer id and check the plan.")
        await run.settle()
        shown = {key.key for key in run.app.screen.query(FooterKey)}
        assert {"f6", "f7", "f5", "ctrl+s", "ctrl+n", "f10", "escape", "f1"} <= shown
        assert f1_shown(run.app)


async def test_the_palettes_entry_stays_where_the_keys_leave_room(
        app_factory: AppFactory, service: MockMate) -> None:
    async with interview(app_factory, service, size=(100, 30)) as run:
        await run.answer("I would add an index on the customer id and check the plan.")
        await run.settle()
        assert any(key.has_class("-command-palette") for key in run.app.screen.query(FooterKey))
        assert f1_shown(run.app)


async def test_choices_show_their_state_by_a_glyph(app_factory: AppFactory,
                                                  service: MockMate) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, NewSessionScreen)
        categories = form.query_one("#categories", MarkedSelectionList)
        categories.deselect("technical")
        await pilot.pause()
        lines = [categories.render_line(y).text for y in range(4)]
        assert all("✓" in line for line in lines if "Technical" not in line)
        assert all("✓" not in line and "X" not in line for line in lines
                   if "Technical" in line)
        follow_ups = form.query_one("#follow_ups", MarkedCheckbox)
        assert "✓" in str(follow_ups.render())
        follow_ups.value = False
        await pilot.pause()
        assert "✓" not in str(follow_ups.render()) and "X" not in str(follow_ups.render())


async def test_an_average_that_leaves_questions_out_says_so(
        app_factory: AppFactory, clock: FakeClock, service: MockMate) -> None:
    user_id = seed_user(service)
    seed_completed_session(service, clock, user_id, name="Whole", scores=(8, 6))
    clock.advance(600)
    seed_completed_session(service, clock, user_id, name="Part", scores=(9, None))
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(HistoryTable)
        scores = [str(table.get_row_at(row)[-1]) for row in range(2)]
        assert scores == ["9.0*", "7.0"]
        assert "skipped ones left out" in str(table.border_subtitle)
