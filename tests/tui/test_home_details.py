"""Home shows the highlighted session's details (job, status, date, questions asked and
answered, average score, billed time, credits, each category's average weakest first) and
they follow the cursor. Under the list at 80x24 and 60x20, so the names keep their room and
Score, Credits and F1 Help stay; beside it when the terminal has room for every column too."""

from __future__ import annotations

import re

from textual.app import App
from textual.widgets._footer import FooterKey

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.widgets.history_table import HistoryTable
from mockmate_tui.tui.widgets.session_details import SessionDetails

from .conftest import AppFactory, seed_completed_session, seed_session, seed_user, settle

LONG_NAME = "Evening round with system design and a long name"


def details(app: App[None]) -> SessionDetails:
    return app.screen.query_one(SessionDetails)


def f1_shown(app: App[None]) -> bool:
    keys = [key for key in app.screen.query(FooterKey) if key.key == "f1"]
    return bool(keys) and all(
        key.region.width > 0 and key.region.right <= app.size.width for key in keys
    )


def seed_two(service: MockMate, clock: FakeClock) -> tuple[str, str]:
    """A finished session scored 8 (introduction) and 6 (behavioral), and, newer, a planned
    one with a long name: (finished, planned)."""
    user_id = seed_user(service)
    done = seed_completed_session(
        service, clock, user_id, name="Morning round", job_title="Data Engineer", scores=(8, 6)
    )
    clock.advance(3600)
    planned = seed_session(service, user_id, name=LONG_NAME, job_title="Backend Engineer")
    return done, planned


async def test_the_details_follow_the_highlight(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    seed_two(service, clock)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = details(app)
        assert panel.display
        # The newest first: the planned session, nothing answered yet.
        text = panel.text
        assert "Backend Engineer" in text and "Ready" in text
        assert "Answered none yet" in text and "Credits 0" in text
        assert str(panel.border_title) == LONG_NAME  # the name in full, not cut
        await pilot.press("down")
        await pilot.pause()
        text = details(app).text
        assert "Data Engineer · Completed · Jan 05 09:00" in text
        assert "Answered 2 of 2" in text and "Score 7.0" in text
        assert "Billed 00:02:30" in text and "Credits 1" in text
        # Each category's average, weakest first.
        assert "By category behavioral 6.0 · introduction 8.0" in text
        assert str(details(app).border_title) == "Morning round"
        await pilot.press("up")
        await pilot.pause()
        assert "Ready" in details(app).text


async def test_under_the_list_at_80x24_and_60x20(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    seed_two(service, clock)
    for size in ((80, 24), (60, 20)):
        app = app_factory()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            table = app.screen.query_one(HistoryTable)
            panel = details(app)
            assert panel.region.y >= table.region.bottom, size
            assert panel.region.right <= size[0] and panel.region.bottom <= size[1] - 1
            widths = {str(c.label): c.width for c in table.columns.values()}
            assert {"Session", "Credits", "Score"} <= set(widths), size
            assert widths["Session"] >= 20, size
            # Both sessions still listed, and the footer keeps F1 Help.
            assert table.row_count == 2 and table.size.height >= 5, size
            assert f1_shown(app), size
            # The finished session's facts fit in the panel's width, uncut.
            await pilot.press("down")
            await pilot.pause()
            lines = details(app).text.splitlines()
            assert lines[1].endswith("Credits 1"), lines
            assert all(len(line) <= details(app).content_size.width for line in lines), size


async def test_beside_the_list_on_a_wide_terminal(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    seed_two(service, clock)
    app = app_factory()
    async with app.run_test(size=(150, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await pilot.pause()
        table = app.screen.query_one(HistoryTable)
        panel = details(app)
        assert panel.region.x >= table.region.right
        assert panel.region.y == table.region.y
        lines = panel.text.splitlines()
        assert "Job       Data Engineer" in lines and "Credits   1" in lines
        assert "Questions 2 asked, 2 answered" in lines
        # The table beside it keeps every column, and they fit inside it.
        assert "Billed" in {str(c.label) for c in table.columns.values()}
        widths = sum(c.get_render_width(table) for c in table.columns.values())
        assert widths <= table.size.width


async def test_no_sessions_no_details(app_factory: AppFactory, service: MockMate) -> None:
    seed_user(service)
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not details(app).display


async def test_over_a_simulated_week_the_weak_areas_due_shrink_on_home(
    app_factory: AppFactory, service: MockMate, clock: FakeClock
) -> None:
    """Bad at stories for two days, then better: the count of weak areas due that home shows
    under the profile falls as weak-spots sessions are answered well."""
    from tests.support.practice import answer_session

    from .test_progress import practised

    _, person = practised(service, clock)
    user = service.local_user()
    assert user is not None

    async def due_on_home() -> int:
        app = app_factory()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            profile = app.screen.query_one("#profile")
            line = str(profile.content).splitlines()[1]  # type: ignore[attr-defined]
            found = re.search(r"· (\d+) weak areas? due: F8$", line)
            if found is None:
                assert line.endswith("· no weak area due"), line
                return 0
            return int(found[1])

    before = await due_on_home()
    assert before == service.practice.due_count(user.id) > 0
    person.improved = True
    for _ in range(3):
        answer_session(service, person, service.practice.plan_weak_spots(user.id).id, clock)
        clock.advance(86_400)
    after = await due_on_home()
    assert after < before, (before, after)


async def test_the_details_draw_the_jobs_trend(
    app_factory: AppFactory, clock: FakeClock, service: MockMate
) -> None:
    """The highlighted session's job: the average of each of its scored sessions, oldest
    first, as a Sparkline; from the whole history, whatever the filters show."""
    from textual.widgets import Input, Sparkline

    user_id = seed_user(service)
    seed_completed_session(
        service, clock, user_id, name="First", job_title="Data Engineer", scores=(8, 6)
    )
    clock.advance(86_400)
    seed_completed_session(
        service, clock, user_id, name="Second", job_title="data engineer", scores=(9, 9)
    )
    clock.advance(3600)
    seed_session(service, user_id, name="Planned", job_title="Backend Engineer")
    for size in ((80, 24), (60, 20)):
        app = app_factory()
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            panel = details(app)
            assert panel.trend == [] and panel.trend_text == "no scored session yet"
            await pilot.press("down")  # Second
            await pilot.pause()
            assert panel.trend == [7.0, 9.0]
            assert panel.trend_text == "7.0 → 9.0 over 2 sessions"
            spark = panel.query_one(Sparkline)
            assert spark.display and spark.size.width >= 10, size
            assert spark.region.bottom <= panel.region.bottom - 1, size  # inside the border
            # Narrowed to one day, the trend still counts the job's every session.
            await pilot.press("slash")
            app.screen.query_one("#date-filter", Input).value = "2026-01-06"
            await pilot.pause()
            assert details(app).text.startswith("data engineer · Completed")
            assert details(app).trend == [7.0, 9.0]
