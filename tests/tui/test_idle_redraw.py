"""An interview at rest costs little CPU (issue 21): a running second repaints the big clock's
digits and nothing else, a paused one repaints nothing. The time shown is still the clock's
(tests/tui/test_timer_and_credits.py); here only what is repainted is checked."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.widget import Widget

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from mockmate_tui.tui.widgets.notice import Notice
from tests.support.interview_driver import InterviewDriver, interview

from .conftest import AppFactory


@contextmanager
def repaints(monkeypatch: pytest.MonkeyPatch,
             regions: list[tuple[Region, ...]] | None = None) -> Iterator[list[str]]:
    """The widgets (by id, else class name) asked to repaint meanwhile; `regions` gets the
    parts of them asked for (none: all of the widget)."""
    asked: list[str] = []
    refresh = Widget.refresh

    def spy(self: Widget, *args: Region, **kwargs: bool) -> Widget:
        asked.append(self.id or type(self).__name__)
        if regions is not None:
            regions.append(args)
        return refresh(self, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(Widget, "refresh", spy)
        yield asked


async def one_second(run: InterviewDriver, clock: FakeClock) -> None:
    clock.advance(1)
    await run.redraw()


async def test_a_running_second_repaints_only_the_digits(
        app_factory: AppFactory, clock: FakeClock, service: MockMate,
        monkeypatch: pytest.MonkeyPatch) -> None:
    async with interview(app_factory, service) as run:
        clock.advance(61)
        await run.redraw()
        regions: list[tuple[Region, ...]] = []
        with repaints(monkeypatch, regions) as asked:
            await one_second(run, clock)
        assert asked == ["timer-digits"]
        # ...and of the digits the last one ("00:01:01" to "00:01:02"; 3 cells wide each).
        assert regions == [(Region(21, 0, 3, 3),)]
        assert run.screen.timer_display.shown_time == "00:01:02"


async def test_a_new_minute_repaints_the_question_clock_too(
        app_factory: AppFactory, clock: FakeClock, service: MockMate,
        monkeypatch: pytest.MonkeyPatch) -> None:
    async with interview(app_factory, service) as run:
        clock.advance(59)
        await run.redraw()
        with repaints(monkeypatch) as asked:
            await one_second(run, clock)
        assert {"timer-digits", "question-clock"} <= set(asked)
        assert "On it 1 min" in run.screen.question_pane.clock_text


async def test_a_paused_interview_repaints_nothing(
        app_factory: AppFactory, clock: FakeClock, service: MockMate,
        monkeypatch: pytest.MonkeyPatch) -> None:
    async with interview(app_factory, service) as run:
        await run.press("f5")  # pause
        with repaints(monkeypatch) as asked:
            for _ in range(3):
                await one_second(run, clock)
        assert asked == []


async def test_the_notice_repaints_only_when_it_says_something_new(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Offline, the interview says "offline, N waiting" again every second."""

    class OneNotice(App[None]):
        def compose(self) -> ComposeResult:
            yield Notice(id="notice")

    app = OneNotice()
    async with app.run_test() as pilot:
        notice = app.query_one(Notice)
        notice.say("Offline: 2 steps wait for the database")
        await pilot.pause()
        with repaints(monkeypatch) as asked:
            for _ in range(3):
                notice.say("Offline: 2 steps wait for the database")
                await pilot.pause()
        assert asked == []
        with repaints(monkeypatch) as asked:
            notice.say(None)
            await pilot.pause()
        assert "notice" in asked and not notice.display
