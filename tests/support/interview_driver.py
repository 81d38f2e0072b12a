"""One driver for the interview set-ups of the TUI tests (issue 18): a seeded person and session,
the real app started, the session opened from home and (by default) F5 pressed; then the steps
every interview test takes (type, submit, read on, skip, pause, leave and come back) as one
call each, every one waiting until the app has settled.

    async with interview(app_factory, service) as run:
        run.type("My answer")
        await run.submit()
        await run.next_question()

For the Pilot tests only: it seeds through tests/tui/conftest.py (which imports pytest), so a
benchmark never imports it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from textual.pilot import Pilot

from mockmate_tui.config import Settings
from mockmate_tui.core.clock import FakeClock
from mockmate_tui.core.timer import TimerPhase
from mockmate_tui.db.interview_repo import NewPlanItem
from mockmate_tui.service import MockMate
from mockmate_tui.tui.app import MockMateApp, make_app
from mockmate_tui.tui.screens.home import HomeScreen
from mockmate_tui.tui.screens.interview import InterviewScreen
from tests.support.cable import Cable
from tests.tui.conftest import QUESTIONS, seed_session, seed_user, settle

SIZE = (100, 30)


@dataclass
class InterviewDriver:
    """The app, its pilot and the session being interviewed."""

    app: MockMateApp
    pilot: Pilot[None]
    service: MockMate
    session_id: str

    @property
    def screen(self) -> InterviewScreen:
        """The interview screen on top (a dialog over it fails the test)."""
        screen = self.app.screen
        assert isinstance(screen, InterviewScreen), f"not the interview: {screen!r}"
        return screen

    async def settle(self) -> None:
        await settle(self.pilot)

    async def press(self, *keys: str) -> None:
        """Press `keys`, then wait for what they started."""
        await self.pilot.press(*keys)
        await self.settle()

    async def open_from_home(self) -> InterviewScreen:
        """Enter on the history's selected session (the one seeded, or the newest)."""
        assert isinstance(self.app.screen, HomeScreen), f"not home: {self.app.screen!r}"
        await self.press("enter")
        return self.screen

    async def start(self) -> InterviewScreen:
        """F5 on a ready or paused interview: running afterwards."""
        await self.press("f5")
        screen = self.screen
        assert screen.phase is TimerPhase.RUNNING
        return screen

    def type(self, text: str) -> None:
        """Put `text` in the answer box at the cursor (as a paste would)."""
        self.screen.answer_pane.text_area.insert(text)

    async def submit(self, text: str | None = None) -> None:
        """ctrl+s (after typing `text`, if given); its feedback is then read."""
        if text is not None:
            self.type(text)
        await self.press("ctrl+s")

    async def next_question(self) -> None:
        """Enter after reading the feedback."""
        assert self.screen.reading, "no feedback is being read"
        await self.press("enter")

    async def answer(self, text: str, *, seconds: int = 0, clock: FakeClock | None = None) -> None:
        """Answer the question on screen `seconds` of running time after now, read the
        feedback and go on."""
        if seconds:
            assert clock is not None, "moving time needs the test's clock"
            clock.advance(seconds)
        await self.submit(text)
        await self.next_question()

    async def redraw(self) -> None:
        """Redraw the timer now, as the once-a-second ticker would."""
        self.screen.refresh_timer()
        await self.pilot.pause()

    async def leave_and_reopen(self) -> InterviewScreen:
        """Escape home (pausing), then open the interview again: paused."""
        await self.press("escape")
        return await self.open_from_home()


def app_through(cable: Cable, clock: FakeClock, settings: Settings,
                export_dir: Path) -> Callable[[], MockMateApp]:
    """An app factory whose service reaches the database through `cable` (unplug it to go
    offline), waiting at most half a second for a step before it does."""
    quick = replace(settings, database_timeout_seconds=0.5)

    def build() -> MockMateApp:
        return make_app(lambda: MockMate.open(cable.conninfo, clock, settings=quick,
                                              heartbeat=False),
                        clock=clock, export_dir=export_dir)

    return build


@asynccontextmanager
async def interview(app_factory: Callable[[], MockMateApp], service: MockMate, *,
                    questions: tuple[NewPlanItem, ...] = QUESTIONS,
                    session_id: str | None = None, size: tuple[int, int] = SIZE,
                    start: bool = True) -> AsyncIterator[InterviewDriver]:
    """A running app on the interview of a seeded session (or of `session_id`, seeded before,
    for a second app on the same interview): opened from home, and started with F5 unless
    `start` is False or it was started before (then it opens paused)."""
    if session_id is None:
        session_id = seed_session(service, seed_user(service), questions=questions)
    app = app_factory()
    async with app.run_test(size=size) as pilot:
        driver = InterviewDriver(app, pilot, service, session_id)
        await driver.settle()
        screen = await driver.open_from_home()
        assert screen.session_id == session_id
        if start and screen.phase is TimerPhase.CREATED:
            await driver.start()
        yield driver
