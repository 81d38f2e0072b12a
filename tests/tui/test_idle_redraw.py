"""An interview at rest costs little CPU (issue 21): a running second repaints the big clock's
digits and nothing else, a paused one repaints nothing. The time shown is still the clock's
(tests/tui/test_timer_and_credits.py); here only what is repainted is checked."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from textual.widget import Widget

from mockmate_tui.core.clock import FakeClock
from mockmate_tui.service import MockMate
from tests.support.interview_driver import InterviewDriver, interview

from .conftest import AppFactory


@contextmanager
def repaints(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The widgets (by id, else class name) asked to repaint meanwhile."""
    asked: list[str] = []
    refresh = Widget.refresh

    def spy(self: Widget, *args: object, **kwargs: object) -> Widget:
        asked.append(self.id or type(self).__name__)
        return refresh(self, *args, **kwargs)  # type: ignore[arg-type]

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
        with repaints(monkeypatch) as asked:
            await one_second(run, clock)
        assert asked == ["timer-digits"]
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
